// Pitch / velocity / duration augmentation of a Score, MidiTok's offset tuples and tessitura
// filter, and the seeded random augmentation used on the fly.
#include "miditok/augmentation/augmentation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "../attribute_controls/random.h"
#include "miditok/core/error.h"
#include "miditok/preprocess/tracks.h"

namespace miditok {
namespace {

// Minimum note duration in ticks: converted from beats when the durations are, else MidiTok's
// float threshold in ticks, which on integer durations acts as its floor.
tick_t min_duration_ticks(const Score& score, double min_duration, bool convert_from_beats) {
  if (!std::isfinite(min_duration)) {
    throw ConfigError("min_duration " + std::to_string(min_duration) + " is not a finite number");
  }
  if (convert_from_beats) {
    return static_cast<tick_t>(std::max<long long>(
        round_half_even(min_duration * static_cast<double>(score.ticks_per_quarter)), 1));
  }
  return static_cast<tick_t>(std::floor(min_duration));
}

// A duration offset converted to ticks, rejected (ConfigError) when it is not finite or does not
// fit the 32-bit ticks of a Score (MidiTok raises on these too, from Python's round or numpy).
int checked_ticks(double ticks, const char* parameter, double given) {
  constexpr double kMax = 2147483647.0;
  if (!std::isfinite(ticks) || std::fabs(ticks) > kMax) {
    throw ConfigError(std::string(parameter) + " " + std::to_string(given) + " is " +
                      std::to_string(ticks) + " ticks, outside the 32-bit range [-2147483647, " +
                      "2147483647]");
  }
  return static_cast<int>(detail::round_half_even(ticks));
}

}  // namespace

long long round_half_even(double x) { return detail::round_half_even(x); }

void augment_score_inplace(Score& score, const AugmentOffsets& offsets,
                           std::pair<int, int> velocity_range, tick_t min_duration) {
  const auto [pitch_off, velocity_off, duration_off] = offsets;
  if (pitch_off != 0) {
    // Check first, so an offset leaving 0-127 raises without touching the score (symusic raises
    // on the overflow too, after shifting the tracks before it).
    for (const Track& track : score.tracks) {
      if (track.is_drum) continue;
      for (const Note& n : track.notes) {
        const int p = n.pitch + pitch_off;
        if (p < 0 || p > 127) {
          throw ConfigError("augment_score: pitch_offset " + std::to_string(pitch_off) +
                            " moves pitch " + std::to_string(n.pitch) +
                            " out of the MIDI range [0, 127]");
        }
      }
    }
    for (Track& track : score.tracks) {
      if (track.is_drum) continue;
      for (Note& n : track.notes) n.pitch = static_cast<std::int8_t>(n.pitch + pitch_off);
    }
  }
  if (velocity_off != 0) {
    const int lo = std::min(velocity_range.first, velocity_range.second);
    const int hi = std::max(velocity_range.first, velocity_range.second);
    for (Track& track : score.tracks) {  // drums included, as MidiTok
      for (Note& n : track.notes) {
        int v = n.velocity + velocity_off;
        v = velocity_off < 0 ? std::max(lo, v) : std::min(hi, v);
        n.velocity = static_cast<std::int8_t>(std::clamp(v, 0, 127));
      }
    }
  }
  if (duration_off != 0) {
    for (Track& track : score.tracks) {
      if (track.is_drum) continue;
      for (Note& n : track.notes) {
        n.duration += duration_off;
        if (duration_off < 0 && n.duration < min_duration) n.duration = min_duration;
      }
    }
  }
}

Score augment_score(const Score& score, int pitch_offset, int velocity_offset,
                    double duration_offset, std::pair<int, int> velocity_range,
                    bool duration_in_ticks, double min_duration) {
  long long dur_ticks = 0;
  tick_t min_ticks = 0;
  if (duration_offset != 0) {
    if (!duration_in_ticks) {
      // MidiTok: max(round(offset * tpq), 1), which turns a negative offset into +1 tick. Here a
      // shift of at least one tick in the offset's own direction.
      dur_ticks = checked_ticks(duration_offset * static_cast<double>(score.ticks_per_quarter),
                                "duration_offset", duration_offset);
      dur_ticks = duration_offset > 0 ? std::max(dur_ticks, 1LL) : std::min(dur_ticks, -1LL);
      min_ticks = min_duration_ticks(score, min_duration, true);
    } else if (duration_offset != std::floor(duration_offset)) {
      dur_ticks = checked_ticks(duration_offset, "duration_offset", duration_offset);  // rounded
      min_ticks = checked_ticks(min_duration, "min_duration", min_duration);
    } else {
      dur_ticks = checked_ticks(duration_offset, "duration_offset", duration_offset);
      min_ticks = min_duration_ticks(score, min_duration, false);
    }
  }
  Score out = score;
  augment_score_inplace(out, {pitch_offset, velocity_offset, static_cast<int>(dur_ticks)},
                        velocity_range, min_ticks);
  return out;
}

std::vector<int> filter_pitch_offsets(std::span<const int> pitch_offsets, const Score& score,
                                      bool restrict_on_program_tessitura) {
  int lo_off = -127, hi_off = 127;
  int lowest = 127, highest = 0;
  bool any = false;
  for (const Track& track : score.tracks) {
    if (track.is_drum || track.notes.empty()) continue;
    const auto [mn, mx] =
        std::minmax_element(track.notes.begin(), track.notes.end(),
                            [](const Note& a, const Note& b) { return a.pitch < b.pitch; });
    any = true;
    lowest = std::min<int>(lowest, mn->pitch);
    highest = std::max<int>(highest, mx->pitch);
    if (restrict_on_program_tessitura) {
      // Each track against its own program's range (MidiTok zips the non-empty tracks' pitches
      // with all non-drum tracks, so an empty track shifts the programs of the ones after it).
      const auto [range_lo, range_end] =
          track.program <= 127 ? program_pitch_range(track.program) : std::pair{0, 128};
      const int range_hi = range_end - 1;  // program_pitch_range is [first, last)
      lo_off = std::max(lo_off, range_lo - mn->pitch);
      hi_off = std::min(hi_off, range_hi - mx->pitch);
    }
  }
  if (!restrict_on_program_tessitura && any) {
    lo_off = -lowest;
    hi_off = 127 - highest;
  }
  std::vector<int> kept;
  for (const int off : pitch_offsets) {
    if (lo_off <= off && off <= hi_off) kept.push_back(off);
  }
  return kept;
}

std::vector<AugmentOffsets> create_offsets_tuples(const Score& score,
                                                  std::span<const int> pitch_offsets,
                                                  std::span<const int> velocity_offsets,
                                                  std::span<const int> duration_offsets_ticks,
                                                  bool all_offset_combinations,
                                                  bool restrict_on_program_tessitura) {
  const std::vector<int> pitches =
      filter_pitch_offsets(pitch_offsets, score, restrict_on_program_tessitura);
  std::vector<AugmentOffsets> offsets;
  for (const int p : pitches) offsets.push_back({p, 0, 0});
  for (const int v : velocity_offsets) offsets.push_back({0, v, 0});
  for (const int d : duration_offsets_ticks) offsets.push_back({0, 0, d});
  if (!all_offset_combinations) return offsets;

  std::set<AugmentOffsets> seen(offsets.begin(), offsets.end());
  const std::array<std::span<const int>, 3> lists = {pitches, velocity_offsets,
                                                     duration_offsets_ticks};
  for (std::size_t dim = 0; dim < 3; ++dim) {
    for (const int value : lists[dim]) {
      // MidiTok iterates over the tuples present when this value's loop starts.
      const std::size_t n = offsets.size();
      for (std::size_t i = 0; i < n; ++i) {
        if (offsets[i][dim] == value) continue;
        AugmentOffsets combined = offsets[i];
        combined[dim] = value;
        if (seen.insert(combined).second) offsets.push_back(combined);
      }
    }
  }
  return offsets;
}

std::pair<std::vector<int>, tick_t> duration_offsets_ticks(const Score& score,
                                                           const AugmentOptions& options) {
  std::vector<int> ticks;
  const bool convert = !options.duration_offsets.empty() && !options.duration_in_ticks;
  for (const double d : options.duration_offsets) {
    const double scaled = convert ? d * static_cast<double>(score.ticks_per_quarter) : d;
    ticks.push_back(checked_ticks(scaled, "duration_offsets value", d));
  }
  return {ticks, min_duration_ticks(score, options.min_duration, convert)};
}

std::vector<std::pair<AugmentOffsets, Score>> augment_score_multiple_offsets(
    const Score& score, const AugmentOptions& options) {
  const auto [dur_ticks, min_ticks] = duration_offsets_ticks(score, options);
  std::vector<std::pair<AugmentOffsets, Score>> out;
  for (const AugmentOffsets& offsets : create_offsets_tuples(
           score, options.pitch_offsets, options.velocity_offsets, dur_ticks,
           options.all_offset_combinations, options.restrict_on_program_tessitura)) {
    Score augmented = score;
    augment_score_inplace(augmented, offsets, options.velocity_range, min_ticks);
    out.emplace_back(offsets, std::move(augmented));
  }
  return out;
}

std::string augmentation_suffix(const AugmentOffsets& offsets) {
  static constexpr std::array<char, 3> kLetters = {'p', 'v', 'd'};
  std::string suffix = "#";
  bool first = true;
  for (std::size_t i = 0; i < 3; ++i) {
    if (offsets[i] == 0) continue;
    if (!first) suffix += '_';
    suffix += kLetters[i];
    suffix += std::to_string(offsets[i]);
    first = false;
  }
  return suffix;
}

AugmentOffsets draw_random_offsets(const Score& score, std::uint64_t seed, std::uint64_t epoch,
                                   std::uint64_t sample_index, const AugmentOptions& options) {
  // One independent stream per (seed, epoch, sample): mix the three through splitmix steps.
  detail::Rng mixer(seed);
  detail::Rng rng(mixer.next() ^ (epoch * 0x9E3779B97F4A7C15ULL) ^
                  detail::Rng(sample_index + 0x632BE59BD9B4E019ULL).next());
  const auto pick = [&rng](std::span<const int> values) {
    // Uniform over "no shift" plus each value.
    const std::uint64_t i = rng.below(values.size() + 1);
    return i == 0 ? 0 : values[static_cast<std::size_t>(i - 1)];
  };
  const std::vector<int> pitches =
      filter_pitch_offsets(options.pitch_offsets, score, options.restrict_on_program_tessitura);
  const auto [dur_ticks, min_ticks] = duration_offsets_ticks(score, options);
  (void)min_ticks;
  const int p = pick(pitches);
  const int v = pick(options.velocity_offsets);
  const int d = pick(dur_ticks);
  return {p, v, d};
}

Score random_augment(const Score& score, std::uint64_t seed, std::uint64_t epoch,
                     std::uint64_t sample_index, const AugmentOptions& options) {
  const AugmentOffsets offsets = draw_random_offsets(score, seed, epoch, sample_index, options);
  const auto [dur_ticks, min_ticks] = duration_offsets_ticks(score, options);
  (void)dur_ticks;
  Score out = score;
  augment_score_inplace(out, offsets, options.velocity_range, min_ticks);
  return out;
}

}  // namespace miditok
