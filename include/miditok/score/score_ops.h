// Operations on Tracks and Scores with symusic 0.6.0's semantics and rounding: sorting by the
// default keys, resampling to another resolution, clipping to a time window, shifting times,
// pitches and velocities, and the start/end/note-count queries. Each `_inplace` function edits its
// argument; the plain-named one returns a modified copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "miditok/score/score.h"

namespace miditok {

/// First tick of any event of the track (0 when it has none).
tick_t track_start(const Track& track);
/// Last tick reached by the track (note and pedal ends, other events' times; 0 when empty).
tick_t track_end(const Track& track);
/// True when the track has no note, control, pitch bend, pedal or lyric.
bool track_empty(const Track& track);

/// First tick of any event of the score (0 when it has none), as symusic's Score.start().
tick_t score_start(const Score& score);
/// Last tick reached by the score, as symusic's Score.end() (0 for an empty score).
tick_t score_end(const Score& score);
/// Total number of notes of all tracks.
std::size_t note_num(const Score& score);
/// True when the score has no track and no tempo, signature or marker.
bool score_empty(const Score& score);

/// Sorts one event list by symusic's default key (Note: time, duration, pitch, velocity; Pedal:
/// time, duration; ControlChange: time, number, value; others: time), stable, as pyvec does.
template <class E>
void sort_events(std::vector<E>& events, bool reverse = false);
/// True when the events are in sort_events' order: non-decreasing default keys (non-increasing
/// when reverse), equal keys allowed, as symusic's is_sorted.
template <class E>
bool events_sorted(const std::vector<E>& events, bool reverse = false);

/// Sorts each event list by symusic's default key (stable; reverse gives descending order).
void sort_inplace(Track& track, bool reverse = false);
/// Sorts every track's lists and the global lists (tracks keep their order).
void sort_inplace(Score& score, bool reverse = false);
/// A sorted copy of the score.
Score sort(const Score& score, bool reverse = false);

/// The score at another resolution: each time and duration is round(x * tpq / old_tpq),
/// durations at least min_dur (symusic's resample; ConfigError if tpq <= 0 or min_dur < 0).
Score resample(const Score& score, tick_t tpq, tick_t min_dur = 0);

/// Keeps the events in [start, end) (notes/pedals entirely inside when clip_end); tempos and
/// signatures keep the last one at or before start, moved to start.
void clip_inplace(Track& track, tick_t start, tick_t end, bool clip_end = false);
/// Clips every track and the global lists to [start, end), as symusic's Score.clip.
void clip_inplace(Score& score, tick_t start, tick_t end, bool clip_end = false);
/// A clipped copy of the score.
Score clip(const Score& score, tick_t start, tick_t end, bool clip_end = false);

/// Adds offset to every event time of the track.
void shift_time_inplace(Track& track, tick_t offset);
/// Adds offset to every event time of the score.
void shift_time_inplace(Score& score, tick_t offset);
/// A copy of the score with every time shifted by offset.
Score shift_time(const Score& score, tick_t offset);

/// Adds offset to every note pitch (ConfigError if a pitch leaves [0, 127]).
void shift_pitch_inplace(Track& track, int offset);
/// Adds offset to the note's pitch (ConfigError if it leaves [0, 127]).
void shift_pitch_inplace(Note& note, int offset);
/// Adds offset to every note pitch of the score (ConfigError if a pitch leaves [0, 127]).
void shift_pitch_inplace(Score& score, int offset);
/// A copy of the score with every pitch shifted by offset.
Score shift_pitch(const Score& score, int offset);

/// Adds offset to every note velocity (ConfigError if a velocity leaves [0, 127]).
void shift_velocity_inplace(Track& track, int offset);
/// Adds offset to the note's velocity (ConfigError if it leaves [0, 127]).
void shift_velocity_inplace(Note& note, int offset);
/// Adds offset to every note velocity of the score (ConfigError if one leaves [0, 127]).
void shift_velocity_inplace(Score& score, int offset);
/// A copy of the score with every velocity shifted by offset.
Score shift_velocity(const Score& score, int offset);

}  // namespace miditok
