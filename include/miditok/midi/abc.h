// ABC notation in and out through Debian's abcmidi tools, as symusic does with its bundled
// build: abc2midi turns ABC into a MIDI file that the SMF reader parses, midi2abc turns our
// written MIDI into ABC. The programs run as child processes on files in a private temporary
// directory; a missing program raises IoError naming it. The programs are found through
// $MIDITOK_ABC2MIDI / $MIDITOK_MIDI2ABC, then PATH, then fallback directories.
#pragma once

#include <string>
#include <string_view>

#include "miditok/score/score.h"

namespace miditok {

/// Path of an external program: $MIDITOK_<NAME> if set, else the first match on PATH, else the
/// first match in the fallback directories (IoError if none).
std::string find_program(const std::string& name);

/// Adds a directory searched after PATH by find_program (the Python package adds the folder of
/// abc2midi/midi2abc that symusic's wheel ships). Thread-safe.
void add_program_fallback_dir(const std::string& dir);

/// Parses ABC text into a Score through abc2midi (MidiError if it yields no MIDI).
Score read_abc(std::string_view abc);

/// Parses the ABC file at `path` into a Score through abc2midi.
Score read_abc_file(const std::string& path);

/// The score as ABC text through midi2abc (its warnings go to stderr when `warn`).
std::string write_abc(const Score& score, bool warn = false);

/// Writes the score as an ABC file at `path` through midi2abc.
void write_abc_file(const Score& score, const std::string& path, bool warn = false);

}  // namespace miditok
