// The AttributeControl base: compute() on a Track, the per-bar split of BarAttributeControl, and
// symusic's Track.end().
#include "miditok/attribute_controls/attribute_control.h"

#include <algorithm>
#include <limits>

namespace miditok {

tick_t track_end_tick(const Track& track) {
  if (track.notes.empty() && track.controls.empty() && track.pitch_bends.empty() &&
      track.pedals.empty() && track.lyrics.empty()) {
    return 0;
  }
  tick_t end = std::numeric_limits<tick_t>::min();
  for (const Note& n : track.notes) end = std::max(end, n.end());
  for (const ControlChange& c : track.controls) end = std::max(end, c.time);
  for (const PitchBend& b : track.pitch_bends) end = std::max(end, b.time);
  for (const Pedal& p : track.pedals) end = std::max(end, p.end());
  for (const TextMeta& l : track.lyrics) end = std::max(end, l.time);
  return end;
}

std::vector<AcEvent> AttributeControl::compute(const Track& track, tick_t ticks_per_quarter,
                                               std::span<const tick_t> bars_ticks,
                                               std::span<const tick_t> beats_ticks,
                                               std::span<const int> bar_indexes) const {
  return compute_notes(track.notes, track_end_tick(track), ticks_per_quarter, bars_ticks,
                       beats_ticks, bar_indexes);
}

std::vector<AcEvent> BarAttributeControl::compute_notes(std::span<const Note> notes,
                                                        tick_t /*track_end*/,
                                                        tick_t ticks_per_quarter,
                                                        std::span<const tick_t> bars_ticks,
                                                        std::span<const tick_t> /*beats_ticks*/,
                                                        std::span<const int> bar_indexes) const {
  std::vector<AcEvent> events;
  if (notes.empty() || bars_ticks.empty() || bar_indexes.empty()) return events;

  // The bars are sliced on note onsets: work on notes sorted by time (stable, as MidiTok's
  // preprocessing leaves them); copy only when the caller's notes are not sorted.
  std::vector<Note> sorted_copy;
  const auto by_time = [](const Note& a, const Note& b) { return a.time < b.time; };
  if (!std::is_sorted(notes.begin(), notes.end(), by_time)) {
    sorted_copy.assign(notes.begin(), notes.end());
    std::stable_sort(sorted_copy.begin(), sorted_copy.end(), by_time);
    notes = sorted_copy;
  }

  // Bars of the track: those starting at or before its last onset; the last one runs to the end.
  const tick_t last_onset = notes.back().time;
  const auto n_bars = static_cast<int>(
      std::upper_bound(bars_ticks.begin(), bars_ticks.end(), last_onset) - bars_ticks.begin());

  std::vector<int> bars(bar_indexes.begin(), bar_indexes.end());
  std::sort(bars.begin(), bars.end());
  bars.erase(std::unique(bars.begin(), bars.end()), bars.end());
  for (const int bar : bars) {
    if (bar < 0) continue;
    if (bar >= n_bars) break;
    const auto first = bar == 0
                           ? notes.begin()
                           : std::lower_bound(notes.begin(), notes.end(), bars_ticks[bar],
                                              [](const Note& n, tick_t t) { return n.time < t; });
    const auto last = bar == n_bars - 1
                          ? notes.end()
                          : std::lower_bound(first, notes.end(), bars_ticks[bar + 1],
                                             [](const Note& n, tick_t t) { return n.time < t; });
    if (first == last) continue;
    std::vector<AcEvent> bar_events = compute_on_bar(
        std::span<const Note>(&*first, static_cast<std::size_t>(last - first)), ticks_per_quarter);
    for (AcEvent& e : bar_events) {
      e.time = bars_ticks[bar];
      events.push_back(std::move(e));
    }
  }
  return events;
}

}  // namespace miditok
