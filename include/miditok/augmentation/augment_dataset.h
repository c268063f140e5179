// Augmenting a whole directory of MIDI files, as MidiTok's augment_dataset: every augmented version
// is written as "<stem>#p2_v-4_d120.<ext>" under the output directory (mirroring the tree), the
// originals are copied there, and a data_augmentation_report.txt sums it up. Files run in parallel.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "miditok/augmentation/augmentation.h"

namespace miditok {

/// What augment_dataset did: MidiTok's report counts plus the files it could not read.
struct AugmentDatasetResult {
  std::size_t num_files_before = 0;
  std::size_t num_augmentations = 0;
  std::size_t num_tracks_augmented = 0;
  /// Files that could not be read or written (skipped, as MidiTok skips unreadable files).
  std::vector<std::string> failed_files;
  /// Files of a supported extension this build cannot read or write (.abc).
  std::vector<std::string> unsupported_files;
};

/// The music files under `data_path` (recursively) with MidiTok's extensions, sorted.
std::vector<std::filesystem::path> find_music_files(const std::filesystem::path& data_path);

/// Augments every MIDI file under data_path into out_path (default: data_path) on `threads`
/// threads (0: all); copies the originals when out_path differs; writes the report when asked.
AugmentDatasetResult augment_dataset(const std::filesystem::path& data_path,
                                     const AugmentOptions& options,
                                     const std::optional<std::filesystem::path>& out_path = {},
                                     bool copy_original_in_new_location = true,
                                     bool save_data_aug_report = true, std::size_t threads = 0);

/// MidiTok's data_augmentation_report.txt content (one JSON line) for a result and its options.
std::string augmentation_report_json(const AugmentOptions& options,
                                     const AugmentDatasetResult& result);

}  // namespace miditok
