// The Standard MIDI File writer: a Score to SMF format-1 bytes exactly as symusic 0.6.0's
// to_midi/dumps_midi writes them (tempo, signature and marker metas in the first track, channels
// assigned per track, note-offs before note-ons on a tick, running status, end of track a tick
// after the last event). Pedals are not written (only the raw CC64 controls are), as in symusic.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "miditok/score/score.h"

namespace miditok {

/// Encodes a Score as SMF format-1 bytes, byte for byte as symusic's dumps_midi.
std::vector<std::uint8_t> write_midi(const Score& score);

/// Writes the Score as an SMF file at `path` (IoError if it cannot be written).
void write_midi_file(const Score& score, const std::string& path);

}  // namespace miditok
