// The sustain pedal of one channel's controls by bit masks (ChunkSplitter::pedals, for a
// one-track chunk): included by chunk_splitter.h only, internal linkage like it.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "miditok/score/score.h"

namespace miditok {
namespace {  // NOLINT(google-build-namespaces): one includer, see above

#if defined(__SSE2__)
// The press and lift bits of `groups` groups of 8 controls (bit k of the masks for control k),
// eight controls per step: the key of one_channel_pedals() for each, compared in 16-bit lanes.
inline void press_lift_masks(const ControlChange* c, unsigned groups, std::uint64_t& press,
                             std::uint64_t& lift, std::uint32_t& times) {
  static_assert(sizeof(ControlChange) == 8 && offsetof(ControlChange, number) == 4 &&
                offsetof(ControlChange, value) == 5);
  const __m128i key_mask = _mm_set1_epi64x(std::int64_t{0x40FF} << 32);
  const __m128i press_key = _mm_set1_epi16(0x4040);
  const __m128i lift_key = _mm_set1_epi16(0x0040);
  __m128i all = _mm_setzero_si128();
  std::uint64_t p = 0;
  std::uint64_t l = 0;
  for (unsigned g = 0; g < groups; ++g, c += 8) {
    __m128i v[4];
    for (int j = 0; j < 4; ++j) {
      v[j] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(c + 2 * j));
      all = _mm_or_si128(all, v[j]);
      // 32-bit lanes [0, key, 0, key] -> [key, key, ...]
      v[j] = _mm_shuffle_epi32(_mm_and_si128(v[j], key_mask), _MM_SHUFFLE(3, 3, 3, 1));
    }
    const __m128i keys = _mm_packs_epi32(_mm_unpacklo_epi64(v[0], v[1]),
                                         _mm_unpacklo_epi64(v[2], v[3]));  // 8 x 16 bits
    const auto bits = static_cast<std::uint32_t>(_mm_movemask_epi8(
        _mm_packs_epi16(_mm_cmpeq_epi16(keys, press_key), _mm_cmpeq_epi16(keys, lift_key))));
    p |= std::uint64_t{bits & 0xFF} << (8 * g);
    l |= std::uint64_t{bits >> 8} << (8 * g);
  }
  // The times are the 32-bit lanes 0 and 2.
  times |= static_cast<std::uint32_t>(_mm_movemask_ps(_mm_castsi128_ps(all)) & 5) << 31;
  press = p;
  lift = l;
}
#endif

// ChunkSplitter::pedal() over one channel's controls, 64 at a time, by bit masks: a control is a
// press (64, value >= 64), a lift (64, value < 64) or neither; the pedal is down after a control if
// the last press or lift up to it was a press (filled forward from each press by one addition), and
// only the presses found up and the lifts found down go through a (short, alternating) loop. Equal
// to ChunkSplitter::pedal() while the times are >= 0 (`on` is then -1 or the press's time); false,
// with `out` and `state` untouched, if one was not (ticks past 2^31).
inline bool one_channel_pedals(const ControlChange* first, const ControlChange* last, tick_t& state,
                               std::vector<Pedal>& out) {
  const std::size_t had = out.size();
  std::uint64_t down = state >= 0;  // before the block: 0 or 1
  auto since = static_cast<std::uint32_t>(state);
  std::uint32_t times = 0;  // every time or'ed: its sign bit says whether one was negative
  for (const ControlChange* block = first; block != last;) {
    const auto n = static_cast<unsigned>(std::min<std::ptrdiff_t>(64, last - block));
    std::uint64_t press = 0;
    std::uint64_t lift = 0;
    unsigned i = n;
#if defined(__SSE2__)
    // The last n / 8 groups of 8 here; the first n % 8 controls below shift them up.
    i = n % 8;
    press_lift_masks(block + i, n / 8, press, lift, times);
#endif
    while (i-- > 0) {  // backwards: one shift-and-add per mask and control
      const ControlChange& c = block[i];
      // The control number and bit 6 of the value (set iff the value is >= 64: data bytes).
      const std::uint32_t key = (static_cast<std::uint32_t>(c.value) << 8 | c.number) & 0x40FF;
      press = press * 2 + (key == 0x4040);
      lift = lift * 2 + (key == 0x0040);
      times |= static_cast<std::uint32_t>(c.time);
    }
    const std::uint64_t neither = ~(press | lift);
    // The carry of each press (and of a pedal down before the block) runs through the controls
    // that are neither, and clears them.
    const std::uint64_t filled = neither & ~(neither + ((press << 1) | down));
    const std::uint64_t down_after = press | filled;
    const std::uint64_t down_before = (down_after << 1) | down;
    for (std::uint64_t events = (press & ~down_before) | (lift & down_before); events != 0;
         events &= events - 1) {
      const auto at = static_cast<unsigned>(__builtin_ctzll(events));
      const auto time = static_cast<std::uint32_t>(block[at].time);
      if ((press >> at) & 1) {
        since = time;
      } else {
        out.push_back(Pedal{static_cast<tick_t>(since), static_cast<tick_t>(time - since)});
      }
    }
    down = (down_after >> (n - 1)) & 1;
    block += n;
  }
  if (times >> 31) [[unlikely]] {
    out.resize(had);
    return false;
  }
  state = down != 0 ? static_cast<tick_t>(since) : -1;
  return true;
}

}  // namespace
}  // namespace miditok
