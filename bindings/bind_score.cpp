// Score bindings: the event types and their lists, Track and Score with symusic's names, bulk
// numpy access, equality, copies and pickling; Score loads from a path, str or bytes.
#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>

#include <cmath>
#include <optional>
#include <string>

#include "bind.h"
#include "bind_events.h"
#include "bind_path.h"
#include "bind_score_ops.h"
#include "bind_symusic.h"
#include "miditok/core/error.h"
#include "miditok/midi/abc.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/midi/midi_writer.h"
#include "miditok/score/score.h"
#include "miditok/score/score_ops.h"
#include "miditok/score/score_serialize.h"

namespace nb = nanobind;

namespace miditok::bindings {
namespace {

Score score_from_bytes(const nb::bytes& data, const std::string& source, bool sanitize = false) {
  const auto* ptr = reinterpret_cast<const std::uint8_t*>(data.c_str());
  const std::size_t size = data.size();
  nb::gil_scoped_release release;
  return read_midi(std::span<const std::uint8_t>(ptr, size), source, sanitize);
}

Score score_from_path(const std::string& path, bool sanitize = false) {
  nb::gil_scoped_release release;
  return read_midi_file(path, sanitize);
}

// A list attribute: the getter returns a view, the setter assigns without freeing viewed storage.
template <class T, class List>
auto list_getter(List T::*member) {
  return [member](T& obj) -> List& { return obj.*member; };
}
template <class T, class List>
auto list_setter(List T::*member) {
  return [member](T& obj, nb::handle value) { assign_from_python(obj.*member, value); };
}

nb::bytes to_pybytes(const std::string& s) { return nb::bytes(s.data(), s.size()); }

// numpy()/from_numpy() for text events: times as int32, texts as an object array of str.
void bind_text_numpy(nb::class_<std::vector<TextMeta>>& list) {
  using List = std::vector<TextMeta>;
  list.def(
      "numpy",
      [](const List& l) {
        auto [times, buf] = new_column<tick_t>(l.size());
        nb::list texts;
        for (std::size_t i = 0; i < l.size(); ++i) {
          buf[i] = l[i].time;
          texts.append(nb::str(l[i].text.data(), l[i].text.size()));
        }
        nb::dict out;
        out["time"] = times;
        out["text"] = nb::module_::import_("numpy").attr("array")(texts, nb::arg("dtype") = "O");
        return out;
      },
      "The events as a dict of numpy columns: 'time' (int32) and 'text' (object array of str). "
      "symusic 0.6.0 raises here instead (docs/differences.md).");
  list.def_static(
      "from_numpy",
      [](nb::handle time, nb::handle text) {
        auto times = as_column<tick_t>(time);
        nb::list texts = nb::list(text);
        if (texts.size() != times.shape(0)) {
          throw nb::value_error("from_numpy: time and text have different lengths");
        }
        List out(times.shape(0));
        for (std::size_t i = 0; i < out.size(); ++i) {
          out[i].time = times.data()[i];
          out[i].text = nb::cast<std::string>(texts[i]);
        }
        return out;
      },
      nb::arg("time"), nb::arg("text"),
      "Builds a list of TextMeta from numpy columns (or sequences): time, the ticks, and text, "
      "the str of each event, of the same length (else ValueError); numpy()'s dict unpacks into "
      "it. symusic 0.6.0 raises here instead (docs/differences.md).");
}

void bind_text_meta(nb::module_& m) {
  auto text_meta =
      nb::class_<TextMeta>(m, "TextMeta",
                           "A text event (marker or lyric): TextMeta(time, text), time in ticks.")
          .def(nb::init<>())
          .def(
              "__init__",
              [](TextMeta* self, tick_t time, std::string text) {
                new (self) TextMeta{time, std::move(text)};
              },
              nb::arg("time"), nb::arg("text"))
          .def_rw("time", &TextMeta::time)
          .def_rw("text", &TextMeta::text)
          .def(
              "__eq__", [](const TextMeta& a, const TextMeta& b) { return a == b; },
              nb::is_operator(), nb::sig(kEqSignature))
          .def(
              "__init__",
              [](TextMeta* self, const SymusicObject<TextMeta>& other) {
                new (self) TextMeta{nb::cast<tick_t>(other.obj.attr("time")),
                                    nb::cast<std::string>(other.obj.attr("text"))};
              },
              nb::arg("other"), "A copy of other, a symusic text event (tick unit).")
          .def(
              "copy", [](const TextMeta& e) { return TextMeta(e); }, "A copy of the event.")
          .def("__copy__", [](const TextMeta& e) { return TextMeta(e); })
          .def(
              "__deepcopy__", [](const TextMeta& e, nb::handle) { return TextMeta(e); },
              nb::arg("memo"))
          .def("__getstate__", [](const TextMeta& e) { return nb::make_tuple(e.time, e.text); })
          .def("__setstate__",
               [](TextMeta& e, const nb::tuple& t) {
                 new (&e) TextMeta{nb::cast<tick_t>(t[0]), nb::cast<std::string>(t[1])};
               })
          .def("__repr__", [](const TextMeta& e) {
            return "TextMeta(time=" + std::to_string(e.time) + ", text=" +
                   nb::cast<std::string>(nb::repr(nb::str(e.text.c_str(), e.text.size()))) + ")";
          });
  symusic_names<TextMeta> = {"TextMetaTick"};
  nb::implicitly_convertible<SymusicObject<TextMeta>, TextMeta>();
  bind_event_time_methods<TextMeta>(text_meta);
  using List = std::vector<TextMeta>;
  auto list = nb::bind_vector<List, nb::rv_policy::reference_internal>(m, "TextMetaList");
  bind_list_algorithms<List>(list);
  bind_list_time_methods<List>(list);
  bind_text_numpy(list);
  bind_safe_mutators<List>(list);
  list.def("copy", [](const List& l) { return List(l); })
      .def("__copy__", [](const List& l) { return List(l); })
      .def(
          "__deepcopy__", [](const List& l, nb::handle) { return List(l); }, nb::arg("memo"))
      .def(
          "__eq__", [](const List& a, const List& b) { return a == b; }, nb::is_operator(),
          nb::sig(kEqSignature))
      .def("__getstate__",
           [](const List& l) {
             nb::list out;
             for (const auto& e : l) out.append(nb::make_tuple(e.time, e.text));
             return out;
           })
      .def("__setstate__", [](List& l, const nb::list& items) {
        new (&l) List();
        for (nb::handle h : items) {
          auto t = nb::cast<nb::tuple>(h);
          l.push_back(TextMeta{nb::cast<tick_t>(t[0]), nb::cast<std::string>(t[1])});
        }
      });
}

void bind_events(nb::module_& m) {
  auto note = bind_event<Note>(m, "Note", "NoteList", "A note: onset, duration, pitch, velocity.",
                               Field{"time", &Note::time}, Field{"duration", &Note::duration},
                               Field{"pitch", &Note::pitch}, Field{"velocity", &Note::velocity});
  note.def_prop_rw(
          "start", [](const Note& n) { return n.time; }, [](Note& n, tick_t t) { n.time = t; },
          "Onset tick (= time; setting it moves the note, its duration kept), as symusic.")
      .def_prop_rw(
          "end", [](const Note& n) { return n.end(); },
          [](Note& n, tick_t end) { n.duration = end - n.time; },
          "End tick (time + duration; setting it sets the duration to end - time), as symusic.")
      .def(
          "empty", [](const Note& n) { return n.duration <= 0 || n.velocity <= 0; },
          "True when the duration or the velocity is not positive.")
      .def(
          "ent_time", [](const Note& n) { return n.end(); },
          "End tick (time + duration), as symusic's method of this spelling.")
      .def(
          "shift_pitch",
          [](nb::handle self, int offset, bool inplace) {
            return edit_value<Note>(self, inplace,
                                    [offset](Note& n) { shift_pitch_inplace(n, offset); });
          },
          nb::arg("offset"), nb::arg("inplace") = false,
          "Adds offset to the pitch (ValueError if it leaves [0, 127]). On a copy, returned, "
          "unless inplace (default False): then self, edited.")
      .def(
          "shift_velocity",
          [](nb::handle self, int offset, bool inplace) {
            return edit_value<Note>(self, inplace,
                                    [offset](Note& n) { shift_velocity_inplace(n, offset); });
          },
          nb::arg("offset"), nb::arg("inplace") = false,
          "Adds offset to the velocity (ValueError if it leaves [0, 127]). On a copy, returned, "
          "unless inplace (default False): then self, edited.");
  auto pedal = bind_event<Pedal>(m, "Pedal", "PedalList", "A sustain pedal held for a duration.",
                                 Field{"time", &Pedal::time}, Field{"duration", &Pedal::duration});
  pedal
      .def_prop_rw(
          "end", [](const Pedal& p) { return p.end(); },
          [](Pedal& p, tick_t end) { p.duration = end - p.time; },
          "Release tick (time + duration; setting it sets the duration to end - time), as symusic.")
      .def_prop_rw(
          "start", [](const Pedal& p) { return p.time; },
          [](Pedal& p, tick_t time) { p.time = time; },
          "Press tick (= time; setting it moves the pedal, its duration kept), as symusic.");
  bind_event<ControlChange>(m, "ControlChange", "ControlChangeList", "A control change.",
                            Field{"time", &ControlChange::time},
                            Field{"number", &ControlChange::number},
                            Field{"value", &ControlChange::value});
  bind_event<PitchBend>(m, "PitchBend", "PitchBendList", "A pitch bend in [-8192, 8191].",
                        Field{"time", &PitchBend::time}, Field{"value", &PitchBend::value});
  auto tempo = bind_event<Tempo>(m, "Tempo", "TempoList",
                                 "A tempo change (microseconds per quarter, qpm derived).",
                                 Field{"time", &Tempo::time}, Field{"mspq", &Tempo::mspq});
  tempo
      .def(
          "__init__",
          [](Tempo* self, tick_t time, std::optional<double> qpm,
             std::optional<std::int32_t> mspq) {
            new (self) Tempo{time, 500000};
            if (mspq) {
              self->mspq = *mspq;
            } else if (qpm) {
              self->mspq = static_cast<std::int32_t>(std::round(60000000.0 / *qpm));
            }
          },
          nb::arg("time"), nb::arg("qpm") = nb::none(), nb::arg("mspq") = nb::none(),
          "A tempo change at tick time: mspq microseconds per quarter note, or qpm quarter notes "
          "per minute when mspq is None (each default None; both None: 120 qpm).")
      .def_prop_rw(
          "qpm", [](const Tempo& t) { return t.qpm(); },
          [](Tempo& t, double qpm) {
            t.mspq = static_cast<std::int32_t>(std::round(60000000.0 / qpm));
          },
          "Quarter notes per minute (60e6 / mspq).")
      .def_prop_rw(
          "tempo", [](const Tempo& t) { return t.qpm(); },
          [](Tempo& t, double qpm) {
            t.mspq = static_cast<std::int32_t>(std::round(60000000.0 / qpm));
          },
          "Alias of qpm.");
  bind_event<TimeSignature>(m, "TimeSignature", "TimeSignatureList", "A time signature.",
                            Field{"time", &TimeSignature::time},
                            Field{"numerator", &TimeSignature::numerator},
                            Field{"denominator", &TimeSignature::denominator});
  bind_event<KeySignature>(m, "KeySignature", "KeySignatureList",
                           "A key signature: sharps (> 0) or flats (< 0), tonality 0/1.",
                           Field{"time", &KeySignature::time}, Field{"key", &KeySignature::key},
                           Field{"tonality", &KeySignature::tonality});
  bind_text_meta(m);
}

nb::class_<Track> bind_track(nb::module_& m) {
  auto cls = nb::class_<Track>(m, "Track", "One instrument (program, drum flag) with its events.");
  cls.def(nb::init<>())
      .def(
          "__init__",
          [](Track* self, std::string name, std::uint8_t program, bool is_drum) {
            new (self) Track{};
            self->name = std::move(name);
            self->program = program;
            self->is_drum = is_drum;
          },
          nb::arg("name") = "", nb::arg("program") = 0, nb::arg("is_drum") = false,
          "An empty track named name (default \"\"), of MIDI program program (default 0), a "
          "drum track when is_drum (default False).")
      .def_rw("name", &Track::name)
      .def_rw("program", &Track::program)
      .def_rw("is_drum", &Track::is_drum)
      .def_prop_rw("notes", list_getter(&Track::notes), list_setter(&Track::notes),
                   nb::rv_policy::reference_internal)
      .def_prop_rw("controls", list_getter(&Track::controls), list_setter(&Track::controls),
                   nb::rv_policy::reference_internal)
      .def_prop_rw("pitch_bends", list_getter(&Track::pitch_bends),
                   list_setter(&Track::pitch_bends), nb::rv_policy::reference_internal)
      .def_prop_rw("pedals", list_getter(&Track::pedals), list_setter(&Track::pedals),
                   nb::rv_policy::reference_internal)
      .def_prop_rw("lyrics", list_getter(&Track::lyrics), list_setter(&Track::lyrics),
                   nb::rv_policy::reference_internal)
      .def(
          "note_num", [](const Track& t) { return t.notes.size(); }, "Number of notes.")
      .def(
          "__eq__", [](const Track& a, const Track& b) { return a == b; }, nb::is_operator(),
          nb::sig(kEqSignature))
      .def(
          "copy", [](const Track& t, bool) { return Track(t); }, nb::arg("deep") = true,
          "A copy of the track (always deep, whatever deep says: tracks own their events).")
      .def("__copy__", [](const Track& t) { return Track(t); })
      .def(
          "__deepcopy__", [](const Track& t, nb::handle) { return Track(t); }, nb::arg("memo"))
      .def("__getstate__",
           [](const Track& t) {
             Score s;
             s.tracks.push_back(t);
             return to_pybytes(serialize_score(s));
           })
      .def("__setstate__",
           [](Track& t, const nb::bytes& b) {
             Score s = deserialize_score(std::string_view(b.c_str(), b.size()));
             new (&t) Track(s.tracks.empty() ? Track{} : std::move(s.tracks[0]));
           })
      .def("__repr__", [](const Track& t) {
        return "Track(name=" + nb::cast<std::string>(nb::repr(nb::str(t.name.c_str()))) +
               ", program=" + std::to_string(t.program) +
               ", is_drum=" + (t.is_drum ? "True" : "False") +
               ", notes=" + std::to_string(t.notes.size()) + ")";
      });
  using List = std::vector<Track>;
  auto list = nb::bind_vector<List, nb::rv_policy::reference_internal>(m, "TrackList");
  bind_list_algorithms<List>(list);
  bind_safe_mutators<List>(list);
  list.def("copy", [](const List& l) { return List(l); })
      .def("__copy__", [](const List& l) { return List(l); })
      .def(
          "__deepcopy__", [](const List& l, nb::handle) { return List(l); }, nb::arg("memo"))
      .def(
          "__eq__", [](const List& a, const List& b) { return a == b; }, nb::is_operator(),
          nb::sig(kEqSignature));
  return cls;
}

nb::class_<Score> bind_score_class(nb::module_& m) {
  auto cls = nb::class_<Score>(
      m, "Score", "A piece in ticks: tracks plus tempo, time/key signature maps and markers.");
  cls.def(
         "__init__",
         [](Score* self, nb::handle x, nb::handle ttype, nb::handle fmt) {
           nb::object loaded =
               nb::module_::import_("miditok_cpp.score").attr("_construct")(x, ttype, fmt);
           if (loaded.is_none()) {
             new (self) Score{};
             self->ticks_per_quarter = nb::cast<tick_t>(x);
           } else if (nb::isinstance<nb::bytes>(loaded)) {
             new (self) Score(score_from_bytes(nb::borrow<nb::bytes>(loaded), "<bytes>"));
           } else {
             new (self) Score(nb::cast<const Score&>(loaded));
           }
         },
         nb::arg("x") = 960, nb::arg("ttype") = "tick", nb::arg("fmt") = nb::none(),
         "A score, as symusic's Score(x, ttype, fmt): x (default 960) is a resolution in ticks "
         "per quarter note (an empty score), a MIDI or ABC file path, MIDI bytes, or a score "
         "(ours or symusic's) to copy; ttype (default \"tick\") must be \"tick\" (ValueError "
         "otherwise: this Score holds ticks only); fmt (default None) forces the file format "
         "(\"midi\" or \"abc\") of a path.")
      .def_static(
          "from_midi",
          [](const nb::bytes& data, bool sanitize_data) {
            return score_from_bytes(data, "<bytes>", sanitize_data);
          },
          nb::arg("data"), nb::arg("sanitize_data") = false,
          "Parses SMF bytes (symusic's Score.from_midi; sanitize_data clamps data bytes to 127).")
      .def_static(
          "_from_midi_file",
          [](const FsPath& path, bool sanitize_data) {
            return score_from_path(path, sanitize_data);
          },
          nb::arg("path"), nb::arg("sanitize_data") = false)
      .def_static(
          "from_tpq",
          [](tick_t tpq) {
            Score s;
            s.ticks_per_quarter = tpq;
            return s;
          },
          nb::arg("tpq") = 960, "An empty score at tpq (default 960) ticks per quarter note.")
      .def(
          "dumps_midi",
          [](const Score& s) {
            std::vector<std::uint8_t> bytes;
            {
              nb::gil_scoped_release release;
              bytes = write_midi(s);
            }
            return nb::bytes(reinterpret_cast<const char*>(bytes.data()), bytes.size());
          },
          "The score as SMF format-1 bytes (symusic's dumps_midi).")
      .def(
          "dump_midi",
          [](const Score& s, nb::handle path) {
            std::string p;
            if (!fs_bytes(path, p))
              throw nb::type_error("path: expected str, bytes or os.PathLike");
            nb::gil_scoped_release release;
            write_midi_file(s, p);
          },
          nb::arg("path"), "Writes the score as an SMF file at path.")
      .def_static(
          "from_abc",
          [](const std::string& abc) {
            nb::gil_scoped_release release;
            return read_abc(abc);
          },
          nb::arg("abc"),
          "Parses the ABC notation text abc through abc2midi (MidiError when it fails).")
      .def_static(
          "from_abc_file",
          [](nb::handle path) {
            std::string p;
            if (!fs_bytes(path, p))
              throw nb::type_error("path: expected str, bytes or os.PathLike");
            nb::gil_scoped_release release;
            return read_abc_file(p);
          },
          nb::arg("path"), "Parses the ABC file at path through abc2midi (IoError / MidiError).")
      .def(
          "dumps_abc",
          [](const Score& s, bool warn) {
            nb::gil_scoped_release release;
            return write_abc(s, warn);
          },
          nb::arg("warn") = false,
          "The score as ABC text through midi2abc (its warnings go to stderr when warn, default "
          "False).")
      .def(
          "dump_abc",
          [](const Score& s, nb::handle path, bool warn) {
            std::string p;
            if (!fs_bytes(path, p))
              throw nb::type_error("path: expected str, bytes or os.PathLike");
            nb::gil_scoped_release release;
            write_abc_file(s, p, warn);
          },
          nb::arg("path"), nb::arg("warn") = false,
          "Writes the score as an ABC file at path through midi2abc (its warnings go to stderr "
          "when warn, default False).")
      .def_rw("ticks_per_quarter", &Score::ticks_per_quarter)
      .def_rw("tpq", &Score::ticks_per_quarter)
      .def_prop_rw("tracks", list_getter(&Score::tracks), list_setter(&Score::tracks),
                   nb::rv_policy::reference_internal)
      .def_prop_rw("tempos", list_getter(&Score::tempos), list_setter(&Score::tempos),
                   nb::rv_policy::reference_internal)
      .def_prop_rw("time_signatures", list_getter(&Score::time_signatures),
                   list_setter(&Score::time_signatures), nb::rv_policy::reference_internal)
      .def_prop_rw("key_signatures", list_getter(&Score::key_signatures),
                   list_setter(&Score::key_signatures), nb::rv_policy::reference_internal)
      .def_prop_rw("markers", list_getter(&Score::markers), list_setter(&Score::markers),
                   nb::rv_policy::reference_internal)
      .def(
          "track_num", [](const Score& s) { return s.tracks.size(); }, "Number of tracks.")
      .def(
          "__eq__", [](const Score& a, const Score& b) { return a == b; }, nb::is_operator(),
          nb::sig(kEqSignature))
      .def(
          "copy", [](const Score& s, bool) { return Score(s); }, nb::arg("deep") = true,
          "A copy of the score (always deep: scores own their events).")
      .def("__copy__", [](const Score& s) { return Score(s); })
      .def(
          "__deepcopy__", [](const Score& s, nb::handle) { return Score(s); }, nb::arg("memo"))
      .def("__getstate__", [](const Score& s) { return to_pybytes(serialize_score(s)); })
      .def("__setstate__",
           [](Score& s, const nb::bytes& b) {
             new (&s) Score(deserialize_score(std::string_view(b.c_str(), b.size())));
           })
      .def("__repr__", [](const Score& s) {
        std::size_t notes = 0;
        for (const auto& t : s.tracks) notes += t.notes.size();
        return "Score(ttype=Tick, tpq=" + std::to_string(s.ticks_per_quarter) +
               ", tracks=" + std::to_string(s.tracks.size()) + ", notes=" + std::to_string(notes) +
               ")";
      });
  return cls;
}

}  // namespace

void bind_score(nb::module_& m) {
  bind_events(m);
  auto track = bind_track(m);
  auto score = bind_score_class(m);
  bind_score_ops(track, score);
  bind_score_symusic(track, score);
  m.def("_add_program_fallback_dir", &add_program_fallback_dir, nb::arg("dir"),
        "Adds a directory searched after PATH for abc2midi / midi2abc.");
}

}  // namespace miditok::bindings
