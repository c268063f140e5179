// Score helpers the tokenizer core needs (private to src/), in the tokenizer's own types: thin
// adapters over preprocess/ (time grid, track merging, chord detection). Resampling is
// score/score_ops.h's resample.
#pragma once

#include <vector>

#include "miditok/score/score.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok::detail {

/// symusic Score::end().
tick_t score_end(const Score& s);
/// MidiTok get_score_ticks_per_beat.
TpbSections score_ticks_per_beat(const Score& s);
/// MidiTok get_bars_ticks / get_beats_ticks.
std::vector<tick_t> bars_ticks(const Score& s, bool only_notes_onsets);
std::vector<tick_t> beats_ticks(const Score& s, bool only_notes_onsets);
/// MidiTok merge_same_program_tracks (drums as program -1).
void merge_same_program_tracks(std::vector<Track>& tracks);
/// MidiTok detect_chords: Chord events of a track's notes.
std::vector<Event> detect_chords(const std::vector<Note>& notes, const TpbSections& tpb,
                                 const std::vector<std::pair<std::string, std::vector<int>>>& maps,
                                 int program, bool specify_root_note, int beat_res,
                                 const std::optional<std::pair<int, int>>& unknown_range);

}  // namespace miditok::detail
