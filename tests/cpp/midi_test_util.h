// Helpers shared by the C++ tests: corpus file lists, scratch folders and files, and a tiny SMF
// byte builder.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

namespace miditok::test {

using Bytes = std::vector<std::uint8_t>;

/// The shared corpus: $MIDITOK_CORPUS if set, else ../shared/corpus next to the project.
inline std::filesystem::path corpus_dir() {
  const char* env = std::getenv("MIDITOK_CORPUS");
  return env != nullptr ? std::filesystem::path(env) : std::filesystem::path(MIDITOK_CORPUS_DIR);
}

/// Removes `path` when this process exits (not in forked children, whose paths are the parent's).
inline void remove_at_exit(const std::filesystem::path& path) {
  struct Scratch {
    pid_t owner = ::getpid();
    std::vector<std::filesystem::path> paths;
    ~Scratch() {
      if (::getpid() != owner) return;
      std::error_code ignored;
      for (const auto& p : paths) std::filesystem::remove_all(p, ignored);
    }
  };
  static Scratch scratch;
  scratch.paths.push_back(path);
}

/// A path for `name` under the system's temporary folder with nothing there, removed at exit: the
/// process id is in the name, so test binaries of several builds (worktrees, sanitizers) can run
/// at once.
inline std::filesystem::path scratch_path(const std::string& name) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / (name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(path);
  remove_at_exit(path);
  return path;
}

/// An empty folder for `name` (see scratch_path), resolved.
inline std::filesystem::path fresh_dir(const std::string& name) {
  const std::filesystem::path dir = scratch_path(name);
  std::filesystem::create_directories(dir);
  return std::filesystem::weakly_canonical(dir);
}

/// The whole content of the file at `path` ("" when it cannot be read).
inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

inline std::vector<std::filesystem::path> corpus_midi_files() {
  std::vector<std::filesystem::path> files;
  for (const char* folder : {"one_track", "multitrack"}) {
    const std::filesystem::path dir = corpus_dir() / folder;
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".mid") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline Bytes vlq(std::uint32_t v) {
  Bytes out{static_cast<std::uint8_t>(v & 0x7F)};
  while (v >>= 7) out.insert(out.begin(), static_cast<std::uint8_t>(0x80 | (v & 0x7F)));
  return out;
}

/// An MTrk chunk from (delta, raw event) pairs, closed by an end-of-track meta.
inline Bytes track_chunk(const std::vector<std::pair<std::uint32_t, Bytes>>& events,
                         bool eot = true) {
  Bytes body;
  for (const auto& [delta, raw] : events) {
    const Bytes d = vlq(delta);
    body.insert(body.end(), d.begin(), d.end());
    body.insert(body.end(), raw.begin(), raw.end());
  }
  if (eot) body.insert(body.end(), {0x00, 0xFF, 0x2F, 0x00});
  Bytes chunk{'M', 'T', 'r', 'k'};
  const auto n = static_cast<std::uint32_t>(body.size());
  chunk.insert(chunk.end(), {static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
                             static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)});
  chunk.insert(chunk.end(), body.begin(), body.end());
  return chunk;
}

/// A format-1 SMF from chunks.
inline Bytes smf(const std::vector<Bytes>& chunks, std::uint16_t tpq = 480) {
  const auto n = static_cast<std::uint16_t>(chunks.size());
  Bytes out{'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1};
  out.insert(out.end(), {static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n),
                         static_cast<std::uint8_t>(tpq >> 8), static_cast<std::uint8_t>(tpq)});
  for (const auto& c : chunks) out.insert(out.end(), c.begin(), c.end());
  return out;
}

}  // namespace miditok::test
