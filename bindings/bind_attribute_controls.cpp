// Attribute-control bindings: the control classes (MidiTok's names and constructor arguments),
// their computation on note arrays, and the seeded random AC indexes. No logic here.
#include "bind_attribute_controls.h"

#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/shared_ptr.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <tuple>

#include "bind.h"
#include "miditok/attribute_controls/attribute_controls.h"
#include "miditok/core/error.h"
#include "miditok/preprocess/time_grid.h"

namespace nb = nanobind;

namespace miditok::bindings {
namespace {

using IntArray = nb::ndarray<const std::int32_t, nb::ndim<1>, nb::c_contig, nb::device::cpu>;
using RawEvent = std::tuple<std::string, std::string, tick_t>;

std::vector<RawEvent> compute_arrays(const AttributeControl& ac, IntArray time, IntArray duration,
                                     IntArray pitch, IntArray velocity, tick_t track_end,
                                     tick_t ticks_per_quarter,
                                     const std::vector<tick_t>& bars_ticks,
                                     const std::vector<tick_t>& beats_ticks,
                                     const std::vector<int>& bar_indexes) {
  const std::size_t n = time.shape(0);
  if (duration.shape(0) != n || pitch.shape(0) != n || velocity.shape(0) != n) {
    throw ConfigError(
        "attribute control: time, duration, pitch and velocity arrays differ in size");
  }
  std::vector<RawEvent> out;
  {
    nb::gil_scoped_release release;
    std::vector<Note> notes(n);
    for (std::size_t i = 0; i < n; ++i) {
      notes[i] = {time(i), duration(i), static_cast<std::int8_t>(pitch(i)),
                  static_cast<std::int8_t>(velocity(i))};
    }
    for (AcEvent& e : ac.compute_notes(notes, track_end, ticks_per_quarter, bars_ticks, beats_ticks,
                                       bar_indexes)) {
      out.emplace_back(std::move(e.type), std::move(e.value), e.time);
    }
  }
  return out;
}

std::vector<AttributeControlPtr> to_const(const std::vector<std::shared_ptr<AttributeControl>>& v) {
  return {v.begin(), v.end()};
}

int to_int(nb::handle h, const char* what) {
  try {
    return nb::cast<int>(nb::int_(h));
  } catch (const std::exception&) {
    throw ConfigError(std::string("attribute_controls_indexes: ") + what +
                      " must be an int, received " +
                      nb::cast<std::string>(nb::str(nb::type_name(h.type()))));
  }
}

nb::object mapping_items(nb::handle mapping, const char* what) {
  if (!nb::hasattr(mapping, "items")) {
    throw ConfigError(std::string("attribute_controls_indexes: ") + what +
                      " must be a mapping, received " +
                      nb::cast<std::string>(nb::str(nb::type_name(mapping.type()))));
  }
  return mapping.attr("items")();
}

}  // namespace

AcIndexes ac_indexes_from_python(nb::handle indexes) {
  AcIndexes out;
  if (indexes.is_none()) return out;
  for (nb::handle track_item : mapping_items(indexes, "the argument")) {
    const auto track_kv = nb::borrow<nb::tuple>(track_item);
    TrackAcIndexes& track = out[to_int(track_kv[0], "a track index")];
    for (nb::handle ac_item : mapping_items(track_kv[1], "each track's value")) {
      const auto ac_kv = nb::borrow<nb::tuple>(ac_item);
      const int ac_idx = to_int(ac_kv[0], "an attribute control index");
      const nb::handle value = ac_kv[1];
      std::vector<int> bars;
      // Track-level controls are computed whatever the value (MidiTok: "anything"); for a
      // bar-level one, True means every bar and False / None no bar.
      if (PyBool_Check(value.ptr())) {
        if (value.ptr() == Py_True) bars.push_back(kAllBars);
      } else if (nb::hasattr(value, "__iter__")) {
        for (nb::handle b : nb::iter(value)) bars.push_back(to_int(b, "a bar index"));
      }
      track.emplace_back(ac_idx, std::move(bars));
    }
  }
  return out;
}

void bind_attribute_controls(nb::module_& m) {
  nb::class_<AttributeControl>(m, "AttributeControl",
                               "Base of the attribute controls (MidiTok's AttributeControl).")
      .def_prop_ro("tokens", &AttributeControl::tokens,
                   "The tokens this control can produce, in MidiTok's vocabulary order.")
      .def_prop_ro("name", &AttributeControl::name, "MidiTok's class name of the control.")
      .def_prop_ro("is_bar_level", &AttributeControl::is_bar_level,
                   "True for a bar-level control, false for a track-level one.")
      .def(
          "_compute_track",
          [](const AttributeControl& ac, const Track& track, tick_t ticks_per_quarter,
             const std::vector<tick_t>& bars_ticks, const std::vector<tick_t>& beats_ticks,
             const std::vector<int>& bar_indexes) {
            std::vector<RawEvent> out;
            nb::gil_scoped_release release;
            for (AcEvent& e :
                 ac.compute(track, ticks_per_quarter, bars_ticks, beats_ticks, bar_indexes)) {
              out.emplace_back(std::move(e.type), std::move(e.value), e.time);
            }
            return out;
          },
          nb::arg("track"), nb::arg("time_division"), nb::arg("ticks_bars"), nb::arg("ticks_beats"),
          nb::arg("bars_idx"), "Events (type, value, time) of a miditok_cpp Track.")
      .def("_compute_arrays", &compute_arrays, nb::arg("time"), nb::arg("duration"),
           nb::arg("pitch"), nb::arg("velocity"), nb::arg("track_end"), nb::arg("time_division"),
           nb::arg("ticks_bars"), nb::arg("ticks_beats"), nb::arg("bars_idx"),
           "Events (type, value, time) of a track given by its note arrays and end tick.");
  nb::class_<BarAttributeControl, AttributeControl>(m, "BarAttributeControl",
                                                    "Base of the bar-level attribute controls.");

  nb::class_<TrackOnsetPolyphony, AttributeControl>(m, "TrackOnsetPolyphony")
      .def(nb::init<int, int>(), nb::arg("polyphony_min"), nb::arg("polyphony_max"))
      .def_prop_ro("min_polyphony", &TrackOnsetPolyphony::polyphony_min)
      .def_prop_ro("max_polyphony", &TrackOnsetPolyphony::polyphony_max);
  nb::class_<TrackNoteDensity, AttributeControl>(m, "TrackNoteDensity")
      .def(nb::init<int, int>(), nb::arg("density_min"), nb::arg("density_max"))
      .def_prop_ro("density_min", &TrackNoteDensity::density_min)
      .def_prop_ro("density_max", &TrackNoteDensity::density_max);
  nb::class_<TrackNoteDuration, AttributeControl>(m, "TrackNoteDuration").def(nb::init<>());
  nb::class_<TrackRepetition, AttributeControl>(m, "TrackRepetition")
      .def(nb::init<int, int, std::pair<int, int>>(), nb::arg("num_bins"),
           nb::arg("num_consecutive_bars"), nb::arg("pitch_range"))
      .def_prop_ro("num_bins", &TrackRepetition::num_bins)
      .def_prop_ro("num_consecutive_bars", &TrackRepetition::num_consecutive_bars)
      .def_prop_ro("pitch_range", &TrackRepetition::pitch_range,
                   "The [low, high) range of the pitches compared.");
  nb::class_<BarOnsetPolyphony, BarAttributeControl>(m, "BarOnsetPolyphony")
      .def(nb::init<int, int>(), nb::arg("polyphony_min"), nb::arg("polyphony_max"))
      .def_prop_ro("min_polyphony", &BarOnsetPolyphony::polyphony_min)
      .def_prop_ro("max_polyphony", &BarOnsetPolyphony::polyphony_max);
  nb::class_<BarPitchClass, BarAttributeControl>(m, "BarPitchClass").def(nb::init<>());
  nb::class_<BarNoteDensity, BarAttributeControl>(m, "BarNoteDensity")
      .def(nb::init<int>(), nb::arg("density_max"))
      .def_prop_ro("density_max", &BarNoteDensity::density_max);
  nb::class_<BarNoteDuration, BarAttributeControl>(m, "BarNoteDuration").def(nb::init<>());

  m.def(
      "_create_random_ac_indexes_score",
      [](const Score& score, const std::vector<std::shared_ptr<AttributeControl>>& acs,
         std::optional<RatioRange> tracks_idx_ratio, std::optional<RatioRange> bars_idx_ratio,
         std::uint64_t seed) {
        const auto c = to_const(acs);
        nb::gil_scoped_release release;
        const std::vector<tick_t> bars = get_bars_ticks(score, true);
        return create_random_ac_indexes(score, c, tracks_idx_ratio, bars_idx_ratio, bars, seed);
      },
      nb::arg("score"), nb::arg("attribute_controls"), nb::arg("tracks_idx_ratio").none(),
      nb::arg("bars_idx_ratio").none(), nb::arg("seed"),
      "Random AC indexes per track of a miditok_cpp Score, on its bars (only note onsets).");
  m.def(
      "_create_random_ac_indexes",
      [](const std::vector<tick_t>& track_ends,
         const std::vector<std::shared_ptr<AttributeControl>>& acs,
         std::optional<RatioRange> tracks_idx_ratio, std::optional<RatioRange> bars_idx_ratio,
         const std::vector<tick_t>& bars_ticks, std::uint64_t seed) {
        const auto c = to_const(acs);
        return create_random_ac_indexes(track_ends, c, tracks_idx_ratio, bars_idx_ratio, bars_ticks,
                                        seed);
      },
      nb::arg("track_ends"), nb::arg("attribute_controls"), nb::arg("tracks_idx_ratio").none(),
      nb::arg("bars_idx_ratio").none(), nb::arg("bars_ticks"), nb::arg("seed"),
      "Random AC indexes per track: {track: [(ac_idx, [bar_idx, ...]), ...]}.");
}

}  // namespace miditok::bindings
