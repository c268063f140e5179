// Pitch and velocity offsets applied directly to SMF bytes written by write_midi: the writer orders
// messages by time only, so shifting pitches and velocities changes data bytes, never the layout.
// augment_dataset writes each duration variant once and patches it for every (pitch, velocity).
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace miditok::detail {

/// Where the note messages of SMF bytes keep their data (write_midi_into records the same): the
/// pitch byte's offset (the velocity byte follows), with the high bit set for channel 9 (drums,
/// whose pitch is not shifted).
std::vector<std::uint32_t> scan_note_bytes(const std::vector<std::uint8_t>& smf);

/// Applies the pitch and velocity rules at the positions found by scan_note_bytes.
void apply_note_patch(std::vector<std::uint8_t>& smf, const std::vector<std::uint32_t>& notes,
                      int pitch_offset, int velocity_offset, std::pair<int, int> velocity_range);

/// Rewrites the note bytes of `out` (a copy of `smf`, or of bytes with its layout) from `smf` with
/// apply_note_patch's rules: the pitch bytes, the velocity bytes or both (the others are kept), so
/// one buffer serves every offset of the same layout.
void rewrite_note_bytes(const std::vector<std::uint8_t>& smf,
                        const std::vector<std::uint32_t>& notes, std::vector<std::uint8_t>& out,
                        int pitch_offset, int velocity_offset, std::pair<int, int> velocity_range,
                        bool pitches = true, bool velocities = true);

/// Applies augment_score_inplace's pitch (not channel 9, the drums) and velocity rules to every
/// note-on/off message of `smf` (bytes from write_midi). Throws MidiError on malformed bytes.
void patch_note_bytes(std::vector<std::uint8_t>& smf, int pitch_offset, int velocity_offset,
                      std::pair<int, int> velocity_range);

}  // namespace miditok::detail
