// Track and score merging utilities of miditok.utils: emptiness test, merging tracks (all, per
// program, per instrument class), merging and concatenating scores, and the GM instrument tables
// (program pitch ranges, instrument classes) they rely on.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "miditok/score/score.h"

namespace miditok {

/// Recommended GM2 drum pitch range, inclusive (MidiTok's DRUM_PITCH_RANGE = (27, 88)).
inline constexpr std::pair<int, int> kDrumPitchRange{27, 88};

/// Recommended pitch range [first, last) of a GM program 0-127 (MidiTok's MIDI_INSTRUMENTS).
std::pair<int, int> program_pitch_range(int program);

/// Name of a GM program 0-127 (MidiTok's MIDI_INSTRUMENTS).
std::string_view program_name(int program);

/// Number of instrument classes (16 GM families plus drums, MidiTok's INSTRUMENT_CLASSES).
inline constexpr int kNumInstrumentClasses = 17;

/// Program range [first, last) of an instrument class; drums (16) are [-1, 0).
std::pair<int, int> instrument_class_program_range(int instrument_class);

/// Name of an instrument class.
std::string_view instrument_class_name(int instrument_class);

/// (program, is_drum) of each track (get_score_programs).
std::vector<std::pair<int, bool>> get_score_programs(const Score& score);

/// True when the track has no note (and no CC / pedal / pitch bend for each check flag set).
bool is_track_empty(const Track& track, bool check_controls = false, bool check_pedals = false,
                    bool check_pitch_bend = false);

/// Merges tracks into the first (names joined with " / ", events concatenated then sorted as
/// symusic sorts them) and leaves only it in the vector; returns a reference to it.
Track& merge_tracks(std::vector<Track>& tracks, bool effects = true);

/// Merges the tracks that share a program (drums as -1) into the first of each group.
void merge_same_program_tracks(std::vector<Track>& tracks, bool effects = true);

/// merge_tracks_per_class: drops tracks whose program (drums set to 128) is not valid, merges
/// the tracks of each listed class into one with the class's program, filters pitches outside
/// the GM recommended range. max_tracks_per_class is accepted but, as in MidiTok, has no effect.
void merge_tracks_per_class(
    Score& score, std::optional<std::vector<int>> classes_to_merge = std::nullopt,
    std::optional<std::vector<std::pair<int, int>>> new_program_per_class = std::nullopt,
    std::optional<std::vector<std::pair<int, int>>> max_tracks_per_class = std::nullopt,
    std::optional<std::vector<int>> valid_programs = std::nullopt, bool filter_pitches = true);

/// One score holding all tracks and global events of scores; throws ConfigError on unequal tpq.
Score merge_scores(std::span<const Score> scores);

/// Concatenates scores in time, score i shifted by end_ticks[i-1]; tracks of later scores are
/// appended to the tracks of the first by index. Throws ConfigError on unequal tpq / missing ends.
Score concat_scores(std::span<const Score> scores, std::span<const tick_t> end_ticks);

}  // namespace miditok
