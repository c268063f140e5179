// The Standard MIDI File reader: SMF formats 0, 1 and 2 from bytes or a path to a Score in ticks,
// giving exactly symusic 0.6.0's Score (track split by channel and program, FIFO note pairing,
// pedals from CC64, global events in symusic's order). Malformed input raises MidiError naming the
// source and the byte offset; the reader never reads outside the buffer it is given.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "miditok/score/score.h"

namespace miditok {

/// Parses SMF bytes into a Score; `source_name` names the input in error messages. A data byte
/// above 127 raises MidiError, or is clamped to 127 with `sanitize_data` (symusic's option).
Score read_midi(std::span<const std::uint8_t> bytes, const std::string& source_name = "<bytes>",
                bool sanitize_data = false);

/// Reads and parses the MIDI file at `path` (IoError if it cannot be read).
Score read_midi_file(const std::string& path, bool sanitize_data = false);

/// One file that a batch read skipped: its path and the error message.
struct ReadFailure {
  std::string path;
  std::string message;
};

/// Reads many MIDI (or .abc) files on `threads` threads (0: all); a file that fails leaves an empty
/// slot (std::nullopt) and a ReadFailure instead of throwing.
std::vector<std::optional<Score>> read_midi_files(const std::vector<std::string>& paths,
                                                  std::vector<ReadFailure>& failures,
                                                  std::size_t threads = 0);

/// Reads a whole file into memory (IoError naming the path if it cannot be read).
std::string read_file_bytes(const std::string& path);

/// Replaces every invalid UTF-8 sequence of `text` by U+FFFD, as utfcpp's replace_invalid does.
std::string sanitize_utf8(std::string_view text);

}  // namespace miditok
