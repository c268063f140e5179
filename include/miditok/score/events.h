// The timed events of a Score, as plain value types in int32 ticks. Field names and widths follow
// symusic's so that a Score converts to and from symusic.Score field by field.
#pragma once

#include <cstdint>
#include <string>

#include "miditok/core/types.h"

namespace miditok {

/// A note: onset, duration, MIDI pitch and velocity.
struct Note {
  tick_t time = 0;
  tick_t duration = 0;
  std::int8_t pitch = 0;
  std::int8_t velocity = 0;

  /// Tick at which the note ends (time + duration).
  tick_t end() const { return time + duration; }
  bool operator==(const Note&) const = default;
};

/// A sustain pedal held from time for duration ticks.
struct Pedal {
  tick_t time = 0;
  tick_t duration = 0;

  /// Tick at which the pedal is released.
  tick_t end() const { return time + duration; }
  bool operator==(const Pedal&) const = default;
};

/// A control change (CC) message.
struct ControlChange {
  tick_t time = 0;
  std::uint8_t number = 0;
  std::uint8_t value = 0;
  bool operator==(const ControlChange&) const = default;
};

/// A pitch bend, value in [-8192, 8191].
struct PitchBend {
  tick_t time = 0;
  std::int32_t value = 0;
  bool operator==(const PitchBend&) const = default;
};

/// A tempo change, stored as microseconds per quarter note (qpm = 60e6 / mspq).
struct Tempo {
  tick_t time = 0;
  std::int32_t mspq = 500000;

  /// Quarter notes per minute.
  double qpm() const { return 60000000.0 / static_cast<double>(mspq); }
  bool operator==(const Tempo&) const = default;
};

/// A time signature; denominator is the actual value (4, 8, ...), not its power of two.
struct TimeSignature {
  tick_t time = 0;
  std::uint8_t numerator = 4;
  std::uint8_t denominator = 4;
  bool operator==(const TimeSignature&) const = default;
};

/// A key signature: key is the number of sharps (> 0) or flats (< 0); tonality 0 major, 1 minor.
struct KeySignature {
  tick_t time = 0;
  std::int8_t key = 0;
  std::uint8_t tonality = 0;
  bool operator==(const KeySignature&) const = default;
};

/// A text event (marker or lyric), UTF-8.
struct TextMeta {
  tick_t time = 0;
  std::string text;
  bool operator==(const TextMeta&) const = default;
};

}  // namespace miditok
