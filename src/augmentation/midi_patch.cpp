// Walks the events of SMF bytes and rewrites the data bytes of note messages in place.
#include "midi_patch.h"

#include <algorithm>
#include <string>

#include "miditok/core/error.h"

namespace miditok::detail {
namespace {

[[noreturn]] void malformed(std::size_t pos) {
  throw MidiError(describe_at("patch_note_bytes: malformed SMF bytes", "<augmented score>", pos));
}

std::uint32_t read_vlq(const std::vector<std::uint8_t>& b, std::size_t& pos, std::size_t end) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    if (pos >= end) malformed(pos);
    const std::uint8_t byte = b[pos++];
    value = (value << 7) | (byte & 0x7F);
    if ((byte & 0x80) == 0) return value;
  }
  malformed(pos);
}

std::uint32_t read_be32(const std::vector<std::uint8_t>& b, std::size_t pos) {
  return (std::uint32_t{b[pos]} << 24) | (std::uint32_t{b[pos + 1]} << 16) |
         (std::uint32_t{b[pos + 2]} << 8) | std::uint32_t{b[pos + 3]};
}

}  // namespace

std::vector<std::uint32_t> scan_note_bytes(const std::vector<std::uint8_t>& smf) {
  constexpr std::uint32_t kDrum = 0x80000000U;
  std::vector<std::uint32_t> notes;
  if (smf.size() < 14 || smf.size() >= kDrum) malformed(0);
  std::size_t pos = 8 + read_be32(smf, 4);
  while (pos + 8 <= smf.size()) {
    const std::size_t end = pos + 8 + read_be32(smf, pos + 4);
    if (end > smf.size()) malformed(pos);
    const bool is_track =
        smf[pos] == 'M' && smf[pos + 1] == 'T' && smf[pos + 2] == 'r' && smf[pos + 3] == 'k';
    pos += 8;
    std::uint8_t running = 0;
    while (is_track && pos < end) {
      read_vlq(smf, pos, end);  // delta time
      if (pos >= end) malformed(pos);
      std::uint8_t status = smf[pos];
      if (status & 0x80) {
        ++pos;
        if (status < 0xF0) running = status;
      } else {
        status = running;
        if (status == 0) malformed(pos);
      }
      if (status == 0xFF) {
        if (pos >= end) malformed(pos);
        ++pos;  // meta type
        pos += read_vlq(smf, pos, end);
        continue;
      }
      if (status == 0xF0 || status == 0xF7) {
        pos += read_vlq(smf, pos, end);
        continue;
      }
      const std::uint8_t kind = status & 0xF0;
      const std::size_t n_data = (kind == 0xC0 || kind == 0xD0) ? 1 : 2;
      if (pos + n_data > end) malformed(pos);
      if (kind == 0x80 || kind == 0x90) {
        notes.push_back(static_cast<std::uint32_t>(pos) | ((status & 0x0F) == 9 ? kDrum : 0U));
      }
      pos += n_data;
    }
    pos = end;
  }
  return notes;
}

namespace {

// augment_score_inplace's per-note pitch and velocity rules, as lookup tables. The pitch table's
// upper half maps drum notes (index | 0x80) to themselves, so no note needs a branch.
struct NoteMaps {
  std::uint8_t pitch[256];
  std::uint8_t velocity[128];

  NoteMaps(int pitch_offset, int velocity_offset, std::pair<int, int> velocity_range) {
    const int lo = std::min(velocity_range.first, velocity_range.second);
    const int hi = std::max(velocity_range.first, velocity_range.second);
    for (int x = 0; x < 128; ++x) {
      pitch[x] = static_cast<std::uint8_t>(std::clamp(x + pitch_offset, 0, 127));
      pitch[x | 0x80] = static_cast<std::uint8_t>(x);
      int v = x + velocity_offset;
      if (velocity_offset != 0) v = velocity_offset < 0 ? std::max(lo, v) : std::min(hi, v);
      velocity[x] = static_cast<std::uint8_t>(std::clamp(v, 0, 127));
    }
  }

  template <bool Pitches, bool Velocities>
  void apply(const std::uint8_t* src, std::uint8_t* dst,
             const std::vector<std::uint32_t>& notes) const {
    for (const std::uint32_t entry : notes) {
      const std::size_t pos = entry & 0x7FFFFFFFU;
      if constexpr (Pitches) dst[pos] = pitch[(src[pos] & 0x7FU) | ((entry >> 24) & 0x80U)];
      if constexpr (Velocities) dst[pos + 1] = velocity[src[pos + 1] & 0x7F];
    }
  }
};

}  // namespace

void apply_note_patch(std::vector<std::uint8_t>& smf, const std::vector<std::uint32_t>& notes,
                      int pitch_offset, int velocity_offset, std::pair<int, int> velocity_range) {
  if (pitch_offset == 0 && velocity_offset == 0) return;
  NoteMaps(pitch_offset, velocity_offset, velocity_range)
      .apply<true, true>(smf.data(), smf.data(), notes);
}

void rewrite_note_bytes(const std::vector<std::uint8_t>& smf,
                        const std::vector<std::uint32_t>& notes, std::vector<std::uint8_t>& out,
                        int pitch_offset, int velocity_offset, std::pair<int, int> velocity_range,
                        bool pitches, bool velocities) {
  const NoteMaps maps(pitch_offset, velocity_offset, velocity_range);
  if (pitches && velocities) {
    maps.apply<true, true>(smf.data(), out.data(), notes);
  } else if (pitches) {
    maps.apply<true, false>(smf.data(), out.data(), notes);
  } else if (velocities) {
    maps.apply<false, true>(smf.data(), out.data(), notes);
  }
}

void patch_note_bytes(std::vector<std::uint8_t>& smf, int pitch_offset, int velocity_offset,
                      std::pair<int, int> velocity_range) {
  if (pitch_offset == 0 && velocity_offset == 0) return;
  apply_note_patch(smf, scan_note_bytes(smf), pitch_offset, velocity_offset, velocity_range);
}

}  // namespace miditok::detail
