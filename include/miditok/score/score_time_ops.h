// Time-map operations with symusic 0.6.0's semantics: adjust_time (piecewise-linear remapping of
// every event time through aligned original/new time points), Track.trim (notes and pedals kept
// or truncated by window modes) and the beat / downbeat grids of a score. Each `_inplace`
// function edits its argument.
#pragma once

#include <string>
#include <vector>

#include "miditok/score/score.h"

namespace miditok {

/// ConfigError unless original_times and new_times have the same size, at least 2 items, and
/// are both sorted (symusic's checks).
void check_adjust_times(const std::vector<tick_t>& original_times,
                        const std::vector<tick_t>& new_times);

/// Maps each event time (and note/pedal end) through the piecewise-linear function given by
/// original_times -> new_times (offsets truncated toward zero); events not wholly inside
/// [original_times.front(), original_times.back()] are removed. Times must pass
/// check_adjust_times (unchecked here).
template <class E>
void adjust_time_events(std::vector<E>& events, const std::vector<tick_t>& original_times,
                        const std::vector<tick_t>& new_times);

/// adjust_time_events on every list of the track (checks the times first).
void adjust_time_inplace(Track& track, const std::vector<tick_t>& original_times,
                         const std::vector<tick_t>& new_times);
/// adjust_time_events on every track and on the signatures, tempos and markers (checks first).
void adjust_time_inplace(Score& score, const std::vector<tick_t>& original_times,
                         const std::vector<tick_t>& new_times);

/// symusic's Track.trim: notes and pedals by window modes ("remove": must start at or after
/// start / end at or before end; "truncate": cut to the window when they overlap it by at least
/// min_overlap); controls, pitch bends and lyrics kept in [start, end).
void trim_inplace(Track& track, tick_t start, tick_t end, tick_t min_overlap = 0,
                  const std::string& start_mode = "remove", const std::string& end_mode = "remove");

/// The beat ticks from start_time to the score's end (symusic's get_beats: float32 quarters,
/// compound meters beat every three denominator notes, a 1-quarter beat before any signature).
std::vector<tick_t> score_beats(const Score& score, tick_t start_time = 0);
/// The bar-start ticks among those beats (symusic's get_downbeats; 4/4 before any signature).
std::vector<tick_t> score_downbeats(const Score& score, tick_t start_time = 0);

}  // namespace miditok
