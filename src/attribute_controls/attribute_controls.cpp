// The factory from the ac_* parameters, the per-track computation the tokenizer calls, and the
// seedable create_random_ac_indexes.
#include "miditok/attribute_controls/attribute_controls.h"

#include <algorithm>
#include <iterator>
#include <numeric>
#include <string>

#include "miditok/core/error.h"
#include "random.h"

namespace miditok {

bool any_attribute_control_enabled(const AttributeControlsParams& p) {
  return p.any_attribute_control();
}

std::vector<AttributeControlPtr> create_attribute_controls(const AttributeControlsParams& p) {
  std::vector<AttributeControlPtr> acs;
  if (p.ac_polyphony_track) {
    acs.push_back(std::make_shared<TrackOnsetPolyphony>(p.ac_polyphony_min, p.ac_polyphony_max));
  }
  if (p.ac_polyphony_bar) {
    acs.push_back(std::make_shared<BarOnsetPolyphony>(p.ac_polyphony_min, p.ac_polyphony_max));
  }
  if (p.ac_pitch_class_bar) acs.push_back(std::make_shared<BarPitchClass>());
  if (p.ac_note_density_track) {
    acs.push_back(std::make_shared<TrackNoteDensity>(p.ac_note_density_track_min,
                                                     p.ac_note_density_track_max));
  }
  if (p.ac_note_density_bar) {
    acs.push_back(std::make_shared<BarNoteDensity>(p.ac_note_density_bar_max));
  }
  if (p.ac_note_duration_bar) acs.push_back(std::make_shared<BarNoteDuration>());
  if (p.ac_note_duration_track) acs.push_back(std::make_shared<TrackNoteDuration>());
  if (p.ac_repetition_track) {
    acs.push_back(std::make_shared<TrackRepetition>(
        p.ac_repetition_track_num_bins, p.ac_repetition_track_num_consec_bars, p.pitch_range));
  }
  return acs;
}

std::vector<AcEvent> compute_track_attribute_controls(std::span<const AttributeControlPtr> acs,
                                                      const TrackAcIndexes& indexes,
                                                      const Track& track, tick_t ticks_per_quarter,
                                                      std::span<const tick_t> bars_ticks,
                                                      std::span<const tick_t> beats_ticks) {
  std::vector<AcEvent> events;
  if (indexes.empty()) return events;
  const tick_t end = track_end_tick(track);
  const auto n_acs = static_cast<long long>(acs.size());
  std::vector<int> all_bars;
  for (const auto& [ac_idx, bars] : indexes) {
    const long long idx = ac_idx < 0 ? ac_idx + n_acs : ac_idx;
    if (idx < 0 || idx >= n_acs) {
      throw ConfigError("attribute_controls_indexes: attribute control index " +
                        std::to_string(ac_idx) + " out of range [-" + std::to_string(n_acs) + ", " +
                        std::to_string(n_acs) + ") (the tokenizer has " + std::to_string(n_acs) +
                        " attribute controls)");
    }
    const AttributeControl& ac = *acs[static_cast<std::size_t>(idx)];
    if (ac.is_bar_level() && bars.empty()) continue;
    std::span<const int> bars_used = bars;
    if (bars.size() == 1 && bars[0] == kAllBars) {
      if (all_bars.size() != bars_ticks.size()) {
        all_bars.resize(bars_ticks.size());
        std::iota(all_bars.begin(), all_bars.end(), 0);
      }
      bars_used = all_bars;
    }
    std::vector<AcEvent> ac_events =
        ac.compute_notes(track.notes, end, ticks_per_quarter, bars_ticks, beats_ticks, bars_used);
    std::move(ac_events.begin(), ac_events.end(), std::back_inserter(events));
  }
  return events;
}

AcIndexes create_random_ac_indexes(const Score& score, std::span<const AttributeControlPtr> acs,
                                   std::optional<RatioRange> tracks_idx_ratio,
                                   std::optional<RatioRange> bars_idx_ratio,
                                   std::span<const tick_t> bars_ticks, std::uint64_t seed) {
  std::vector<tick_t> ends;
  ends.reserve(score.tracks.size());
  for (const Track& t : score.tracks) ends.push_back(track_end_tick(t));
  return create_random_ac_indexes(ends, acs, tracks_idx_ratio, bars_idx_ratio, bars_ticks, seed);
}

AcIndexes create_random_ac_indexes(std::span<const tick_t> track_ends,
                                   std::span<const AttributeControlPtr> acs,
                                   std::optional<RatioRange> tracks_idx_ratio,
                                   std::optional<RatioRange> bars_idx_ratio,
                                   std::span<const tick_t> bars_ticks, std::uint64_t seed) {
  std::vector<int> track_acs, bar_acs;
  for (std::size_t i = 0; i < acs.size(); ++i) {
    (acs[i]->is_bar_level() ? bar_acs : track_acs).push_back(static_cast<int>(i));
  }
  // MidiTok's `if ratio:` skips a ratio of exactly 0 (or (0, 0)) as well as None.
  const auto active = [](const std::optional<RatioRange>& r) {
    return r.has_value() && !(r->first == 0.0 && r->second == 0.0);
  };
  const auto draw_ratio = [](detail::Rng& rng, const RatioRange& r) {
    return r.first == r.second ? r.first : rng.uniform(r.first, r.second);
  };

  detail::Rng rng(seed);
  AcIndexes indexes;
  for (std::size_t ti = 0; ti < track_ends.size(); ++ti) {
    TrackAcIndexes track_indexes;
    if (active(tracks_idx_ratio)) {
      const double ratio = draw_ratio(rng, *tracks_idx_ratio);
      const auto k = std::clamp<long long>(
          detail::round_half_even(static_cast<double>(track_acs.size()) * ratio), 0,
          static_cast<long long>(track_acs.size()));
      for (const int idx : rng.sample(track_acs, static_cast<std::size_t>(k))) {
        track_indexes.emplace_back(idx, std::vector<int>{});
      }
    }
    if (active(bars_idx_ratio)) {
      const tick_t end = track_ends[ti];
      const auto n_bars = static_cast<int>(std::count_if(bars_ticks.begin(), bars_ticks.end(),
                                                         [end](tick_t t) { return t <= end; }));
      std::vector<int> all_bars(static_cast<std::size_t>(n_bars));
      std::iota(all_bars.begin(), all_bars.end(), 0);
      for (const int ac_idx : bar_acs) {
        const double ratio = draw_ratio(rng, *bars_idx_ratio);
        const auto k = std::clamp<long long>(
            detail::round_half_even(static_cast<double>(n_bars) * ratio), 0, n_bars);
        std::vector<int> bars = rng.sample(all_bars, static_cast<std::size_t>(k));
        std::sort(bars.begin(), bars.end());
        track_indexes.emplace_back(ac_idx, std::move(bars));
      }
    }
    indexes.emplace(static_cast<int>(ti), std::move(track_indexes));
  }
  return indexes;
}

}  // namespace miditok
