// General MIDI instrument names (private to src/), used to name decoded tracks as MidiTok does.
#pragma once

namespace miditok::detail {

/// Name of each General MIDI program 0-127 (MidiTok's MIDI_INSTRUMENTS).
extern const char* const kMidiInstrumentNames[128];

}  // namespace miditok::detail
