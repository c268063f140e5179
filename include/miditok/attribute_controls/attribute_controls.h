// Building the attribute controls a tokenizer uses from the ac_* parameters of TokenizerConfig,
// computing the requested ones for a track (what MusicTokenizer._create_track_events does), and
// drawing random track/bar indexes for training (create_random_ac_indexes, seedable).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "miditok/attribute_controls/attribute_control.h"
#include "miditok/attribute_controls/bar_attribute_controls.h"
#include "miditok/attribute_controls/track_attribute_controls.h"
#include "miditok/config_options.h"
#include "miditok/score/score.h"

namespace miditok {

/// The ac_* options of TokenizerConfig (its AttributeControlOptions base, declared once in
/// config_options.def) plus the tokenizer's pitch range.
struct AttributeControlsParams : AttributeControlOptions {
  /// config.pitch_range as MidiTok passes it to TrackRepetition (symusic reads it as [lo, hi)).
  std::pair<int, int> pitch_range{21, 109};
};

/// True if any ac_* flag is on (MidiTok warns and disables them for 1-stream/multi-vocab).
bool any_attribute_control_enabled(const AttributeControlsParams& params);

/// The controls enabled by `params`, in MidiTok's order (polyphony track, polyphony bar, pitch
/// class bar, density track, density bar, duration bar, duration track, repetition track).
std::vector<AttributeControlPtr> create_attribute_controls(const AttributeControlsParams& params);

/// For one track, the controls to compute: (ac index, bar indexes), in the caller's order (MidiTok
/// iterates its dict in insertion order). Bar indexes are ignored for track-level controls.
using TrackAcIndexes = std::vector<std::pair<int, std::vector<int>>>;
/// attribute_controls_indexes of encode(): track index -> TrackAcIndexes.
using AcIndexes = std::map<int, TrackAcIndexes>;
/// A bar list of exactly {kAllBars} asks a bar-level control for every bar (Python's True).
inline constexpr int kAllBars = -1;

/// Events of the requested controls of one track, concatenated in `indexes` order; bar-level
/// controls with no bar index are skipped. Negative ac indexes count from the end (Python's
/// list indexing); throws ConfigError for an ac index out of range.
std::vector<AcEvent> compute_track_attribute_controls(std::span<const AttributeControlPtr> acs,
                                                      const TrackAcIndexes& indexes,
                                                      const Track& track, tick_t ticks_per_quarter,
                                                      std::span<const tick_t> bars_ticks,
                                                      std::span<const tick_t> beats_ticks);

/// A ratio (lo == hi) or a range of ratios drawn uniformly, as MidiTok's tracks/bars_idx_ratio.
using RatioRange = std::pair<double, double>;

/// Random AC indexes per track: round(n_track_acs * r) track controls (sampled, in drawn order)
/// and, per bar control, round(n_bars * r) sorted bar indexes among the bars up to the track's
/// end. `bars_ticks` is get_bars_ticks(score, only_notes_onsets=true). Same seed, same result.
AcIndexes create_random_ac_indexes(const Score& score, std::span<const AttributeControlPtr> acs,
                                   std::optional<RatioRange> tracks_idx_ratio,
                                   std::optional<RatioRange> bars_idx_ratio,
                                   std::span<const tick_t> bars_ticks, std::uint64_t seed);

/// Same, for tracks given by their end ticks (symusic's Track.end()), one per track.
AcIndexes create_random_ac_indexes(std::span<const tick_t> track_ends,
                                   std::span<const AttributeControlPtr> acs,
                                   std::optional<RatioRange> tracks_idx_ratio,
                                   std::optional<RatioRange> bars_idx_ratio,
                                   std::span<const tick_t> bars_ticks, std::uint64_t seed);

}  // namespace miditok
