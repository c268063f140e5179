// bar_head: a score's notes before its last encoded bar (and those setting its last onset), so
// that only they are preprocessed; whole_within_encode_limits: the encode bound kept exact.
#include "bar_clip.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "miditok/score/score_ops.h"
#include "miditok/tokenizer/encode_limits.h"

namespace miditok::detail {

namespace {
constexpr std::int64_t kMaxTick = std::numeric_limits<tick_t>::max();

/// The events of a list the encode reads when it does not use them: the last (a score's last
/// onset reads the back of each list) and the first that starts latest (its time is the list's
/// greatest, the back once lists are merged and sorted by time), in their order.
template <class E>
std::vector<E> last_and_latest(const std::vector<E>& events) {
  if (events.empty()) return {};
  std::size_t latest = 0;
  for (std::size_t i = 1; i < events.size(); ++i)
    if (events[i].time > events[latest].time) latest = i;
  if (latest + 1 == events.size()) return {events.back()};
  return {events[latest], events.back()};
}
}  // namespace

std::optional<BarHead> bar_head(const Score& score, const BarHeadParams& p) {
  const int max_bars = p.max_bars;
  // Without time signatures the preprocessed grid is 4/4 at max_num_pos_per_beat ticks per
  // quarter (prepare_time_signatures): bar k starts at k * 4 * tpq.
  if (max_bars <= 0 || p.use_time_signatures || p.fixed_ticks_per_quarter > 0) return std::nullopt;
  const std::int64_t new_tpq = p.max_num_pos_per_beat;
  const std::int64_t old_tpq = score.ticks_per_quarter;
  if (new_tpq <= 0 || old_tpq < new_tpq) return std::nullopt;
  const std::int64_t cut = std::int64_t{max_bars} * 4 * new_tpq;
  // A raw tick t >= raw_cut resamples to round(t * new / old) >= cut.
  const std::int64_t raw_cut = (cut * old_tpq + new_tpq - 1) / new_tpq;
  if (raw_cut > kMaxTick) return std::nullopt;
  const auto after_cut = [raw_cut](const Note& n) { return n.time >= raw_cut; };
  // From the back: a long score's last notes are past the cut.
  if (std::none_of(score.tracks.begin(), score.tracks.end(), [&](const Track& t) {
        return std::any_of(t.notes.rbegin(), t.notes.rend(), after_cut);
      }))
    return std::nullopt;

  BarHead head;
  Score& out = head.score;
  out.ticks_per_quarter = score.ticks_per_quarter;
  out.time_signatures = score.time_signatures;
  out.key_signatures = score.key_signatures;
  out.tempos = score.tempos;
  out.markers = score.markers;
  out.tracks.reserve(score.tracks.size());
  std::int64_t tail_end = 0;
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  for (const Track& t : score.tracks) {
    // Every member but the notes as they are (unused controls and pitch bends: what is read).
    Track& o = out.tracks.emplace_back(
        Track{t.name,
              t.program,
              t.is_drum,
              {},
              p.use_control_changes ? t.controls : last_and_latest(t.controls),
              p.use_pitch_bends ? t.pitch_bends : last_and_latest(t.pitch_bends),
              t.pedals,
              t.lyrics});
    const auto& range = t.is_drum && p.use_pitchdrum_tokens ? p.drums_pitch_range : p.pitch_range;
    const auto in_range = [&range](const Note& n) {
      return n.pitch >= range.first && n.pitch <= range.second;
    };
    // The note the preprocessed list ends with is the last one the pitch filter keeps (the list
    // unsorted) or the first of those starting last (sorted by a merge or the removal of
    // duplicates).
    std::size_t last = none, latest = none, kept = 0;
    const auto& notes = t.notes;
    const bool sorted = std::is_sorted(
        notes.begin(), notes.end(), [](const Note& a, const Note& b) { return a.time < b.time; });
    if (sorted) {
      // Sorted by time (as read from a file): the notes kept are a prefix, found by bisection,
      // and `last` and `latest` are found from the back.
      kept = static_cast<std::size_t>(
          std::partition_point(notes.begin(), notes.end(),
                               [raw_cut](const Note& n) { return n.time < raw_cut; }) -
          notes.begin());
      for (std::size_t i = notes.size(); i-- > 0;)
        if (in_range(notes[i])) {
          last = latest = i;
          break;
        }
      if (last != none)
        for (std::size_t i = last; i-- > 0 && notes[i].time == notes[last].time;)
          if (in_range(notes[i])) latest = i;
    } else {
      tick_t latest_time = 0;
      for (std::size_t i = 0; i < notes.size(); ++i) {
        const Note& n = notes[i];
        kept += n.time < raw_cut;
        if (!in_range(n)) continue;
        last = i;
        if (latest == none || n.time > latest_time) {
          latest = i;
          latest_time = n.time;
        }
      }
    }
    o.notes.reserve(kept + 2);
    std::size_t from = 0;
    if (sorted) {  // those before the cut copied at once
      o.notes.assign(notes.begin(), notes.begin() + static_cast<std::ptrdiff_t>(kept));
      from = kept;
    }
    for (std::size_t i = from; i < notes.size(); ++i) {
      const Note& n = notes[i];
      if (n.time < raw_cut || i == last || i == latest)
        o.notes.push_back(n);
      else
        tail_end = std::max(tail_end, std::int64_t{n.time} + std::max<std::int64_t>(n.duration, 0));
    }
  }
  // A note's preprocessed end: round(rate * t) + max(round(rate * d), 1), or a duration bin.
  const std::int64_t max_bin = std::max<std::int64_t>(p.max_duration_ticks, 0);
  const double rate = static_cast<double>(new_tpq) / static_cast<double>(old_tpq);
  const std::int64_t bound =
      static_cast<std::int64_t>(std::ceil(rate * static_cast<double>(tail_end))) + 2 + max_bin;
  head.tail_end_bound = static_cast<tick_t>(std::min<std::int64_t>(bound, kMaxTick));
  return head;
}

bool whole_within_encode_limits(const Score& pre, tick_t tail_end_bound) {
  // check_encode_limits's test with the whole score's end bounded above and its number of
  // events bounded below.
  if (pre.ticks_per_quarter <= 0) return false;
  int max_denominator = 4;
  for (const TimeSignature& ts : pre.time_signatures)
    max_denominator = std::max(max_denominator, static_cast<int>(ts.denominator));
  const std::int64_t beat_ticks =
      std::max<std::int64_t>(1, std::int64_t{pre.ticks_per_quarter} * 4 / max_denominator);
  const std::int64_t end = std::max<std::int64_t>(score_end(pre), tail_end_bound);
  std::int64_t events = static_cast<std::int64_t>(pre.tempos.size() + pre.time_signatures.size() +
                                                  pre.key_signatures.size() + pre.markers.size());
  for (const Track& t : pre.tracks)
    events += static_cast<std::int64_t>(t.notes.size() + t.controls.size() + t.pitch_bends.size() +
                                        t.pedals.size() + t.lyrics.size());
  const EncodeLimits limits = encode_limits();
  const std::int64_t bound =
      limits.base_beats + std::min<std::int64_t>(events, INT64_MAX / 2 / limits.beats_per_event) *
                              limits.beats_per_event;
  return end / beat_ticks <= bound;
}

}  // namespace miditok::detail
