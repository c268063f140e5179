// Preprocess bindings (submodule _core.preprocess): miditok.utils' score helpers and the
// explicit-parameter preprocessing blocks, on our Score / Track / event lists in place (chord
// detection and the pipeline: bind_preprocess_pipeline.cpp).
#include "bind_preprocess.h"

#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bind.h"
#include "bind_safe_list.h"
#include "miditok/preprocess/controls.h"
#include "miditok/preprocess/globals.h"
#include "miditok/preprocess/notes.h"
#include "miditok/preprocess/pipeline.h"
#include "miditok/preprocess/quantize.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/preprocess/tracks.h"
#include "miditok/tokenizer/chords.h"

namespace nb = nanobind;

namespace miditok::bindings {
namespace {

using namespace preprocess_convert;

void bind_time_grid(nb::module_& m) {
  m.def("compute_ticks_per_beat", &compute_ticks_per_beat, nb::arg("time_sig_denominator"),
        nb::arg("time_division"),
        "Ticks in one beat for a TS denominator at tpq ticks per quarter.");
  m.def("compute_ticks_per_bar", &compute_ticks_per_bar, nb::arg("time_sig"),
        nb::arg("time_division"), "Ticks in one bar of a time signature.");
  m.def("score_end", &score_end, nb::arg("score"), "symusic's Score.end().");
  m.def(
      "get_bars_ticks",
      [](const Score& s, bool only_onsets) { return to_list(get_bars_ticks(s, only_onsets)); },
      nb::arg("score"), nb::arg("only_notes_onsets") = false, "Ticks at which each bar starts.");
  m.def(
      "get_beats_ticks",
      [](const Score& s, bool only_onsets) { return to_list(get_beats_ticks(s, only_onsets)); },
      nb::arg("score"), nb::arg("only_notes_onsets") = false, "Ticks at which each beat starts.");
  m.def(
      "get_score_ticks_per_beat",
      [](const Score& s) { return from_sections(get_score_ticks_per_beat(s)); }, nb::arg("score"),
      "Ticks-per-beat sections as an (N, 2) array [end tick, ticks per beat].");
  m.def(
      "get_score_resampling_factors",
      [](const Score& s, int max_num_pos_per_beat) {
        std::vector<TickSection> out;
        get_score_resampling_factors(s, max_num_pos_per_beat, out);
        return from_sections(out);
      },
      nb::arg("score"), nb::arg("max_num_pos_per_beat"),
      "Re-rounding step sections as an (N, 2) array [end tick, ticks per step].");
  m.def(
      "get_num_notes_per_bar",
      [](const Score& s, bool tracks_indep) -> nb::object {
        if (!tracks_indep) return to_list(get_num_notes_per_bar(s));
        nb::list out;
        for (const auto& row : get_num_notes_per_bar_per_track(s)) out.append(to_list(row));
        return out;
      },
      nb::arg("score"), nb::arg("tracks_indep") = false, "Number of notes starting in each bar.");
  m.def(
      "num_bar_pos",
      [](nb::handle seq, token_id_t bar, nb::handle pos) {
        return num_bar_pos(seq_to_vector<token_id_t>(seq), bar, seq_to_vector<token_id_t>(pos));
      },
      nb::arg("seq"), nb::arg("bar_token_id"), nb::arg("position_tokens_ids"),
      "Number of bars and last position index of an id list.");
}

void bind_tracks(nb::module_& m) {
  m.def(
      "get_score_programs", [](const Score& s) { return to_list(get_score_programs(s)); },
      nb::arg("score"), "(program, is_drum) of each track.");
  m.def("is_track_empty", &is_track_empty, nb::arg("track"), nb::arg("check_controls") = false,
        nb::arg("check_pedals") = false, nb::arg("check_pitch_bend") = false,
        "True when the track has no note (nor checked controls).");
  m.def(
      "merge_tracks",
      [](std::vector<Track>& tracks, bool effects) {
        Track merged;
        guarded_list_edit(tracks, [&](auto& v) { merged = merge_tracks(v, effects); });
        return merged;
      },
      nb::arg("tracks"), nb::arg("effects") = true,
      "Merges tracks into the first, leaves only it in the list and returns a copy of it.");
  m.def(
      "merge_same_program_tracks",
      [](std::vector<Track>& tracks, bool effects) {
        guarded_list_edit(tracks, [&](auto& v) { merge_same_program_tracks(v, effects); });
      },
      nb::arg("tracks"), nb::arg("effects") = true,
      "Merges the tracks sharing a program (drums as -1).");
  m.def(
      "merge_tracks_per_class",
      [](Score& score, nb::handle classes, nb::handle new_programs, nb::handle max_tracks,
         nb::handle valid_programs, bool filter_pitches) {
        const auto cls = opt_seq<int>(classes);
        const auto programs = opt_int_pairs(new_programs);
        const auto max_num = opt_int_pairs(max_tracks);
        const auto valid = opt_seq<int>(valid_programs);
        guarded_list_edit(score.tracks, [&](std::vector<Track>& tracks) {
          Score tmp;  // the edit reads and writes only the tracks
          tmp.tracks.swap(tracks);
          merge_tracks_per_class(tmp, cls, programs, max_num, valid, filter_pitches);
          tmp.tracks.swap(tracks);
        });
      },
      nb::arg("score"), nb::arg("classes_to_merge") = nb::none(),
      nb::arg("new_program_per_class") = nb::none(),
      nb::arg("max_num_of_tracks_per_inst_class") = nb::none(),
      nb::arg("valid_programs") = nb::none(), nb::arg("filter_pitches") = true,
      "Merges tracks per instrument class, in place.");
  m.def(
      "merge_scores", [](nb::handle scores) { return merge_scores(to_scores(scores)); },
      nb::arg("scores"), "One score with every track and global event of the scores.");
  m.def(
      "concat_scores",
      [](nb::handle scores, nb::handle end_ticks) {
        return concat_scores(to_scores(scores), seq_to_vector<tick_t>(end_ticks));
      },
      nb::arg("scores"), nb::arg("end_ticks"), "Concatenates scores in time.");
  m.def("program_pitch_range", &program_pitch_range, nb::arg("program"),
        "Recommended pitch range [first, last) of a GM program.");
  m.def(
      "program_name", [](int program) { return std::string(program_name(program)); },
      nb::arg("program"), "General MIDI name of a program 0-127.");
  m.def("instrument_class_program_range", &instrument_class_program_range,
        nb::arg("instrument_class"), "Program range [first, last) of an instrument class 0-16.");
  m.def(
      "instrument_class_name",
      [](int instrument_class) { return std::string(instrument_class_name(instrument_class)); },
      nb::arg("instrument_class"), "Name of an instrument class 0-16 (16: Drums).");
  m.attr("num_instrument_classes") = kNumInstrumentClasses;
}

void bind_notes(nb::module_& m) {
  m.def("remove_duplicated_notes", &remove_duplicated_notes, nb::arg("notes"),
        nb::arg("consider_duration") = false,
        "Removes notes with the onset and pitch (and duration) of the previous one.");
  m.def(
      "fix_offsets_overlapping_notes",
      [](std::vector<Note>& notes) { fix_offsets_overlapping_notes(notes); }, nb::arg("notes"),
      "Ends a note where the next note of the same pitch starts, if it is still sounding.");
  m.def(
      "sort_notes_time_pitch_duration",
      [](std::vector<Note>& notes) { sort_notes_time_pitch_duration(notes); }, nb::arg("notes"),
      "Sorts notes by (time, pitch, duration, velocity).");
  m.def(
      "preprocess_notes",
      [](std::vector<Note>& notes, int lowest, int highest, nb::handle velocity_bins,
         nb::handle resampling_factors, nb::handle ticks_per_beat, nb::handle duration_bins,
         bool note_on_off, bool uses_durations, bool remove_duplicated, int min_duration) {
        const auto vel = to_vector<std::int32_t>(velocity_bins, "i4");
        const auto rf = to_sections(resampling_factors);
        const auto tpb = to_sections(ticks_per_beat);
        const auto bins = to_tpb_bins(duration_bins);
        NotePreprocessParams p;
        p.pitch_lowest = lowest;
        p.pitch_highest = highest;
        p.velocity_bins = vel;
        p.resampling_factors = rf;
        p.ticks_per_beat = tpb;
        p.duration_bins = &bins;
        p.note_on_off = note_on_off;
        p.uses_durations = uses_durations;
        p.remove_duplicated_notes = remove_duplicated;
        p.min_duration = min_duration;
        preprocess_notes(notes, p);
      },
      nb::arg("notes"), nb::arg("pitch_lowest"), nb::arg("pitch_highest"),
      nb::arg("velocity_bins") = nb::none(), nb::arg("resampling_factors") = nb::none(),
      nb::arg("ticks_per_beat") = nb::none(), nb::arg("duration_bins") = nb::none(),
      nb::arg("note_on_off") = false, nb::arg("uses_durations") = true,
      nb::arg("remove_duplicated_notes") = false, nb::arg("min_duration") = 1,
      "MusicTokenizer._preprocess_notes on a note list, in place.");
  m.def(
      "adjust_times",
      [](nb::handle times, nb::handle factors, bool sorted_times) {
        auto t = to_vector<tick_t>(times, "i4");
        const auto rf = to_sections(factors);
        if (sorted_times) {
          adjust_times_to_sections(std::span<tick_t>(t), rf);
        } else {
          adjust_unsorted_times_to_sections(t, rf);
        }
        return from_vector(t);
      },
      nb::arg("times"), nb::arg("resampling_factors"), nb::arg("sorted_times") = true,
      "MusicTokenizer._adjust_time_to_tpb on a copy of an int array.");
  m.def(
      "snap_to_closest",
      [](nb::handle values, nb::handle bins) {
        auto v = to_vector<std::int32_t>(values, "i4");
        const auto b = to_vector<std::int32_t>(bins, "i4");
        snap_to_closest(v, b);
        return from_vector(v);
      },
      nb::arg("values"), nb::arg("bins"), "np_get_closest for integer values and bins.");
}

void bind_controls(nb::module_& m) {
  m.def(
      "preprocess_pitch_bends",
      [](std::vector<PitchBend>& bends, nb::handle bins, nb::handle factors) {
        preprocess_pitch_bends(bends, to_vector<std::int32_t>(bins, "i4"), to_sections(factors));
      },
      nb::arg("pitch_bends"), nb::arg("bins"), nb::arg("resampling_factors") = nb::none(),
      "MusicTokenizer._preprocess_pitch_bends, in place.");
  m.def(
      "preprocess_pedals",
      [](std::vector<Pedal>& pedals, nb::handle factors, bool snap, nb::handle tpb,
         nb::handle duration_bins, int min_duration) {
        const auto bins = to_tpb_bins(duration_bins);
        preprocess_pedals(pedals, to_sections(factors), snap, to_sections(tpb), &bins,
                          min_duration);
      },
      nb::arg("pedals"), nb::arg("resampling_factors") = nb::none(),
      nb::arg("snap_durations") = false, nb::arg("ticks_per_beat") = nb::none(),
      nb::arg("duration_bins") = nb::none(), nb::arg("min_duration") = 1,
      "MusicTokenizer._preprocess_pedals, in place.");
  m.def(
      "preprocess_control_changes",
      [](std::vector<ControlChange>& controls, nb::handle original_times, nb::handle numbers_obj,
         int n_bins, nb::handle factors) {
        const auto numbers = seq_to_vector<int>(numbers_obj);
        const auto bins = make_control_change_value_bins(numbers, n_bins);
        std::array<bool, 128> allowed{};
        for (int n : numbers) {
          if (n >= 0 && n < 128) allowed[static_cast<std::size_t>(n)] = true;
        }
        preprocess_control_changes(controls, to_vector<tick_t>(original_times, "i4"), bins, allowed,
                                   to_sections(factors));
      },
      nb::arg("controls"), nb::arg("original_times"), nb::arg("control_change_numbers"),
      nb::arg("control_change_n_bins"), nb::arg("resampling_factors") = nb::none(),
      "MusicTokenizer._preprocess_control_changes, in place.");
}

void bind_globals(nb::module_& m) {
  m.def(
      "preprocess_tempos",
      [](std::vector<Tempo>& tempos, nb::handle mspq_bins, nb::handle factors,
         bool delete_equal_successive, double default_tempo) {
        const auto bins = to_vector<double>(mspq_bins, "f8");
        const auto sections = to_sections(factors);
        guarded_list_edit(tempos, [&](auto& v) {
          preprocess_tempos(v, bins, sections, delete_equal_successive, default_tempo);
        });
      },
      nb::arg("tempos"), nb::arg("mspq_bins"), nb::arg("resampling_factors") = nb::none(),
      nb::arg("delete_equal_successive") = false, nb::arg("default_tempo") = 120.0,
      "MusicTokenizer._preprocess_tempos, in place.");
  m.def(
      "preprocess_time_signatures",
      [](std::vector<TimeSignature>& ts, tick_t tpq, bool delete_equal_successive) {
        guarded_list_edit(
            ts, [&](auto& v) { preprocess_time_signatures(v, tpq, delete_equal_successive); });
      },
      nb::arg("time_signatures"), nb::arg("time_division"),
      nb::arg("delete_equal_successive") = false,
      "MusicTokenizer._preprocess_time_signatures, in place.");
  m.def(
      "preprocess_key_signatures",
      [](std::vector<KeySignature>& keys, nb::handle factors) {
        const auto sections = to_sections(factors);
        guarded_list_edit(keys, [&](auto& v) { preprocess_key_signatures(v, sections); });
      },
      nb::arg("key_signatures"), nb::arg("resampling_factors") = nb::none(),
      "MusicTokenizer._preprocess_key_signatures, in place.");
  m.def(
      "prepare_time_signatures",
      [](const std::vector<TimeSignature>& ts, bool use_ts, nb::handle supported_obj,
         int max_num_pos_per_beat) {
        const auto supported = seq_to_vector<std::pair<int, int>>(supported_obj);
        std::vector<TimeSignature> out;
        const tick_t tpq =
            prepare_time_signatures(ts, use_ts, supported, max_num_pos_per_beat, out);
        return std::make_pair(std::move(out), tpq);
      },
      nb::arg("time_signatures"), nb::arg("use_time_signatures"), nb::arg("supported"),
      nb::arg("max_num_pos_per_beat"),
      "Step 1 of preprocess_score: (time signatures in old ticks, new tpq).");
  m.def(
      "resample_time_signatures",
      [](std::vector<TimeSignature>& ts, tick_t old_tpq, tick_t new_tpq) {
        resample_time_signatures(ts, old_tpq, new_tpq);
      },
      nb::arg("time_signatures"), nb::arg("old_tpq"), nb::arg("new_tpq"),
      "Scales TS times by new/old and truncates them, in place.");
}

}  // namespace

void bind_preprocess(nb::module_& m) {
  nb::module_ sub = m.def_submodule("preprocess", "Score preprocessing and miditok.utils helpers.");
  bind_time_grid(sub);
  bind_tracks(sub);
  bind_notes(sub);
  bind_controls(sub);
  bind_globals(sub);
  bind_preprocess_chords_and_pipeline(sub);
}

}  // namespace miditok::bindings
