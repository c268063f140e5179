// libFuzzer target over the MIDI reader: any input either parses or raises MidiError; a parsed
// Score is written back and re-read, which must parse (the writer always emits valid SMF).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "miditok/core/error.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/midi/midi_writer.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  miditok::Score score;
  try {
    score = miditok::read_midi(std::span<const std::uint8_t>(data, size), "fuzz input");
  } catch (const miditok::MidiError&) {
    return 0;
  }
  const std::vector<std::uint8_t> written = miditok::write_midi(score);
  try {
    (void)miditok::read_midi(std::span<const std::uint8_t>(written), "rewritten");
  } catch (const miditok::MidiError&) {
    // Only data-byte ranges can fail here (e.g. a parsed program above 127 cannot exist), so a
    // failure means the writer emitted something the reader rejects: report it as a crash.
    std::abort();
  }
  return 0;
}
