// Score splitting (split_score_per_note_density, _per_beats, _per_ticks, _per_tracks), following
// miditok.utils.split step by step so that the chunks are the same.
#include "miditok/data/split.h"

#include <algorithm>
#include <limits>
#include <string>

#include "miditok/core/error.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/score/score_ops.h"

namespace miditok {

std::vector<std::pair<tick_t, tick_t>> note_density_split_ticks(
    const std::vector<tick_t>& bar_ticks, const std::vector<std::int32_t>& num_notes_per_bar,
    tick_t score_end, int max_seq_len, double average_num_tokens_per_note, int num_overlap_bars,
    std::optional<int> min_seq_len) {
  if (num_overlap_bars < 0) {
    throw ConfigError("num_overlap_bars must be greater or equal to 0 (received " +
                      std::to_string(num_overlap_bars) + ")");
  }
  const int min_len = min_seq_len.value_or(max_seq_len / 4);
  const std::size_t num_bars = std::min(bar_ticks.size(), num_notes_per_bar.size());
  std::vector<double> tokens_per_bar(num_bars);
  for (std::size_t i = 0; i < num_bars; ++i) {
    tokens_per_bar[i] = num_notes_per_bar[i] * average_num_tokens_per_note;
  }

  std::vector<std::pair<tick_t, tick_t>> ticks_split;
  // MidiTok sums Python floats starting from the int 0, left to right: the same in doubles.
  double tokens_current_chunk = 0;
  std::size_t bi_start = 0;
  for (std::size_t bi = 0; bi < num_bars; ++bi) {
    const double tpb = tokens_per_bar[bi];
    const double tokens_with_bar = tokens_current_chunk + tpb;
    if (tokens_with_bar <= max_seq_len) {
      tokens_current_chunk = tokens_with_bar;
      continue;
    }
    // The chunk would exceed max_seq_len: cut it.
    bool overlap_enabled = true;
    std::size_t bi_end;
    if (bi == bi_start) {  // a single bar too long: its own chunk, no overlap
      bi_end = bi + 1;
      overlap_enabled = false;
    } else if (num_overlap_bars == 0 && max_seq_len - tokens_current_chunk < tpb / 2) {
      bi_end = bi;  // cut before the bar, more than half of it would not fit
    } else {
      bi_end = bi + 1;
    }
    if (bi_end < num_bars) {
      ticks_split.emplace_back(bar_ticks[bi_start], bar_ticks[bi_end]);
      const std::size_t overlap = overlap_enabled ? static_cast<std::size_t>(num_overlap_bars) : 0;
      const std::size_t with_overlap = bi_end >= overlap ? bi_end - overlap : 0;
      bi_start = std::max(bi_start + 1, with_overlap);
      tokens_current_chunk = 0;
      for (std::size_t i = bi_start; i <= bi; ++i) tokens_current_chunk += tokens_per_bar[i];
    } else {  // cutting at the end of the last bar: the last chunk is added below
      tokens_current_chunk = tokens_with_bar;
    }
  }
  if (tokens_current_chunk >= min_len && bi_start < bar_ticks.size()) {
    ticks_split.emplace_back(bar_ticks[bi_start], score_end + 1);
  }
  return ticks_split;
}

namespace {

// get_num_notes_per_bar from bars already computed: notes are counted in the bar their onset
// falls in (before the first bar: the first), by binary search instead of sorting the onsets.
std::vector<std::int32_t> notes_per_bar(const Score& score, const std::vector<tick_t>& bars,
                                        tick_t end) {
  if (end == 0) return {0};
  std::vector<std::int32_t> counts(bars.size(), 0);
  if (bars.empty()) return counts;
  const std::size_t last = bars.size() - 1;
  for (const Track& track : score.tracks) {
    std::size_t b = 0;  // the bar of the previous note: notes mostly come in time order
    for (const Note& note : track.notes) {
      if (note.time > end) continue;  // after the last bar's end (end + 1)
      // Onsets mostly move forward a bar or two at a time: a few steps, else a binary search
      std::size_t steps = 0;
      while (b < last && note.time >= bars[b + 1] && steps < 4) {
        ++b;
        ++steps;
      }
      if (note.time < bars[b] || (b < last && note.time >= bars[b + 1])) {
        const auto it = std::upper_bound(bars.begin(), bars.end(), note.time);
        b = it == bars.begin() ? 0 : static_cast<std::size_t>(it - bars.begin() - 1);
      }
      ++counts[b];
    }
  }
  return counts;
}

}  // namespace

std::vector<std::pair<tick_t, tick_t>> note_density_windows(const Score& score, int max_seq_len,
                                                            double average_num_tokens_per_note,
                                                            int num_overlap_bars,
                                                            std::optional<int> min_seq_len) {
  const std::vector<tick_t> bars = get_bars_ticks(score, /*only_notes_onsets=*/true);
  const tick_t end = score_end(score);
  return note_density_split_ticks(bars, notes_per_bar(score, bars, end), end, max_seq_len,
                                  average_num_tokens_per_note, num_overlap_bars, min_seq_len);
}

namespace {

// out = the events of `in` whose onset is in [start, end), moved by -start: clip_list (clip_end
// false) then shift_list, without copying what the window leaves out. In a list in time order
// they are one range, found by binary search.
template <class E>
void window_list(const std::vector<E>& in, tick_t start, tick_t end, std::vector<E>& out,
                 bool in_time_order = false) {
  out.clear();
  if (in_time_order) {
    const auto lo =
        std::partition_point(in.begin(), in.end(), [&](const E& e) { return e.time < start; });
    const auto hi = std::partition_point(lo, in.end(), [&](const E& e) { return e.time < end; });
    out.assign(lo, hi);
    for (E& e : out) e.time -= start;
    return;
  }
  for (const E& e : in) {
    if (e.time >= start && e.time < end) {
      out.push_back(e);
      out.back().time -= start;
    }
  }
}

template <class E>
bool in_time_order(const std::vector<E>& events) {
  return std::is_sorted(events.begin(), events.end(),
                        [](const E& a, const E& b) { return a.time < b.time; });
}

// clip_with_sentinel then shift: the first of the latest events at or before start (moved to
// tick 0; none at kMinTick, as there) followed by the events in (start, end), moved by -start.
template <class E>
void window_with_sentinel(const std::vector<E>& in, tick_t start, tick_t end, std::vector<E>& out) {
  out.clear();
  const E* sentinel = nullptr;
  tick_t latest = std::numeric_limits<tick_t>::min();
  for (const E& e : in) {
    if (e.time <= start && latest < e.time) {
      sentinel = &e;
      latest = e.time;
    }
  }
  if (sentinel != nullptr) {
    out.push_back(*sentinel);
    out.back().time = 0;
  }
  for (const E& e : in) {
    if (e.time > start && e.time < end) {
      out.push_back(e);
      out.back().time -= start;
    }
  }
}

}  // namespace

std::vector<std::uint8_t> tracks_time_order(const Score& score) {
  std::vector<std::uint8_t> order;
  order.reserve(score.tracks.size());
  for (const Track& t : score.tracks) {
    order.push_back(static_cast<std::uint8_t>(
        (in_time_order(t.notes) ? 1 : 0) | (in_time_order(t.controls) ? 2 : 0) |
        (in_time_order(t.pitch_bends) ? 4 : 0) | (in_time_order(t.pedals) ? 8 : 0) |
        (in_time_order(t.lyrics) ? 16 : 0)));
  }
  return order;
}

void clip_window(const Score& score, tick_t start, tick_t end, Score& out,
                 const std::vector<std::uint8_t>* time_order) {
  // The same as copying the score, clip_inplace(clip_end=false) and shift_time_inplace(-start),
  // but only the window is copied (a file of N chunks no longer copies the whole score N times);
  // `out`'s buffers serve again.
  out.ticks_per_quarter = score.ticks_per_quarter;
  out.tracks.resize(score.tracks.size());
  for (std::size_t i = 0; i < score.tracks.size(); ++i) {
    const Track& in = score.tracks[i];
    Track& t = out.tracks[i];
    const unsigned order = time_order != nullptr ? (*time_order)[i] : 0U;
    t.name = in.name;
    t.program = in.program;
    t.is_drum = in.is_drum;
    window_list(in.notes, start, end, t.notes, (order & 1U) != 0);
    window_list(in.controls, start, end, t.controls, (order & 2U) != 0);
    window_list(in.pitch_bends, start, end, t.pitch_bends, (order & 4U) != 0);
    window_list(in.pedals, start, end, t.pedals, (order & 8U) != 0);
    window_list(in.lyrics, start, end, t.lyrics, (order & 16U) != 0);
  }
  window_with_sentinel(score.time_signatures, start, end, out.time_signatures);
  window_with_sentinel(score.key_signatures, start, end, out.key_signatures);
  window_with_sentinel(score.tempos, start, end, out.tempos);
  window_list(score.markers, start, end, out.markers);
}

std::vector<Score> split_score_per_note_density(const Score& score, int max_seq_len,
                                                double average_num_tokens_per_note,
                                                int num_overlap_bars,
                                                std::optional<int> min_seq_len) {
  const auto windows = note_density_windows(score, max_seq_len, average_num_tokens_per_note,
                                            num_overlap_bars, min_seq_len);
  std::vector<Score> chunks;
  if (windows.size() == 1) {
    chunks.push_back(score);
    return chunks;
  }
  chunks.reserve(windows.size());
  const std::vector<std::uint8_t> order = tracks_time_order(score);
  for (const auto& [start, end] : windows) {
    clip_window(score, start, end, chunks.emplace_back(), &order);
  }
  return chunks;
}

std::vector<Score> split_score_per_ticks(const Score& score, std::vector<tick_t> ticks) {
  const tick_t end_tick = score_end(score) + 1;  // to include the last events
  if (ticks.empty() || ticks.back() != end_tick) ticks.push_back(end_tick);
  std::vector<Score> chunks;
  chunks.reserve(ticks.size());
  tick_t current = 0;
  for (const tick_t tick_end : ticks) {
    clip_window(score, current, tick_end, chunks.emplace_back());
    current = tick_end;
  }
  return chunks;
}

std::vector<tick_t> beats_split_ticks(const std::vector<tick_t>& beats_ticks, tick_t score_end,
                                      int max_num_beats, int min_num_beats) {
  if (min_num_beats < 1) {
    throw ConfigError("min_num_beats must be > 0 (got " + std::to_string(min_num_beats) + ")");
  }
  if (max_num_beats < 1) {
    throw ConfigError("max_num_beats must be > 0 (got " + std::to_string(max_num_beats) + ")");
  }
  std::vector<tick_t> ticks_split;
  const std::size_t n = beats_ticks.size();
  const auto max_beats = static_cast<std::size_t>(max_num_beats);
  std::size_t current = 0;
  while (current < n) {
    const std::size_t num_beats = std::min(n - current, max_beats);
    if (num_beats < static_cast<std::size_t>(min_num_beats)) break;
    tick_t tick_end;
    if (num_beats != max_beats || (n >= max_beats && current == n - max_beats)) {
      tick_end = score_end + 1;  // the last section
    } else {
      tick_end = beats_ticks[current + num_beats];
    }
    if (tick_end > score_end) break;
    ticks_split.push_back(tick_end);
    current += num_beats;
  }
  return ticks_split;
}

std::vector<Score> split_score_per_beats(const Score& score, int max_num_beats, int min_num_beats) {
  const auto ticks = beats_split_ticks(get_beats_ticks(score, /*only_notes_onsets=*/true),
                                       score_end(score), max_num_beats, min_num_beats);
  // MidiTok raises IndexError when no cut is made (a score of max_num_beats beats or fewer);
  // the whole score is then one chunk.
  return split_score_per_ticks(score, ticks);
}

std::vector<Score> split_score_per_tracks(const Score& score) {
  std::vector<Score> scores;
  scores.reserve(score.tracks.size());
  for (const Track& track : score.tracks) {
    Score one;
    one.ticks_per_quarter = score.ticks_per_quarter;
    one.tempos = score.tempos;
    one.time_signatures = score.time_signatures;
    one.key_signatures = score.key_signatures;
    one.markers = score.markers;
    one.tracks.push_back(track);
    scores.push_back(std::move(one));
  }
  return scores;
}

}  // namespace miditok
