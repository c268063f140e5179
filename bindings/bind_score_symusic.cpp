// symusic interop of Track and Score: implicit conversion from symusic's tick-unit objects, the
// symusic state bytes both ways (one call hands a whole score over), and `to(ttype)`, whose
// quarter and second units are symusic's (our Score holds ticks only).
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>

#include <string_view>

#include "bind_symusic.h"
#include "miditok/score/symusic_state.h"

namespace miditok::bindings {

bool is_symusic_instance(nb::handle obj, const std::vector<std::string>& names) {
  if (names.empty() || !obj.is_valid()) return false;
  // Short type names first (no allocation): tp_name ends with the class name.
  const std::string_view tp_name = Py_TYPE(obj.ptr())->tp_name;
  bool candidate = false;
  for (const auto& n : names) candidate = candidate || tp_name.ends_with(n);
  if (!candidate) return false;
  PyObject* module =
      PyObject_GetAttrString(reinterpret_cast<PyObject*>(Py_TYPE(obj.ptr())), "__module__");
  if (module == nullptr) {
    PyErr_Clear();
    return false;
  }
  const char* module_name = PyUnicode_Check(module) ? PyUnicode_AsUTF8(module) : nullptr;
  const bool ok = module_name != nullptr && std::string_view(module_name) == "symusic.core";
  if (module_name == nullptr) PyErr_Clear();
  Py_DECREF(module);
  if (!ok) return false;
  for (const auto& n : names) {
    if (tp_name == n || tp_name.ends_with("." + n)) return true;
  }
  return false;
}

namespace {

std::string_view view_of(const nb::bytes& b) { return {b.c_str(), b.size()}; }

nb::bytes to_bytes(const std::string& s) { return nb::bytes(s.data(), s.size()); }

nb::object score_module() { return nb::module_::import_("miditok_cpp.score"); }

// A method returning write(x) as bytes, written with the GIL released.
template <class T, class Write>
auto state_of(Write write) {
  return [write](const T& x) {
    std::string state;
    {
      nb::gil_scoped_release release;
      state = write(x);
    }
    return to_bytes(state);
  };
}

}  // namespace

void bind_score_symusic(nb::class_<Track>& track, nb::class_<Score>& score) {
  symusic_names<Track> = {"TrackTick"};
  symusic_names<Score> = {"ScoreTick", "ScoreQuarter", "ScoreSecond"};

  track
      .def(
          "__init__",
          [](Track* self, const SymusicObject<Track>& other) {
            nb::object ours = score_module().attr("_track_from_symusic")(other.obj);
            new (self) Track(nb::cast<const Track&>(ours));
          },
          nb::arg("other"), "A copy of other, a symusic track (tick unit).")
      .def("_symusic_state", state_of<Track>(&track_to_symusic_state),
           "The track as symusic's TrackTick state bytes.")
      .def_static(
          "_from_symusic_state",
          [](const nb::bytes& state) { return track_from_symusic_state(view_of(state)); },
          nb::arg("state"), "A track from symusic's TrackTick state bytes.");
  nb::implicitly_convertible<SymusicObject<Track>, Track>();

  score
      .def("_symusic_state", state_of<Score>(&to_symusic_state),
           "The score as symusic's ScoreTick state bytes.")
      .def_static(
          "_from_symusic_state",
          [](const nb::bytes& state) {
            const std::string_view data = view_of(state);
            nb::gil_scoped_release release;
            return from_symusic_state(data);
          },
          nb::arg("state"), "A score from symusic's ScoreTick state bytes.")
      .def(
          "to",
          [](nb::handle self, nb::handle ttype, nb::handle min_dur) {
            return score_module().attr("_to")(self, ttype, min_dur);
          },
          nb::arg("ttype"), nb::arg("min_dur") = nb::none(),
          "The score in the time unit ttype, as symusic's Score.to: 'tick' gives a copy of this "
          "Score; 'quarter' and 'second' give symusic's ScoreQuarter / ScoreSecond (symusic "
          "needed, ImportError otherwise), whose durations are at least min_dur (default None: "
          "symusic's default). ValueError for another unit.")
      .def_static(
          "from_file",
          [](nb::handle path, nb::handle fmt, nb::handle format, nb::handle sanitize_data) {
            return nb::typed<nb::object, Score>(
                score_module().attr("from_file")(path, fmt, format, sanitize_data));
          },
          nb::arg("path"), nb::arg("fmt") = nb::none(), nb::arg("format") = nb::none(),
          nb::arg("sanitize_data") = false,
          nb::sig("def from_file(path: str | bytes | os.PathLike, fmt: str | None = None, "
                  "format: str | None = None, sanitize_data: bool = False) -> Score"),
          "Loads a MIDI or ABC file, as ``symusic.Score.from_file``.\n\n"
          "``path`` is the file to read. ``fmt`` (or its alias ``format``, default None) is "
          "``\"midi\"`` or ``\"abc\"``; when both are None the extension decides (``.abc`` is "
          "ABC, anything else MIDI). ``sanitize_data`` (default False, MIDI only) clamps data "
          "bytes above 127 to 127 instead of raising. Returns the Score; raises MidiError on a "
          "malformed file, IoError when it cannot be read and ValueError on an unknown format.")
      .def_static(
          "from_symusic",
          [](nb::handle other) {
            return nb::typed<nb::object, Score>(score_module().attr("from_symusic")(other));
          },
          nb::arg("score"), nb::sig("def from_symusic(score: typing.Any) -> Score"),
          "Converts ``score``, a ``symusic.Score`` in any time unit (converted to ticks) or a "
          "miditok_cpp Score (copied), into a new miditok_cpp Score.")
      .def(
          "to_symusic", [](nb::handle self) { return score_module().attr("to_symusic")(self); },
          nb::sig("def to_symusic(self) -> typing.Any"),
          "This score as a new ``symusic.Score`` in ticks. Raises ImportError when symusic is "
          "not installed.");
  nb::implicitly_convertible<SymusicObject<Score>, Score>();
}

}  // namespace miditok::bindings
