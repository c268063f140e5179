// augment_dataset: file discovery, per-file augmentation and writing in parallel, the report.
#include "miditok/augmentation/augment_dataset.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <span>
#include <tuple>

#include "midi_patch.h"
#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
#include "miditok/core/output_dirs.h"
#include "miditok/core/thread_pool.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/midi/midi_writer.h"

namespace fs = std::filesystem;

namespace miditok {
namespace {

const std::set<std::string> kMidiExtensions = {".mid", ".midi", ".MID", ".MIDI"};
const std::set<std::string> kAbcExtensions = {".abc", ".ABC"};

// Python's json float repr for the values found in a report (integral floats keep ".0").
std::string json_double(double v) {
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof(buf), v);
  std::string s(buf, res.ptr);
  if (std::isfinite(v) && s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

template <class T, class F>
std::string json_list(const std::vector<T>& values, F&& fmt) {
  std::string s = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) s += ", ";
    s += fmt(values[i]);
  }
  return s + "]";
}

// Writes `n` bytes to the file `name` in the directory `dir_fd`, atomically (a new file linked in
// place; an existing one kept when it already holds the bytes (a rerun), else replaced through
// the batch's spare inodes; not flushed to disk file by file). In a directory that was empty when
// the batch opened it (`fresh`), the file is expected new: no stat first (one that exists anyway is
// still replaced whole). With `like`, the file gets like's permission bits and access and
// modification times (as Python's shutil.copy2, which MidiTok copies the originals with).
void write_bytes(const OutputDirFd& dir, SpareInodes* spares, const char* name,
                 const std::uint8_t* data, std::size_t n, const struct stat* like = nullptr) {
  write_output(
      dir, "", name, std::string_view(reinterpret_cast<const char*>(data), n),
      AtomicWriteOptions{.sync = false, .like = like, .spares = spares, .keep_unchanged = true});
}

// Reads the file at `path` (its size when opened) into `out`; with `restat`, `st` is taken again
// after the read (as shutil.copy2 takes it after copying). False if it cannot be opened or read.
bool read_whole_file(const fs::path& path, std::vector<std::uint8_t>& out, struct stat& st,
                     bool restat) {
  // Only regular files (O_NONBLOCK: a FIFO without writer does not block the open).
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  std::size_t size = 0;
  if (ok) {
    out.resize(static_cast<std::size_t>(st.st_size));
    while (size < out.size()) {
      const ssize_t got = ::read(fd, out.data() + size, out.size() - size);
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0) {
        ok = got == 0;
        break;
      }
      size += static_cast<std::size_t>(got);
    }
    ok = ok && (!restat || ::fstat(fd, &st) == 0);
  }
  ::close(fd);
  out.resize(size);
  return ok;
}

struct FileResult {
  std::size_t augmentations = 0;
  std::size_t tracks = 0;
  bool failed = false;
  bool unsupported = false;
};

// Buffers of one worker thread, reused from file to file.
struct Buffers {
  std::vector<std::uint8_t> input;
  std::vector<std::uint8_t> base;
  std::vector<std::uint8_t> patched;
  std::vector<std::uint32_t> notes;
  std::string name;
};

// Writes every augmented version of one parsed score into `dir_fd`: each duration variant is
// encoded once (durations shifted by the writer, the note messages' positions recorded), and
// each (pitch, velocity) variant of it is the same bytes with the note data rewritten (the writer
// orders messages by time only, so these offsets never move a byte).
std::size_t write_augmentations(Buffers& buf, const Score& score,
                                const std::vector<AugmentOffsets>& tuples, tick_t min_ticks,
                                const AugmentOptions& options, const OutputDirFd& dir,
                                SpareInodes* spares, const std::string& stem,
                                const std::string& ext) {
  // By duration, then velocity, then pitch: successive variants of one encoding then mostly
  // differ in their pitch bytes only, and only those are rewritten.
  thread_local std::vector<AugmentOffsets> order;
  order.assign(tuples.begin(), tuples.end());
  std::sort(order.begin(), order.end(), [](const AugmentOffsets& a, const AugmentOffsets& b) {
    return std::tie(a[2], a[1], a[0]) < std::tie(b[2], b[1], b[0]);
  });
  std::size_t written = 0;
  for (std::size_t first = 0; first < order.size();) {
    const int d = order[first][2];
    write_midi_into(score, buf.base, {d, min_ticks, &buf.notes});
    bool patched_ready = false;   // buf.patched holds buf.base's layout
    int pitch = 0, velocity = 0;  // the offsets buf.patched's note bytes hold
    for (; first < order.size() && order[first][2] == d; ++first) {
      const AugmentOffsets& o = order[first];
      const std::vector<std::uint8_t>* bytes = &buf.base;
      if (o[0] != 0 || o[1] != 0) {
        if (!patched_ready) buf.patched.assign(buf.base.begin(), buf.base.end());
        patched_ready = true;
        detail::rewrite_note_bytes(buf.base, buf.notes, buf.patched, o[0], o[1],
                                   options.velocity_range, o[0] != pitch, o[1] != velocity);
        pitch = o[0];
        velocity = o[1];
        bytes = &buf.patched;
      }
      buf.name.assign(stem).append(augmentation_suffix(o)).append(ext);
      write_bytes(dir, spares, buf.name.c_str(), bytes->data(), bytes->size());
      ++written;
    }
  }
  return written;
}

// Where augment_file writes: the output root, the input root, and whether to copy originals.
struct Destination {
  const fs::path& data_path;
  const fs::path& out_path;
  bool copy;
  OutputDirs& dirs;
  SpareInodes& spares;  // for the directories the cache keeps open
};

fs::path output_directory(const fs::path& file, const Destination& dst) {
  return (dst.out_path / file.parent_path().lexically_relative(dst.data_path)).lexically_normal();
}

FileResult augment_file(const fs::path& file, const Destination& dst,
                        const AugmentOptions& options) {
  FileResult r;
  if (kAbcExtensions.contains(file.extension().string())) {
    // No ABC writer: the file is listed as unsupported, and only copied.
    r.unsupported = true;
    try {
      if (dst.copy) {
        const std::string bytes = read_regular_file(file.string());
        write_output(dst.dirs.open(output_directory(file, dst)), "", file.filename().string(),
                     bytes, AtomicWriteOptions{.sync = false, .spares = &dst.spares});
      }
    } catch (const std::exception&) {
      r.failed = true;
    }
    return r;
  }
  thread_local Buffers buf;
  struct stat source {};
  Score score;
  try {
    // MidiTok skips files symusic cannot load (and does not copy them).
    if (!read_whole_file(file, buf.input, source, dst.copy)) {
      r.failed = true;
      return r;
    }
    score =
        read_midi(std::span<const std::uint8_t>(buf.input.data(), buf.input.size()), file.string());
  } catch (const Error&) {
    r.failed = true;
    return r;
  }
  try {
    const auto [dur_ticks, min_ticks] = duration_offsets_ticks(score, options);
    const std::vector<AugmentOffsets> tuples = create_offsets_tuples(
        score, options.pitch_offsets, options.velocity_offsets, dur_ticks,
        options.all_offset_combinations, options.restrict_on_program_tessitura);
    // MidiTok skips augmented scores without tracks.
    const bool augment = !tuples.empty() && !score.tracks.empty();
    if (!augment && !dst.copy) return r;
    const fs::path dir = output_directory(file, dst);
    const OutputDirFd dir_fd = dst.dirs.open(dir);
    // A spare is keyed by its directory's descriptor: only descriptors open for the whole batch.
    SpareInodes* spares = dir_fd.owned() ? nullptr : &dst.spares;
    if (augment) {
      r.augmentations = write_augmentations(buf, score, tuples, min_ticks, options, dir_fd, spares,
                                            file.stem().string(), file.extension().string());
      r.tracks = r.augmentations * score.tracks.size();
    }
    if (dst.copy) {
      write_bytes(dir_fd, spares, file.filename().c_str(), buf.input.data(), buf.input.size(),
                  &source);
    }
  } catch (const std::exception&) {
    r.failed = true;
  }
  return r;
}

}  // namespace

std::vector<fs::path> find_music_files(const fs::path& data_path) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (!fs::is_directory(data_path, ec)) return files;
  for (auto it = fs::recursive_directory_iterator(data_path, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string ext = it->path().extension().string();
    if ((kMidiExtensions.contains(ext) || kAbcExtensions.contains(ext)) &&
        it->is_regular_file(ec)) {
      files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

AugmentDatasetResult augment_dataset(const fs::path& data_path, const AugmentOptions& options,
                                     const std::optional<fs::path>& out_path,
                                     bool copy_original_in_new_location, bool save_data_aug_report,
                                     std::size_t threads) {
  // Offsets that no file can use raise here, before any work (the ones out of range for one
  // file's time division only skip that file).
  for (const double d : options.duration_offsets) {
    if (!std::isfinite(d)) {
      throw ConfigError("augment_dataset: duration_offsets value " + std::to_string(d) +
                        " is not a finite number");
    }
  }
  if (!std::isfinite(options.min_duration)) {
    throw ConfigError("augment_dataset: min_duration " + std::to_string(options.min_duration) +
                      " is not a finite number");
  }
  const fs::path out = out_path.value_or(data_path);
  OutputDirs dirs;
  SpareInodes spares;  // deleted before the directories close
  // A new or empty out_path is staged: the augmented dataset appears whole, in one rename.
  if (out_path && !dirs.stage(out)) {
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw IoError("augment_dataset: cannot create out_path " + out.string());
  }
  const std::vector<fs::path> files = find_music_files(data_path);
  AugmentDatasetResult result;
  result.num_files_before = files.size();
  if (files.empty()) {
    dirs.commit();
    return result;
  }

  const bool copy = copy_original_in_new_location && fs::absolute(out).lexically_normal() !=
                                                         fs::absolute(data_path).lexically_normal();
  // Largest files first, so that no big file starts last and keeps one thread busy alone.
  std::vector<std::pair<std::uintmax_t, std::size_t>> order(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::error_code ec;
    const std::uintmax_t size = fs::file_size(files[i], ec);
    order[i] = {ec ? 0 : size, i};
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<FileResult> per_file(files.size());
  const Destination dst{data_path, out, copy, dirs, spares};
  parallel_for(
      files.size(),
      [&](std::size_t k) {
        const std::size_t i = order[k].second;
        per_file[i] = augment_file(files[i], dst, options);
      },
      threads);
  spares.clear();
  for (std::size_t i = 0; i < files.size(); ++i) {
    result.num_augmentations += per_file[i].augmentations;
    result.num_tracks_augmented += per_file[i].tracks;
    if (per_file[i].failed) result.failed_files.push_back(files[i].string());
    if (per_file[i].unsupported) result.unsupported_files.push_back(files[i].string());
  }
  if (save_data_aug_report) {
    // With the outputs (in a staged root, it appears with them), and like them not flushed: an
    // fsync made a journaled file system commit every inode the batch created, and waited.
    write_output(dirs.open(out), out.string(), "data_augmentation_report.txt",
                 augmentation_report_json(options, result), AtomicWriteOptions{.sync = false});
  }
  dirs.commit();
  return result;
}

std::string augmentation_report_json(const AugmentOptions& o, const AugmentDatasetResult& r) {
  const auto integer = [](int v) { return std::to_string(v); };
  std::string s = "{";
  s += "\"pitch_offsets\": " + json_list(o.pitch_offsets, integer);
  s += ", \"velocity_offsets\": " + json_list(o.velocity_offsets, integer);
  s += ", \"duration_offsets\": " + json_list(o.duration_offsets, json_double);
  s += ", \"all_offset_combinations\": ";
  s += o.all_offset_combinations ? "true" : "false";
  s += ", \"velocity_range\": [" + std::to_string(o.velocity_range.first) + ", " +
       std::to_string(o.velocity_range.second) + "]";
  s += ", \"min_duration\": " + json_double(o.min_duration);
  s += ", \"num_tracks_augmented\": " + std::to_string(r.num_tracks_augmented);
  s += ", \"num_files_before\": " + std::to_string(r.num_files_before);
  s += ", \"num_files_after\": " + std::to_string(r.num_files_before + r.num_augmentations);
  return s + "}";
}

}  // namespace miditok
