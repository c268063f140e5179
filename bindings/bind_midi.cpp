// MIDI bindings: module-level reading of SMF bytes and files into Scores.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include "bind.h"
#include "bind_path.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/midi/midi_writer.h"
#include "miditok/score/score.h"

namespace nb = nanobind;

namespace miditok::bindings {

void bind_midi(nb::module_& m) {
  m.def(
      "read_midi",
      [](const nb::bytes& data, const std::string& source_name) {
        const auto* ptr = reinterpret_cast<const std::uint8_t*>(data.c_str());
        const std::size_t size = data.size();
        nb::gil_scoped_release release;
        return read_midi(std::span<const std::uint8_t>(ptr, size), source_name);
      },
      nb::arg("data"), nb::arg("source_name") = "<bytes>",
      "Parses data, the bytes of a standard MIDI file, into a Score; source_name (default "
      "\"<bytes>\") names the input in error messages. Raises MidiError on malformed data.");
  m.def(
      "read_midi_file",
      [](const FsPath& path) {
        nb::gil_scoped_release release;
        return read_midi_file(path);
      },
      nb::arg("path"),
      "Reads and parses the MIDI file at path. Raises IoError when it cannot be read and "
      "MidiError when it is malformed.");
  m.def(
      "read_midi_files",
      [](const FsPaths& paths, std::size_t num_threads) {
        std::vector<ReadFailure> failures;
        std::vector<std::optional<Score>> scores;
        {
          nb::gil_scoped_release release;
          scores = read_midi_files(paths, failures, num_threads);
        }
        nb::list out;
        for (auto& s : scores) {
          if (s) {
            out.append(nb::cast(std::move(*s)));
          } else {
            out.append(nb::none());
          }
        }
        nb::list failed;
        for (const auto& f : failures)
          failed.append(nb::make_tuple(fs_str(f.path), message_str(f.message)));
        return nb::make_tuple(out, failed);
      },
      nb::arg("paths"), nb::arg("num_threads") = 0,
      "Reads the MIDI / ABC files of paths on num_threads threads (default 0: one per core), "
      "GIL released. Returns (scores, failures): a Score per path, None for a file that failed, "
      "and the (path, error message) of each failure.");
  m.def(
      "write_midi",
      [](const Score& score) {
        std::vector<std::uint8_t> bytes;
        {
          nb::gil_scoped_release release;
          bytes = write_midi(score);
        }
        return nb::bytes(reinterpret_cast<const char*>(bytes.data()), bytes.size());
      },
      nb::arg("score"),
      "Encodes score, a Score, as the bytes of a format-1 standard MIDI file (as symusic's "
      "dumps_midi).");
}

}  // namespace miditok::bindings
