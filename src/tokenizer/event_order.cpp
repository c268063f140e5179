// Stable time sort of events: packed (time, index) keys merged by runs or radix-sorted, then the
// order gathered or applied in place.
#include "event_order.h"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <utility>

namespace miditok::detail {

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

namespace {

/// Up to this many events (512 KiB) a sort gathers them into a new vector; above, it reorders them
/// in place, so that a large file's peak memory is not raised by a second copy of its events.
constexpr std::size_t kGatherMaxEvents = (std::size_t{512} << 10) / sizeof(Event);

/// The key of event i: its time (sign bit flipped, so that unsigned order is signed order) above
/// its index; ordering the keys as integers is the stable order by time.
std::uint64_t time_key(tick_t time, std::size_t i) {
  return (std::uint64_t{static_cast<std::uint32_t>(time) ^ 0x80000000u} << 32) |
         static_cast<std::uint32_t>(i);
}

/// Bottom-up merges of neighbouring sorted runs of `keys` (run starts in `bounds`, then n):
/// O(n log r) for r runs.
void merge_runs(std::vector<std::uint64_t>& keys, std::vector<std::size_t> bounds) {
  const std::size_t n = keys.size();
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
}

constexpr int kDigitBits = 11;
constexpr std::size_t kDigits = std::size_t{1} << kDigitBits;

/// Least-significant-digit radix sort of `keys` (in index order) by their time's offset from
/// `low`, `passes` digits of 11 bits: each pass is stable, so equal times keep index order.
void radix_sort_by_time(std::vector<std::uint64_t>& keys, std::uint32_t low, int passes) {
  const std::size_t n = keys.size();
  std::vector<std::size_t> counts(kDigits * static_cast<std::size_t>(passes), 0);
  auto digit = [low](std::uint64_t key, int pass) {
    return ((static_cast<std::uint32_t>(key >> 32) - low) >> (kDigitBits * pass)) & (kDigits - 1);
  };
  for (const std::uint64_t key : keys)
    for (int p = 0; p < passes; ++p)
      ++counts[kDigits * static_cast<std::size_t>(p) + digit(key, p)];
  std::vector<std::uint64_t> buffer(n);
  for (int p = 0; p < passes; ++p) {
    std::size_t* start = counts.data() + kDigits * static_cast<std::size_t>(p);
    std::size_t sum = 0;
    for (std::size_t d = 0; d < kDigits; ++d) sum += std::exchange(start[d], sum);
    for (const std::uint64_t key : keys) buffer[start[digit(key, p)]++] = key;
    keys.swap(buffer);
  }
}

}  // namespace

std::vector<std::uint64_t> sorted_time_keys(const std::vector<Event>& events) {
  const std::size_t n = events.size();
  if (n < 2) return {};
  std::vector<std::uint64_t> keys(n);
  std::vector<std::size_t> bounds{0};  // run starts, recorded as found
  tick_t low = events[0].time, high = low;
  for (std::size_t i = 0; i < n; ++i) {
    const tick_t t = events[i].time;
    keys[i] = time_key(t, i);
    if (i > 0 && t < events[i - 1].time) bounds.push_back(i);
    low = std::min(low, t);
    high = std::max(high, t);
  }
  if (bounds.size() == 1) return {};  // sorted already
  // A merge costs a pass over the keys per doubling of the runs; a radix sort one per 11 bits of
  // the time span (plus a counting pass): notes interleaved with their ends (MIDILike's NoteOff,
  // one run per note) make thousands of runs over a span of 20 bits or so.
  const auto span = static_cast<std::uint32_t>(static_cast<std::int64_t>(high) - low);
  const int passes = (std::bit_width(span) + kDigitBits - 1) / kDigitBits;
  const int merges = std::bit_width(bounds.size() - 1);
  if (passes + 1 < merges) {
    radix_sort_by_time(keys, static_cast<std::uint32_t>(low) ^ 0x80000000u, passes);
    return keys;
  }
  bounds.push_back(n);
  merge_runs(keys, std::move(bounds));
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
