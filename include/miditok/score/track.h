// A Track: one instrument's notes and controls, owned by value.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "miditok/score/events.h"

namespace miditok {

/// One instrument (program, drum flag) with its notes, controls, pitch bends, pedals and lyrics.
struct Track {
  std::string name;
  std::uint8_t program = 0;
  bool is_drum = false;
  std::vector<Note> notes;
  std::vector<ControlChange> controls;
  std::vector<PitchBend> pitch_bends;
  std::vector<Pedal> pedals;
  std::vector<TextMeta> lyrics;

  bool operator==(const Track&) const = default;
};

}  // namespace miditok
