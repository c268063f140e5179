// Stable time sort of events by a natural merge of packed keys, applied in place.
#include "event_order.h"

#include <algorithm>
#include <utility>

namespace miditok::detail {

namespace {
/// Up to this many events (512 KiB) a sort gathers them into a new vector; above, it reorders them
/// in place, so that a large file's peak memory is not raised by a second copy of its events.
constexpr std::size_t kGatherMaxEvents = (std::size_t{512} << 10) / sizeof(Event);
}  // namespace

void apply_order(std::vector<Event>& events, std::span<const std::uint32_t> order) {
  const std::size_t n = order.size();
  std::vector<bool> done(n, false);
  for (std::size_t start = 0; start < n; ++start) {
    if (done[start] || order[start] == start) {
      done[start] = true;
      continue;
    }
    // Follow the cycle: position j receives the event at order[j].
    Event held = std::move(events[start]);
    std::size_t j = start;
    while (true) {
      done[j] = true;
      const std::size_t from = order[j];
      if (from == start) {
        events[j] = std::move(held);
        break;
      }
      events[j] = std::move(events[from]);
      j = from;
    }
  }
}

std::vector<std::uint64_t> sorted_time_keys(const std::vector<Event>& events) {
  const std::size_t n = events.size();
  if (n < 2) return {};
  // Key: the time (sign bit flipped, so that unsigned order is signed order) above the index;
  // ordering the keys as integers is the stable order by time. Run starts are recorded as found.
  std::vector<std::uint64_t> keys(n);
  std::vector<std::size_t> bounds{0};
  for (std::size_t i = 0; i < n; ++i) {
    keys[i] = (std::uint64_t{static_cast<std::uint32_t>(events[i].time) ^ 0x80000000u} << 32) |
              static_cast<std::uint32_t>(i);
    if (i > 0 && events[i].time < events[i - 1].time) bounds.push_back(i);
  }
  if (bounds.size() == 1) return {};  // sorted already
  bounds.push_back(n);
  // Bottom-up merges of neighbouring runs (std::merge keeps the left one's events first on ties,
  // which the index part of the keys makes moot anyway).
  std::vector<std::uint64_t> buffer(n);
  std::uint64_t* src = keys.data();
  std::uint64_t* dst = buffer.data();
  std::vector<std::size_t> next;
  while (bounds.size() > 2) {
    next.assign(1, 0);
    std::size_t k = 0;
    for (; k + 2 < bounds.size(); k += 2) {
      std::merge(src + bounds[k], src + bounds[k + 1], src + bounds[k + 1], src + bounds[k + 2],
                 dst + bounds[k]);
      next.push_back(bounds[k + 2]);
    }
    if (k + 1 < bounds.size()) {
      std::copy(src + bounds[k], src + bounds[k + 1], dst + bounds[k]);
      next.push_back(bounds[k + 1]);
    }
    std::swap(src, dst);
    bounds.swap(next);
  }
  if (src != keys.data()) keys.swap(buffer);
  return keys;
}

void stable_sort_by_time(std::vector<Event>& events) {
  const std::vector<std::uint64_t> keys = sorted_time_keys(events);
  const std::size_t n = keys.size();
  if (n == 0) return;  // sorted already
  if (n <= kGatherMaxEvents) {
    // Events are trivially copied: gathering them into a second vector (sequential writes) is
    // cheaper than following cycles, and costs at most kGatherMaxEvents events of memory more.
    std::vector<Event> sorted;
    sorted.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      sorted.push_back(events[static_cast<std::uint32_t>(keys[i])]);
    events.swap(sorted);
    return;
  }
  std::vector<std::uint32_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(keys[i]);
  apply_order(events, order);
}

}  // namespace miditok::detail
