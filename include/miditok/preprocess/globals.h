// Global-event preprocessing as MidiTok does it: tempos (closest mspq bin, re-rounded times, last
// per tick, optional dedup, one at tick 0), time signatures (supported set, 4/4 at 0, truncating
// resample, MidiTok's bar-alignment cleanup) and key signatures (last per tick, one at tick 0).
#pragma once

#include <span>
#include <utility>
#include <vector>

#include "miditok/core/types.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/score/events.h"

namespace miditok {

/// mspq of symusic's Tempo(time, qpm) constructor: round(60e6 / qpm).
std::int32_t qpm_to_mspq(double qpm);

/// MusicTokenizer._preprocess_tempos: mspq to the closest of mspq_bins (sorted, 60e6/qpm bins;
/// the float result truncated), times re-rounded, the last tempo per tick kept, successive equal
/// tempos merged if delete_equal_successive, and a tempo at tick 0 ensured (default_tempo_qpm).
void preprocess_tempos(std::vector<Tempo>& tempos, std::span<const double> mspq_bins,
                       std::span<const TickSection> resampling_factors,
                       bool delete_equal_successive, double default_tempo_qpm);

/// Removes the time signatures whose (numerator, denominator) is not in supported.
void filter_time_signatures(std::vector<TimeSignature>& time_signatures,
                            std::span<const std::pair<int, int>> supported);

/// Inserts 4/4 at tick 0 when the list is empty or its first TS is not at tick 0.
void ensure_time_signature_at_zero(std::vector<TimeSignature>& time_signatures);

/// Scales TS times by (new_tpq / old_tpq) and truncates them, as MusicTokenizer._resample_score.
void resample_time_signatures(std::span<TimeSignature> time_signatures, tick_t old_tpq,
                              tick_t new_tpq);

/// Step 1 of preprocess_score: the TS to give the resampled score and the new tpq. With TS on:
/// filtered to supported, 4/4 at 0 if needed, tpq = int(max_num_pos_per_beat * max_den / 4);
/// with TS off: a single 4/4 at 0 and tpq = max_num_pos_per_beat. out holds times in old ticks.
tick_t prepare_time_signatures(std::span<const TimeSignature> time_signatures,
                               bool use_time_signatures,
                               std::span<const std::pair<int, int>> supported,
                               int max_num_pos_per_beat, std::vector<TimeSignature>& out);

/// MusicTokenizer._preprocess_time_signatures: drops a TS equal to the previous one, moves a TS
/// off a bar line to the next bar, keeps the later of two on one tick, ensures one at tick 0.
void preprocess_time_signatures(std::vector<TimeSignature>& time_signatures,
                                tick_t ticks_per_quarter, bool delete_equal_successive);

/// MusicTokenizer._preprocess_key_signatures: stable sort by time, times re-rounded, the last key
/// per tick kept (at its tick's first position), C major inserted at tick 0 if missing.
void preprocess_key_signatures(std::vector<KeySignature>& keys,
                               std::span<const TickSection> resampling_factors);

}  // namespace miditok
