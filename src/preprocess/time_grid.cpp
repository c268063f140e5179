// Time grid of a Score: ticks per beat / bar, TS sections, bar and beat ticks, notes per bar.
#include "miditok/preprocess/time_grid.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "miditok/core/error.h"

namespace miditok {

namespace {

template <class T>
tick_t last_time(const std::vector<T>& events) {
  return events.empty() ? 0 : events.back().time;
}

void check_denominator(int denominator) {
  if (denominator == 0) {
    throw ConfigError("time signature denominator: got 0, expected a positive value");
  }
}

// Bar (or beat) starts as MidiTok's get_bars_ticks / get_beats_ticks compute them.
std::vector<tick_t> grid_ticks(const Score& score, bool only_notes_onsets, bool bars) {
  const tick_t max_tick = only_notes_onsets ? max_tick_only_onsets(score) : score_end(score);
  if (max_tick == 0) return {0};

  std::vector<tick_t> ticks;
  const auto& sigs = score.time_signatures;
  const TimeSignature default_ts{0, 4, 4};
  TimeSignature current = default_ts;
  if (!sigs.empty() && sigs[0].time == 0 && sigs[0].denominator > 0 && sigs[0].numerator > 0) {
    current = sigs[0];
  }
  // The list walked is sigs[1:] (or nothing when empty) followed by a mock TS at the end.
  const TimeSignature mock{max_tick + static_cast<tick_t>(only_notes_onsets), 4, 4};
  const std::size_t n = sigs.empty() ? 1 : sigs.size();  // items after the first, incl. the mock
  for (std::size_t i = 1; i <= n; ++i) {
    const TimeSignature& ts = (sigs.empty() || i == sigs.size()) ? mock : sigs[i];
    if (ts.denominator <= 0 || ts.numerator <= 0) continue;
    const tick_t step = bars ? compute_ticks_per_bar(current, score.ticks_per_quarter)
                             : compute_ticks_per_beat(current.denominator, score.ticks_per_quarter);
    const tick_t diff = ts.time - current.time;
    if (step == 0) throw ConfigError("time signature gives 0 ticks per bar at this tpq");
    const auto count =
        static_cast<std::int64_t>(std::ceil(static_cast<double>(diff) / static_cast<double>(step)));
    for (std::int64_t k = 0; k < count; ++k) {
      ticks.push_back(static_cast<tick_t>(current.time + step * k));
    }
    current = ts;
  }
  return ticks;
}

}  // namespace

tick_t compute_ticks_per_beat(int denominator, tick_t ticks_per_quarter) {
  if (denominator == 4) return ticks_per_quarter;
  check_denominator(denominator);
  const double factor = 4.0 / static_cast<double>(denominator);
  return static_cast<tick_t>(static_cast<double>(ticks_per_quarter) * factor);
}

tick_t compute_ticks_per_bar(const TimeSignature& time_signature, tick_t ticks_per_quarter) {
  return compute_ticks_per_beat(time_signature.denominator, ticks_per_quarter) *
         static_cast<tick_t>(time_signature.numerator);
}

// score_end (symusic's Score.end()) comes from score/score_ops.h.

tick_t max_tick_only_onsets(const Score& score) {
  tick_t tracks_max = 0;
  for (const Track& t : score.tracks) {
    tracks_max = std::max({tracks_max, last_time(t.notes), last_time(t.controls),
                           last_time(t.pitch_bends), last_time(t.lyrics)});
  }
  return std::max({last_time(score.tempos), last_time(score.time_signatures),
                   last_time(score.key_signatures), last_time(score.markers), tracks_max});
}

namespace {

// Builds sections from the TS list, value_of(ts) giving each section's value, then merges equal
// successive values the way MidiTok does (the earlier section takes the later one's end).
template <class F>
void build_sections(const Score& score, std::vector<TickSection>& out, F value_of) {
  out.clear();
  const auto& sigs = score.time_signatures;
  if (sigs.empty()) {
    throw ConfigError("ticks-per-beat sections: the score has no time signature");
  }
  for (std::size_t i = 0; i + 1 < sigs.size(); ++i) {
    out.push_back({sigs[i + 1].time, value_of(sigs[i])});
  }
  out.push_back({score_end(score) + 1, value_of(sigs.back())});
  for (std::size_t i = out.size() - 1; i > 0; --i) {
    if (out[i].value == out[i - 1].value) {
      out[i - 1].end_tick = out[i].end_tick;
      out.erase(out.begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
}

}  // namespace

void get_score_ticks_per_beat(const Score& score, std::vector<TickSection>& out) {
  const tick_t tpq = score.ticks_per_quarter;
  build_sections(score, out, [tpq](const TimeSignature& ts) {
    return compute_ticks_per_beat(ts.denominator, tpq);
  });
}

std::vector<TickSection> get_score_ticks_per_beat(const Score& score) {
  std::vector<TickSection> out;
  get_score_ticks_per_beat(score, out);
  return out;
}

std::vector<TickSection> single_ticks_per_beat_section(const Score& score) {
  return {TickSection{score_end(score), score.ticks_per_quarter}};
}

void get_score_resampling_factors(const Score& score, int max_num_pos_per_beat,
                                  std::vector<TickSection>& out) {
  const double tpq = static_cast<double>(score.ticks_per_quarter);
  build_sections(score, out, [tpq, max_num_pos_per_beat](const TimeSignature& ts) {
    // Python: tpq // (max_num_pos_per_beat * (den / 4)), a float floor division.
    const double divisor = max_num_pos_per_beat * (static_cast<double>(ts.denominator) / 4.0);
    if (divisor == 0.0) {
      throw ConfigError("resampling factors: max_num_pos_per_beat or TS denominator is 0");
    }
    return static_cast<tick_t>(std::floor(tpq / divisor));
  });
}

bool has_several_denominators(std::span<const TimeSignature> time_signatures) {
  for (const TimeSignature& ts : time_signatures) {
    if (ts.denominator != time_signatures.front().denominator) return true;
  }
  return false;
}

std::vector<tick_t> get_bars_ticks(const Score& score, bool only_notes_onsets) {
  return grid_ticks(score, only_notes_onsets, true);
}

std::vector<tick_t> get_beats_ticks(const Score& score, bool only_notes_onsets) {
  return grid_ticks(score, only_notes_onsets, false);
}

namespace {

// Counts, for each bar [bar_ticks[i], bar_ticks[i+1]), the sorted times falling before its end.
template <class Out>
void count_per_bar(std::span<const tick_t> times, std::span<const tick_t> bar_ticks, Out out) {
  std::size_t cur = 0;
  std::size_t prev = 0;
  for (std::size_t b = 0; b + 1 < bar_ticks.size(); ++b) {
    while (cur < times.size() && times[cur] < bar_ticks[b + 1]) ++cur;
    out(b, static_cast<std::int32_t>(cur - prev));
    prev = cur;
  }
}

}  // namespace

std::vector<std::int32_t> get_num_notes_per_bar(const Score& score) {
  const tick_t end = score_end(score);
  if (end == 0) return {0};
  std::vector<tick_t> bars = get_bars_ticks(score, true);
  bars.push_back(end + 1);
  std::vector<tick_t> times;
  for (const Track& t : score.tracks) {
    for (const Note& n : t.notes) times.push_back(n.time);
  }
  std::sort(times.begin(), times.end());
  std::vector<std::int32_t> counts(bars.size() - 1, 0);
  if (score.tracks.empty()) return counts;
  count_per_bar(times, bars, [&](std::size_t b, std::int32_t c) { counts[b] = c; });
  return counts;
}

std::vector<std::vector<std::int32_t>> get_num_notes_per_bar_per_track(const Score& score) {
  const tick_t end = score_end(score);
  if (end == 0) return {};
  std::vector<tick_t> bars = get_bars_ticks(score, true);
  bars.push_back(end + 1);
  const std::size_t num_tracks = std::max<std::size_t>(score.tracks.size(), 1);
  std::vector<std::vector<std::int32_t>> counts(bars.size() - 1,
                                                std::vector<std::int32_t>(num_tracks, 0));
  std::vector<tick_t> times;
  for (std::size_t ti = 0; ti < score.tracks.size(); ++ti) {
    times.clear();
    for (const Note& n : score.tracks[ti].notes) times.push_back(n.time);
    // MidiTok does not sort per-track times; with one track every column is written.
    const bool single = score.tracks.size() <= 1;
    count_per_bar(times, bars, [&](std::size_t b, std::int32_t c) {
      if (single) {
        std::fill(counts[b].begin(), counts[b].end(), c);
      } else {
        counts[b][ti] = c;
      }
    });
  }
  return counts;
}

std::pair<int, int> num_bar_pos(std::span<const token_id_t> seq, token_id_t bar_token_id,
                                std::span<const token_id_t> position_tokens_ids) {
  int num_bars = 0;
  std::size_t last_bar = 0;
  for (std::size_t i = 0; i < seq.size(); ++i) {
    if (seq[i] == bar_token_id) {
      ++num_bars;
      last_bar = i;
    }
  }
  if (num_bars == 0) {
    throw TokenError("num_bar_pos: the sequence holds no Bar token (id " +
                     std::to_string(bar_token_id) + ")");
  }
  int num_pos = 0;
  for (std::size_t i = last_bar; i < seq.size(); ++i) {
    if (std::find(position_tokens_ids.begin(), position_tokens_ids.end(), seq[i]) !=
        position_tokens_ids.end()) {
      ++num_pos;
    }
  }
  return {num_bars, num_pos - 1};
}

}  // namespace miditok
