// Preprocess bindings, part 2: chord detection and the whole preprocess_score pipeline with its
// parameters given as a dict of MidiTok's names.
#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bind_preprocess.h"
#include "bind_safe_list.h"
#include "miditok/preprocess/pipeline.h"
#include "miditok/tokenizer/chords.h"

namespace nb = nanobind;

namespace miditok::bindings {
namespace {

using namespace preprocess_convert;

void bind_chords(nb::module_& m) {
  m.def(
      "detect_chords",
      [](const std::vector<Note>& notes, nb::handle ticks_per_beat, nb::handle chord_maps,
         bool specify_root_note, int beat_res, int onset_offset,
         std::optional<std::pair<int, int>> unknown_range, int simul_notes_limit) {
        const auto tpb = to_sections(ticks_per_beat);
        const ChordMaps maps = to_chord_maps(chord_maps);
        ChordDetectionParams p;
        p.specify_root_note = specify_root_note;
        p.beat_res = beat_res;
        p.onset_offset = onset_offset;
        p.unknown_chords_num_notes_range = unknown_range;
        p.simul_notes_limit = simul_notes_limit;
        std::vector<ChordEvent> events;
        {
          nb::gil_scoped_release release;
          detect_chords(notes, tpb, maps, p, events);
        }
        nb::list out;
        // desc as MidiTok writes it: str() of a tuple of numpy int64 (numpy >= 2 repr).
        std::string desc;
        for (const auto& e : events) {
          desc = "(";
          for (std::size_t i = 0; i < e.intervals.size(); ++i) {
            if (i > 0) desc += ", ";
            desc += "np.int64(" + std::to_string(e.intervals[i]) + ")";
          }
          desc += e.intervals.size() == 1 ? ",)" : ")";
          out.append(nb::make_tuple(e.time, e.value, desc));
        }
        return out;
      },
      nb::arg("notes"), nb::arg("ticks_per_beat"), nb::arg("chord_maps"),
      nb::arg("specify_root_note") = true, nb::arg("beat_res") = 4, nb::arg("onset_offset") = 1,
      nb::arg("unknown_chords_num_notes_range") = nb::none(), nb::arg("simul_notes_limit") = 10,
      "Detected chords as (time, value, desc) tuples; desc is MidiTok's interval tuple string.");
}

// ScorePreprocessParams from a dict of MidiTok's names (missing keys keep the defaults).
ScorePreprocessParams to_params(const nb::dict& d) {
  ScorePreprocessParams p;
  const auto get = [&d](const char* key) -> nb::handle {
    return d.contains(key) ? nb::handle(d[key]) : nb::handle();
  };
  const auto flag = [&](const char* key, bool& out) {
    if (nb::handle h = get(key); h.is_valid()) out = nb::cast<bool>(h);
  };
  const auto programs = [&](const char* key, std::array<bool, 129>& out) {
    if (nb::handle h = get(key); h.is_valid()) {
      out.fill(false);
      for (nb::handle x : h) {
        const int prog = nb::cast<int>(x);
        if (prog >= -1 && prog <= 127) out[static_cast<std::size_t>(prog + 1)] = true;
      }
    }
  };
  flag("use_time_signatures", p.use_time_signatures);
  flag("delete_equal_successive_time_sig_changes", p.delete_equal_successive_time_sig_changes);
  if (nb::handle h = get("max_num_pos_per_beat"); h.is_valid()) {
    p.max_num_pos_per_beat = nb::cast<int>(h);
  }
  flag("note_on_off", p.note_on_off);
  if (nb::handle h = get("pitch_range"); h.is_valid()) {
    p.pitch_range = nb::cast<std::pair<int, int>>(h);
  }
  if (nb::handle h = get("drums_pitch_range"); h.is_valid()) {
    p.drums_pitch_range = nb::cast<std::pair<int, int>>(h);
  }
  flag("use_pitchdrum_tokens", p.use_pitchdrum_tokens);
  p.velocity_bins = to_vector<std::int32_t>(
      get("velocity_bins").is_valid() ? get("velocity_bins") : nb::none(), "i4");
  programs("use_note_duration_programs", p.use_note_duration_programs);
  if (nb::handle h = get("duration_bins"); h.is_valid()) p.duration_bins = to_tpb_bins(h);
  flag("remove_duplicated_notes", p.remove_duplicated_notes);
  flag("use_programs", p.use_programs);
  programs("programs", p.programs);
  flag("one_token_stream_for_programs", p.one_token_stream_for_programs);
  flag("merge_same_program_tracks", p.merge_same_program_tracks);
  flag("use_pitch_bends", p.use_pitch_bends);
  if (nb::handle h = get("pitch_bend_bins"); h.is_valid()) {
    p.pitch_bend_bins = to_vector<std::int32_t>(h, "i4");
  }
  flag("use_sustain_pedals", p.use_sustain_pedals);
  flag("sustain_pedal_duration", p.sustain_pedal_duration);
  flag("use_control_changes", p.use_control_changes);
  if (nb::handle h = get("control_change_numbers"); h.is_valid()) {
    const auto numbers = seq_to_vector<int>(h);
    int n_bins = 128;
    if (nb::handle b = get("control_change_n_bins"); b.is_valid()) n_bins = nb::cast<int>(b);
    p.control_change_bins = make_control_change_value_bins(numbers, n_bins);
    for (int n : numbers) {
      if (n >= 0 && n < 128) p.control_change_numbers[static_cast<std::size_t>(n)] = true;
    }
  }
  flag("use_tempos", p.use_tempos);
  if (nb::handle h = get("tempo_mspq_bins"); h.is_valid()) {
    p.tempo_mspq_bins = to_vector<double>(h, "f8");
  }
  flag("delete_equal_successive_tempo_changes", p.delete_equal_successive_tempo_changes);
  if (nb::handle h = get("default_tempo"); h.is_valid()) p.default_tempo = nb::cast<double>(h);
  flag("use_key_signatures", p.use_key_signatures);
  return p;
}

void bind_pipeline(nb::module_& m) {
  m.def(
      "preprocess_resampled_score",
      [](Score& score, const Score& original, const nb::dict& params) {
        const ScorePreprocessParams p = to_params(params);
        nb::gil_scoped_release release;
        preprocess_resampled_score(score, original, p);
      },
      nb::arg("score"), nb::arg("original"), nb::arg("params"),
      "preprocess_score steps after resampling, in place; params: dict of MidiTok's names.");
}

}  // namespace

void bind_preprocess_chords_and_pipeline(nb::module_& m) {
  bind_chords(m);
  bind_pipeline(m);
}

}  // namespace miditok::bindings
