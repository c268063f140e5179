// Augmentation bindings: augment_score, the multiple-offsets variant, augment_dataset (GIL
// released, files in parallel) and the seeded random augmentation. No logic here.
#include <nanobind/nanobind.h>
#include <nanobind/stl/array.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include "bind.h"
#include "bind_path.h"
#include "miditok/augmentation/augment_dataset.h"
#include "miditok/augmentation/augmentation.h"

namespace nb = nanobind;

namespace miditok::bindings {
namespace {

AugmentOptions make_options(std::vector<int> pitch_offsets, std::vector<int> velocity_offsets,
                            std::vector<double> duration_offsets, bool all_offset_combinations,
                            bool restrict_on_program_tessitura, std::pair<int, int> velocity_range,
                            bool duration_in_ticks, double min_duration) {
  AugmentOptions o;
  o.pitch_offsets = std::move(pitch_offsets);
  o.velocity_offsets = std::move(velocity_offsets);
  o.duration_offsets = std::move(duration_offsets);
  o.all_offset_combinations = all_offset_combinations;
  o.restrict_on_program_tessitura = restrict_on_program_tessitura;
  o.velocity_range = velocity_range;
  o.duration_in_ticks = duration_in_ticks;
  o.min_duration = min_duration;
  return o;
}

#define MIDITOK_AUG_OPTION_ARGS                                                       \
  nb::arg("pitch_offsets"), nb::arg("velocity_offsets"), nb::arg("duration_offsets"), \
      nb::arg("all_offset_combinations"), nb::arg("restrict_on_program_tessitura"),   \
      nb::arg("velocity_range"), nb::arg("duration_in_ticks"), nb::arg("min_duration")

}  // namespace

void bind_augmentation(nb::module_& m) {
  m.def(
      "_augment_score",
      [](const Score& score, int pitch_offset, int velocity_offset, double duration_offset,
         std::pair<int, int> velocity_range, bool duration_in_ticks, double min_duration) {
        nb::gil_scoped_release release;
        return augment_score(score, pitch_offset, velocity_offset, duration_offset, velocity_range,
                             duration_in_ticks, min_duration);
      },
      nb::arg("score"), nb::arg("pitch_offset"), nb::arg("velocity_offset"),
      nb::arg("duration_offset"), nb::arg("velocity_range"), nb::arg("duration_in_ticks"),
      nb::arg("min_duration"), "MidiTok's augment_score on a copy of a miditok_cpp Score.");

  m.def(
      "_augment_score_multiple_offsets",
      [](const Score& score, std::vector<int> p, std::vector<int> v, std::vector<double> d,
         bool all, bool restrict_, std::pair<int, int> vr, bool in_ticks, double min_dur) {
        const AugmentOptions o = make_options(std::move(p), std::move(v), std::move(d), all,
                                              restrict_, vr, in_ticks, min_dur);
        nb::gil_scoped_release release;
        return augment_score_multiple_offsets(score, o);
      },
      nb::arg("score"), MIDITOK_AUG_OPTION_ARGS,
      "Every augmented version of a Score with its (pitch, velocity, duration ticks) offsets.");

  m.def(
      "_augment_dataset",
      [](const FsPath& data_path, std::vector<int> p, std::vector<int> v, std::vector<double> d,
         bool all, bool restrict_, std::pair<int, int> vr, bool in_ticks, double min_dur,
         std::optional<FsPath> out_path, bool copy_original, bool save_report,
         std::size_t threads) {
        const AugmentOptions o = make_options(std::move(p), std::move(v), std::move(d), all,
                                              restrict_, vr, in_ticks, min_dur);
        std::optional<std::filesystem::path> out;
        if (out_path) out = out_path->bytes;
        AugmentDatasetResult r;
        {
          nb::gil_scoped_release release;
          r = augment_dataset(data_path.bytes, o, out, copy_original, save_report, threads);
        }
        return nb::make_tuple(r.num_files_before, r.num_augmentations, r.num_tracks_augmented,
                              fs_list(r.failed_files), fs_list(r.unsupported_files));
      },
      nb::arg("data_path"), MIDITOK_AUG_OPTION_ARGS, nb::arg("out_path").none(),
      nb::arg("copy_original_in_new_location"), nb::arg("save_data_aug_report"), nb::arg("threads"),
      "Augments a directory of MIDI files in parallel; returns (files, augmentations, tracks, "
      "failed files, unsupported files).");

  m.def(
      "_random_augment",
      [](const Score& score, std::uint64_t seed, std::uint64_t epoch, std::uint64_t sample_index,
         std::vector<int> p, std::vector<int> v, std::vector<double> d, bool restrict_,
         std::pair<int, int> vr, bool in_ticks, double min_dur) {
        const AugmentOptions o = make_options(std::move(p), std::move(v), std::move(d), false,
                                              restrict_, vr, in_ticks, min_dur);
        nb::gil_scoped_release release;
        const AugmentOffsets offsets = draw_random_offsets(score, seed, epoch, sample_index, o);
        return std::make_pair(offsets, random_augment(score, seed, epoch, sample_index, o));
      },
      nb::arg("score"), nb::arg("seed"), nb::arg("epoch"), nb::arg("sample_index"),
      nb::arg("pitch_offsets"), nb::arg("velocity_offsets"), nb::arg("duration_offsets"),
      nb::arg("restrict_on_program_tessitura"), nb::arg("velocity_range"),
      nb::arg("duration_in_ticks"), nb::arg("min_duration"),
      "Seeded random augmentation: ((pitch, velocity, duration ticks), augmented Score).");
}

}  // namespace miditok::bindings
