// Score splitting as miditok.utils does it: at bars by estimated token density, every N beats, at
// given ticks, or one score per track. Each chunk starts at tick 0; nothing in the score is lost
// (a note belongs to the chunk its onset falls in; with overlap, to several).
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "miditok/core/types.h"
#include "miditok/score/score.h"

namespace miditok {

/// [start, end) tick windows of split_score_per_note_density from the bar ticks and notes per bar.
std::vector<std::pair<tick_t, tick_t>> note_density_split_ticks(
    const std::vector<tick_t>& bar_ticks, const std::vector<std::int32_t>& num_notes_per_bar,
    tick_t score_end, int max_seq_len, double average_num_tokens_per_note, int num_overlap_bars = 1,
    std::optional<int> min_seq_len = std::nullopt);

/// The [start, end) windows split_score_per_note_density cuts a score into.
std::vector<std::pair<tick_t, tick_t>> note_density_windows(
    const Score& score, int max_seq_len, double average_num_tokens_per_note,
    int num_overlap_bars = 1, std::optional<int> min_seq_len = std::nullopt);

/// Which of each track's event lists are in time order: a bit per list (1 notes, 2 controls,
/// 4 pitch bends, 8 pedals, 16 lyrics), for clip_window to copy a window of them as one range.
std::vector<std::uint8_t> tracks_time_order(const Score& score);

/// The part of a score in [start, end), moved to start at tick 0 (notes kept whole), written
/// into `out` (whose buffers are reused). `time_order` (tracks_time_order of the score, computed
/// once for many windows) lets the lists in time order be copied by binary search.
void clip_window(const Score& score, tick_t start, tick_t end, Score& out,
                 const std::vector<std::uint8_t>* time_order = nullptr);

/// Splits a score at bars into chunks of about max_seq_len tokens (split_score_per_note_density).
std::vector<Score> split_score_per_note_density(const Score& score, int max_seq_len,
                                                double average_num_tokens_per_note,
                                                int num_overlap_bars = 1,
                                                std::optional<int> min_seq_len = std::nullopt);

/// Splits a score at the given ticks: [0, t1), [t1, t2), ..., [tn, end + 1)
/// (split_score_per_ticks).
std::vector<Score> split_score_per_ticks(const Score& score, std::vector<tick_t> ticks);

/// Tick cuts of split_score_per_beats from the beat ticks (every max_num_beats beats).
std::vector<tick_t> beats_split_ticks(const std::vector<tick_t>& beats_ticks, tick_t score_end,
                                      int max_num_beats, int min_num_beats = 1);

/// Splits a score every max_num_beats beats (split_score_per_beats; ConfigError if min < 1).
std::vector<Score> split_score_per_beats(const Score& score, int max_num_beats,
                                         int min_num_beats = 1);

/// One score per track, each with the tempos, signatures and markers (split_score_per_tracks).
std::vector<Score> split_score_per_tracks(const Score& score);

}  // namespace miditok
