// Ordering event vectors without moving them more than once: a stable sort by time that merges
// the already-sorted runs (a track's notes, its chords, the tracks of one stream) and applies
// the resulting order in place (no second vector of events, no fresh pages per encode).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "miditok/tokenizer/tok_sequence.h"

namespace miditok::detail {

/// Reorders `events` in place so that the i-th event is the former events[order[i]]; `order`
/// must be a permutation of [0, events.size()). Each event is moved once (plus one per cycle).
void apply_order(std::vector<Event>& events, std::span<const std::uint32_t> order);

/// Stable sort by time: a natural merge sort of (time, index) keys, linear when the events are
/// sorted already and O(n log r) for r sorted runs; the events themselves move once (gathered
/// into a new vector up to 512 KiB of events (10,922), reordered in place by apply_order above).
void stable_sort_by_time(std::vector<Event>& events);

/// The stable order by time of `events` without moving them: their (time, index) keys in that
/// order, the index in the low 32 bits (`static_cast<std::uint32_t>(key)`); empty when the events
/// are sorted already. A reader of the events in this order needs no reordered copy of them.
std::vector<std::uint64_t> sorted_time_keys(const std::vector<Event>& events);

/// Events read in the order of sorted_time_keys' keys, without reordering them: a view with
/// size() and operator[] for the readers written over a vector of events or this view.
struct EventsInOrder {
  const Event* events;
  const std::uint64_t* keys;
  std::size_t n;
  std::size_t size() const { return n; }
  bool empty() const { return n == 0; }
  const Event& operator[](std::size_t i) const {
    return events[static_cast<std::uint32_t>(keys[i])];
  }
};

/// How far ahead of its reader prefetch_ahead fetches an event.
constexpr std::size_t kPrefetchDistance = 8;

/// Fetches the event kPrefetchDistance places after i into the cache: read in time order, the
/// events of a multitrack stream are scattered over the vector, and the reader waited on each.
inline void prefetch_ahead(const EventsInOrder& events, std::size_t i) {
  if (i + kPrefetchDistance < events.n) __builtin_prefetch(&events[i + kPrefetchDistance]);
}
/// A vector of events is read in order: the hardware prefetcher follows it.
inline void prefetch_ahead(const std::vector<Event>& /*events*/, std::size_t /*i*/) {}

}  // namespace miditok::detail
