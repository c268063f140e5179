// Chord detection as miditok.utils.detect_chords does it: notes starting together (within an
// onset offset) with similar ends form a chord whose interval map is looked up in the chord maps;
// the chord is named "<quality>" or "<root>:<quality>" ("ukn<n>" for unknown chords).
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "miditok/core/types.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/score/events.h"

namespace miditok {

/// Chord qualities and their intervals from the root, in lookup order (first match wins).
using ChordMaps = std::vector<std::pair<std::string, std::vector<int>>>;

/// MidiTok's default CHORD_MAPS (min, maj, dim, aug, sus2, sus4, 7dom, ..., 9min).
const ChordMaps& default_chord_maps();

/// Pitch class names as MidiTok writes chord roots ("C", "C#", ..., "B").
inline constexpr std::array<std::string_view, 12> kPitchClasses{"C",  "C#", "D",  "D#", "E",  "F",
                                                                "F#", "G",  "G#", "A",  "A#", "B"};

/// Prefix of unknown chord qualities ("ukn3" for an unknown 3-note chord).
inline constexpr std::string_view kUnknownChordPrefix = "ukn";

/// A detected chord: its onset, its token value ("C:maj", "maj", "ukn4") and the interval map.
struct ChordEvent {
  tick_t time = 0;
  std::string value;
  std::vector<int> intervals;  ///< pitches relative to the root (MidiTok's Event.desc tuple)
  bool operator==(const ChordEvent&) const = default;
};

/// Parameters of detect_chords with MidiTok's defaults.
struct ChordDetectionParams {
  bool specify_root_note = true;
  int beat_res = 4;      ///< positions per beat used to turn onset_offset into ticks
  int onset_offset = 1;  ///< max onset distance, in positions, for notes of one chord
  /// Number-of-notes range of unknown chords; set: unknown chords are reported too.
  std::optional<std::pair<int, int>> unknown_chords_num_notes_range;
  int simul_notes_limit = 10;  ///< notes examined per onset; raised to 5 if lower
};

/// detect_chords: notes sorted by (time, pitch); ticks_per_beat the score's TS sections.
std::vector<ChordEvent> detect_chords(std::span<const Note> notes,
                                      std::span<const TickSection> ticks_per_beat,
                                      const ChordMaps& chord_maps,
                                      const ChordDetectionParams& params = {});

/// Appends the chords to out (cleared first), reusing its capacity; same rules as detect_chords.
void detect_chords(std::span<const Note> notes, std::span<const TickSection> ticks_per_beat,
                   const ChordMaps& chord_maps, const ChordDetectionParams& params,
                   std::vector<ChordEvent>& out);

}  // namespace miditok
