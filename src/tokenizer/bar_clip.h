// Clipping a score to its first bars before it is preprocessed (private to src/): the compound
// tokenizations with a bar limit (MuMIDI, Octuple: max_bar_embedding) cut the preprocessed score
// at the start of bar max_bars, so the notes after it need not be preprocessed at all.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>

#include "miditok/score/score.h"

namespace miditok::detail {

/// What bar_head needs of a tokenizer's preprocessing.
struct BarHeadParams {
  int max_bars = 0;                  ///< bars encoded (traits().max_bars), 0: all
  bool use_time_signatures = false;  ///< the grid then follows them: no head
  int fixed_ticks_per_quarter = 0;   ///< PerTok's own tpq: no head
  int max_num_pos_per_beat = 8;      ///< the preprocessed tpq without time signatures
  std::pair<int, int> pitch_range{21, 108}, drums_pitch_range{27, 88};
  bool use_pitchdrum_tokens = true;
  std::int64_t max_duration_ticks = 0;  ///< the longest duration bin at that tpq
  /// Control changes / pitch bends preprocessed and tokenized; when not, only what the encode
  /// reads of them is kept: their last and latest events (the score's end and last onset).
  bool use_control_changes = true, use_pitch_bends = true;
};

/// A score's head: its notes starting before a raw tick R past which every note would start at
/// or after bar params.max_bars once preprocessed, plus, per track, the notes within the pitch
/// range that end its note list and that start last (they set the preprocessed score's last onset,
/// hence its bar and beat ticks); every other event of the score as it is, but the control changes
/// and pitch bends the tokenizer does not use: of those only the last and the latest of a track
/// (the same score end and last onset; only the events counted by whole_within_encode_limits are
/// fewer, which makes it more cautious, never wrong).
struct BarHead {
  Score score;
  /// At least the latest end of the notes left out, in the preprocessed score's ticks.
  tick_t tail_end_bound = 0;
};

/// The head of `score` when preprocessing it then cutting it at bar params.max_bars gives the same
/// score (and the same bar and beat ticks) as preprocessing the whole score then cutting it:
/// the time signatures are not used (a 4/4 grid at max_num_pos_per_beat ticks per quarter),
/// the score is not resampled up (no new overflow), and some notes start past R. None
/// otherwise.
std::optional<BarHead> bar_head(const Score& score, const BarHeadParams& params);

/// True when the whole preprocessed score passes check_encode_limits for certain, knowing its
/// preprocessed head `pre` and the bound of the end of the notes left out (its events are at
/// least those of `pre`, its end at most the later of both ends).
bool whole_within_encode_limits(const Score& pre, tick_t tail_end_bound);

}  // namespace miditok::detail
