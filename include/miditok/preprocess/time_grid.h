// The time grid of a Score as MidiTok sees it: ticks per beat and per bar from time signatures,
// ticks-per-beat sections, re-rounding step sections (when several TS denominators coexist),
// bar and beat ticks, and notes per bar. Each function computes what miditok.utils computes.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "miditok/core/types.h"
#include "miditok/score/score.h"
#include "miditok/score/score_ops.h"  // score_end: symusic's Score.end()

namespace miditok {

/// One section of a piecewise-constant tick quantity: `value` holds until `end_tick` (exclusive).
/// MidiTok's (N, 2) arrays of [end tick, ticks per beat] or [end tick, ticks per step].
struct TickSection {
  tick_t end_tick = 0;
  tick_t value = 0;
  bool operator==(const TickSection&) const = default;
};

/// Ticks in one beat for a TS denominator at tpq ticks per quarter (int(tpq * 4 / den)).
tick_t compute_ticks_per_beat(int denominator, tick_t ticks_per_quarter);

/// Ticks in one bar of a time signature at tpq ticks per quarter.
tick_t compute_ticks_per_bar(const TimeSignature& time_signature, tick_t ticks_per_quarter);

/// Latest onset over every event of the score (MidiTok's _get_max_tick_only_onsets).
tick_t max_tick_only_onsets(const Score& score);

/// Ticks-per-beat sections from the score's time signatures (get_score_ticks_per_beat); the last
/// section ends at score_end + 1; equal successive values are merged. Needs >= 1 time signature.
void get_score_ticks_per_beat(const Score& score, std::vector<TickSection>& out);

/// Ticks-per-beat sections from the score's time signatures (get_score_ticks_per_beat).
std::vector<TickSection> get_score_ticks_per_beat(const Score& score);

/// Ticks-per-beat sections for a score without usable time signatures: [[score_end, tpq]].
std::vector<TickSection> single_ticks_per_beat_section(const Score& score);

/// Re-rounding step sections (MusicTokenizer._get_score_resampling_factor): per TS section,
/// tpq // (max_num_pos_per_beat * den / 4); equal successive merged; last ends at score_end + 1.
void get_score_resampling_factors(const Score& score, int max_num_pos_per_beat,
                                  std::vector<TickSection>& out);

/// True when the time signatures use more than one distinct denominator.
bool has_several_denominators(std::span<const TimeSignature> time_signatures);

/// Ticks at which each bar starts (get_bars_ticks); TS with numerator or denominator <= 0 skipped.
std::vector<tick_t> get_bars_ticks(const Score& score, bool only_notes_onsets = false);

/// Ticks at which each beat starts (get_beats_ticks); same rules as get_bars_ticks.
std::vector<tick_t> get_beats_ticks(const Score& score, bool only_notes_onsets = false);

/// Number of notes starting in each bar, all tracks together (get_num_notes_per_bar).
std::vector<std::int32_t> get_num_notes_per_bar(const Score& score);

/// Number of notes per bar and per track, rows are bars (get_num_notes_per_bar(tracks_indep=True)).
/// With a single track each row holds one count; an empty score (end 0) gives no row.
std::vector<std::vector<std::int32_t>> get_num_notes_per_bar_per_track(const Score& score);

/// Number of bars and the last position index in the last bar of an id sequence (num_bar_pos).
std::pair<int, int> num_bar_pos(std::span<const token_id_t> seq, token_id_t bar_token_id,
                                std::span<const token_id_t> position_tokens_ids);

}  // namespace miditok
