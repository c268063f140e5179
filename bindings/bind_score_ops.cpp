// Score and Track operation methods with symusic's names and signatures (inplace flags, returned
// self), plus tick <-> quarter/second conversions as numpy arrays.
#include "bind_score_ops.h"

#include <nanobind/ndarray.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <optional>
#include <string>
#include <vector>

#include "bind_events.h"
#include "miditok/score/score_ops.h"
#include "miditok/score/score_time_ops.h"
#include "miditok/score/time_conversion.h"

namespace nb = nanobind;

namespace miditok::bindings {
namespace {

// Runs `op` on self (inplace) or on a copy, and returns the edited object, as symusic does.
template <class T, class Op>
nb::object edit(nb::handle self, bool inplace, Op op) {
  nb::object result = inplace ? nb::borrow(self) : nb::cast(T(nb::cast<const T&>(self)));
  T& target = nb::cast<T&>(result);
  if constexpr (std::is_same_v<T, Score>) {
    guarded_inplace(target, op, &Score::tracks, &Score::tempos, &Score::time_signatures,
                    &Score::key_signatures, &Score::markers);
  } else {
    guarded_inplace(target, op, &Track::notes, &Track::controls, &Track::pitch_bends,
                    &Track::pedals, &Track::lyrics);
  }
  return result;
}

template <class T>
nb::object to_array(const std::vector<T>& values) {
  auto [arr, buf] = new_column<T>(values.size());
  std::copy(values.begin(), values.end(), buf);
  return arr;
}

template <class T, class Cls>
void bind_common(Cls& cls) {
  cls.def(
         "clip",
         [](nb::handle self, tick_t start, tick_t end, bool clip_end, bool inplace) {
           return edit<T>(self, inplace, [&](T& x) { clip_inplace(x, start, end, clip_end); });
         },
         nb::arg("start"), nb::arg("end"), nb::arg("clip_end") = false, nb::arg("inplace") = false,
         "Keeps the events in [start, end) (notes and pedals wholly inside when clip_end, default "
         "False). On a copy, returned, unless inplace (default False): then self, edited.")
      .def(
          "shift_time",
          [](nb::handle self, tick_t offset, bool inplace) {
            return edit<T>(self, inplace, [&](T& x) { shift_time_inplace(x, offset); });
          },
          nb::arg("offset"), nb::arg("inplace") = false,
          "Adds offset to every event time. On a copy, returned, unless inplace (default False): "
          "then self, edited.")
      .def(
          "shift_pitch",
          [](nb::handle self, int offset, bool inplace) {
            return edit<T>(self, inplace, [&](T& x) { shift_pitch_inplace(x, offset); });
          },
          nb::arg("offset"), nb::arg("inplace") = false,
          "Adds offset to every note pitch (ValueError if one leaves [0, 127]). On a copy, "
          "returned, unless inplace (default False): then self, edited.")
      .def(
          "shift_velocity",
          [](nb::handle self, int offset, bool inplace) {
            return edit<T>(self, inplace, [&](T& x) { shift_velocity_inplace(x, offset); });
          },
          nb::arg("offset"), nb::arg("inplace") = false,
          "Adds offset to every note velocity (ValueError if one leaves [0, 127]). On a copy, "
          "returned, unless inplace (default False): then self, edited.")
      .def(
          "sort",
          [](nb::handle self, bool reverse, bool inplace) {
            return edit<T>(self, inplace, [&](T& x) { sort_inplace(x, reverse); });
          },
          nb::arg("reverse") = false, nb::arg("inplace") = true,
          "Sorts every event list by its default key (stable), in decreasing order when reverse "
          "(default False). In place, returning self, unless inplace is False (default True): "
          "then on a copy, returned.")
      .def(
          "adjust_time",
          [](nb::handle self, const std::vector<tick_t>& original_times,
             const std::vector<tick_t>& new_times, bool inplace) {
            check_adjust_times(original_times, new_times);
            return edit<T>(self, inplace,
                           [&](T& x) { adjust_time_inplace(x, original_times, new_times); });
          },
          nb::arg("original_times"), nb::arg("new_times"), nb::arg("inplace") = false,
          "Maps every time through the piecewise-linear map original_times -> new_times (both "
          "sorted, same length >= 2; offsets truncated toward zero), as symusic: events not "
          "wholly inside [original_times[0], original_times[-1]] are removed. On a copy, "
          "returned, unless inplace (default False): then in place, returning self.")
      .def_prop_ro(
          "ttype", [](nb::handle) { return tick_ttype(); }, kTtypeDoc);
}

// A binding computing a tick grid of the score (GIL released) as an int32 numpy array.
template <class Grid>
auto tick_grid(Grid grid) {
  return [grid](const Score& s, tick_t start_time) {
    std::vector<tick_t> ticks;
    {
      nb::gil_scoped_release release;
      ticks = grid(s, start_time);
    }
    return to_array(ticks);
  };
}

std::vector<tick_t> tick_vector(nb::handle values) {
  auto col = as_column<tick_t>(values);
  return std::vector<tick_t>(col.data(), col.data() + col.shape(0));
}

std::vector<float> float_vector(nb::handle values) {
  auto col = as_column<float>(values);
  return std::vector<float>(col.data(), col.data() + col.shape(0));
}

}  // namespace

void bind_score_ops(nb::class_<Track>& track, nb::class_<Score>& score) {
  bind_common<Track>(track);
  track.def("start", &track_start, "First tick of any event (0 when empty).")
      .def("end", &track_end, "Last tick reached by the track (0 when empty).")
      .def("empty", &track_empty, "True when the track has no event.")
      .def(
          "trim",
          [](nb::handle self, tick_t start, tick_t end, tick_t min_overlap,
             const std::string& start_mode, const std::string& end_mode, bool inplace) {
            return edit<Track>(self, inplace, [&](Track& t) {
              trim_inplace(t, start, end, min_overlap, start_mode, end_mode);
            });
          },
          nb::arg("start"), nb::arg("end"), nb::arg("min_overlap") = 0,
          nb::arg("start_mode") = "remove", nb::arg("end_mode") = "remove",
          nb::arg("inplace") = false,
          "Keeps the notes and pedals in [start, end), as symusic: start_mode (for those "
          "starting before start) and end_mode (for those ending after end), each 'remove' "
          "(default: drop them) or 'truncate' (cut them to the window when they overlap it by "
          "at least min_overlap, default 0); controls, pitch bends and lyrics keep [start, end). "
          "On a copy, returned, unless inplace (default False): then in place, returning self.");

  bind_common<Score>(score);
  score.def("start", &score_start, "First tick of any event (0 when empty).")
      .def("end", &score_end, "Last tick reached by any event (0 for an empty score).")
      .def("note_num", &note_num, "Total number of notes.")
      .def("empty", &score_empty, "True when the score has no track and no global event.")
      .def("get_beats", tick_grid(&score_beats), nb::arg("start_time") = 0,
           "Beat ticks from start_time to the score's end (int32 numpy array), as symusic: "
           "one per denominator note, per three in compound meters (6/8, 9/8, 12/8...), one "
           "per quarter before the first time signature.")
      .def("get_downbeats", tick_grid(&score_downbeats), nb::arg("start_time") = 0,
           "Bar-start ticks among get_beats(start_time) (int32 numpy array), 4/4 assumed "
           "before the first time signature, as symusic.")
      .def(
          "resample",
          [](const Score& s, tick_t tpq, std::optional<tick_t> min_dur) {
            nb::gil_scoped_release release;
            return resample(s, tpq, min_dur.value_or(0));
          },
          nb::arg("tpq"), nb::arg("min_dur") = nb::none(),
          "The score at tpq ticks per quarter (times rounded, durations >= min_dur).")
      .def(
          "ticks_to_quarters",
          [](const Score& s, nb::handle ticks) {
            return to_array(ticks_to_quarters(s, tick_vector(ticks)));
          },
          nb::arg("ticks"),
          "The tick times ticks (a sequence or array) as quarter notes (float32 numpy array).")
      .def(
          "quarters_to_ticks",
          [](const Score& s, nb::handle quarters) {
            return to_array(quarters_to_ticks(s, float_vector(quarters)));
          },
          nb::arg("quarters"),
          "The quarter-note times quarters (a sequence or array) as ticks (int32 numpy array).")
      .def(
          "ticks_to_seconds",
          [](const Score& s, nb::handle ticks) {
            return to_array(ticks_to_seconds(s, tick_vector(ticks)));
          },
          nb::arg("ticks"),
          "The tick times ticks (a sequence or array) in seconds through the tempo map (float32 "
          "numpy array).")
      .def(
          "seconds_to_ticks",
          [](const Score& s, nb::handle seconds) {
            return to_array(seconds_to_ticks(s, float_vector(seconds)));
          },
          nb::arg("seconds"), "Times in seconds as ticks through the tempo map (int32 array).");
}

}  // namespace miditok::bindings
