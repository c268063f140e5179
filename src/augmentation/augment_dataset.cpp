// augment_dataset: file discovery, per-file augmentation and writing in parallel, the report.
#include "miditok/augmentation/augment_dataset.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <memory>
#include <mutex>
#include <set>

#include "midi_patch.h"
#include "miditok/core/error.h"
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

void write_bytes(const fs::path& path, const std::vector<std::uint8_t>& bytes) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f.get()) != bytes.size()) {
    throw IoError("augment_dataset: cannot write " + path.string());
  }
}

struct FileResult {
  std::size_t augmentations = 0;
  std::size_t tracks = 0;
  bool failed = false;
  bool unsupported = false;
};

FileResult augment_file(const fs::path& file, const fs::path& data_path, const fs::path& out_path,
                        bool copy_original, const AugmentOptions& options) {
  FileResult r;
  Score score;
  if (kAbcExtensions.contains(file.extension().string())) {
    // No ABC writer: the file is listed as unsupported, and only copied.
    r.unsupported = true;
    try {
      if (copy_original) {
        const fs::path target = (out_path / file.lexically_relative(data_path)).lexically_normal();
        fs::create_directories(target.parent_path());
        fs::copy_file(file, target, fs::copy_options::overwrite_existing);
      }
    } catch (const std::exception&) {
      r.failed = true;
    }
    return r;
  }
  try {
    score = read_midi_file(file.string());
  } catch (const Error&) {
    r.failed = true;  // MidiTok skips files symusic cannot load (and does not copy them)
    return r;
  }
  try {
    const fs::path rel_parent = file.parent_path().lexically_relative(data_path);
    const fs::path out_dir = (out_path / rel_parent).lexically_normal();
    // Each duration variant is written once; every (pitch, velocity) variant of it is the same
    // bytes with the note data rewritten (the writer's message order depends on times only).
    const auto [dur_ticks, min_ticks] = duration_offsets_ticks(score, options);
    const std::vector<AugmentOffsets> tuples = create_offsets_tuples(
        score, options.pitch_offsets, options.velocity_offsets, dur_ticks,
        options.all_offset_combinations, options.restrict_on_program_tessitura);
    if (tuples.empty() || score.tracks.empty()) {
      // nothing to write (MidiTok skips augmented scores without tracks)
    } else {
      fs::create_directories(out_dir);
      std::vector<int> durations;
      for (const AugmentOffsets& o : tuples) {
        if (std::find(durations.begin(), durations.end(), o[2]) == durations.end()) {
          durations.push_back(o[2]);
        }
      }
      Score variant;
      std::vector<std::uint8_t> bytes;
      for (const int d : durations) {
        std::vector<std::uint8_t> base;
        if (d == 0) {
          base = write_midi(score);
        } else {
          variant = score;
          augment_score_inplace(variant, {0, 0, d}, options.velocity_range, min_ticks);
          base = write_midi(variant);
        }
        const std::vector<std::uint32_t> notes = detail::scan_note_bytes(base);
        for (const AugmentOffsets& o : tuples) {
          if (o[2] != d) continue;
          bytes = base;
          detail::apply_note_patch(bytes, notes, o[0], o[1], options.velocity_range);
          write_bytes(
              out_dir / (file.stem().string() + augmentation_suffix(o) + file.extension().string()),
              bytes);
          ++r.augmentations;
          r.tracks += score.tracks.size();
        }
      }
    }
    if (copy_original) {
      const fs::path target = (out_path / file.lexically_relative(data_path)).lexically_normal();
      fs::create_directories(target.parent_path());
      fs::copy_file(file, target, fs::copy_options::overwrite_existing);
      fs::last_write_time(target, fs::last_write_time(file));
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
  const fs::path out = out_path.value_or(data_path);
  if (out_path) {
    std::error_code ec;
    fs::create_directories(out, ec);
    if (ec) throw IoError("augment_dataset: cannot create out_path " + out.string());
  }
  const std::vector<fs::path> files = find_music_files(data_path);
  AugmentDatasetResult result;
  result.num_files_before = files.size();
  if (files.empty()) return result;

  const bool copy = copy_original_in_new_location && fs::absolute(out).lexically_normal() !=
                                                         fs::absolute(data_path).lexically_normal();
  std::vector<FileResult> per_file(files.size());
  parallel_for(
      files.size(),
      [&](std::size_t i) { per_file[i] = augment_file(files[i], data_path, out, copy, options); },
      threads);
  for (std::size_t i = 0; i < files.size(); ++i) {
    result.num_augmentations += per_file[i].augmentations;
    result.num_tracks_augmented += per_file[i].tracks;
    if (per_file[i].failed) result.failed_files.push_back(files[i].string());
    if (per_file[i].unsupported) result.unsupported_files.push_back(files[i].string());
  }
  if (save_data_aug_report) {
    std::ofstream f(out / "data_augmentation_report.txt");
    if (!f) throw IoError("augment_dataset: cannot write the report in " + out.string());
    f << augmentation_report_json(options, result);
  }
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
