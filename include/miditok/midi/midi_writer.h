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

/// What write_midi_into changes while writing and what it records (for data augmentation).
struct MidiWriteOptions {
  /// Ticks added to the durations of non-drum notes, floored at min_duration when negative: the
  /// bytes of the score augment_score_inplace would give, without copying the score.
  tick_t duration_offset = 0;
  tick_t min_duration = 0;
  /// When set, receives the byte offset of every note message's pitch byte (its velocity byte
  /// follows), with the high bit set on channel 9 (drums).
  std::vector<std::uint32_t>* note_positions = nullptr;
};

/// write_midi into `out` (its capacity reused), with the options' duration shift and note record.
void write_midi_into(const Score& score, std::vector<std::uint8_t>& out,
                     const MidiWriteOptions& options = {});

/// Writes the Score as an SMF file at `path` (IoError if it cannot be written).
void write_midi_file(const Score& score, const std::string& path);

}  // namespace miditok
