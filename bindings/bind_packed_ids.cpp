// Bit-packed samples of a pre-tokenized DatasetMIDI: the PackedSamples class (append, index,
// pickle) and the threaded pre-tokenization of MIDI files straight into one.
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cstring>
#include <memory>
#include <string>

#include "bind.h"
#include "bind_numpy.h"
#include "bind_path.h"
#include "miditok/core/error.h"
#include "miditok/data/dataset_tokenize.h"
#include "miditok/data/packed_ids.h"

namespace nb = nanobind;

namespace miditok::bindings {

namespace {

using AnyIds = nb::ndarray<nb::c_contig, nb::device::cpu>;
using Words = nb::ndarray<const std::uint64_t, nb::ndim<1>, nb::c_contig, nb::device::cpu>;

/// Rows of an id array for samples of `inner` ids a row (ConfigError when the shape does not fit).
std::size_t rows_of(const AnyIds& a, std::size_t inner) {
  if (inner == 1 && a.ndim() == 1) return a.shape(0);
  if (inner > 1 && a.ndim() == 2 && a.shape(1) == inner) return a.shape(0);
  if (a.size() == 0) return 0;
  throw ConfigError("PackedSamples.append: ids of shape (" + std::to_string(a.shape(0)) +
                    (a.ndim() > 1 ? ", " + std::to_string(a.shape(1)) : std::string()) +
                    ") do not fit " + std::to_string(inner) + " id(s) a row");
}

template <class T>
nb::object owned_array(std::unique_ptr<T[]> data, std::size_t rows, std::size_t inner) {
  T* raw = data.release();
  nb::capsule owner(raw, [](void* p) noexcept { delete[] static_cast<T*>(p); });
  if (inner == 1) return nb::cast(nb::ndarray<nb::numpy, T>(raw, {rows}, owner));
  return nb::cast(nb::ndarray<nb::numpy, T>(raw, {rows, inner}, owner));
}

nb::tuple state_of(const BitPackedVector& v) {
  std::vector<std::uint64_t> words = v.words();
  return nb::make_tuple(numpy_of(std::move(words)), v.bits(), v.base(), v.size());
}

BitPackedVector vector_of(const nb::tuple& state) {
  auto words = nb::cast<Words>(state[0]);
  std::vector<std::uint64_t> copy(words.data(), words.data() + words.size());
  return BitPackedVector::from_parts(std::move(copy), nb::cast<int>(state[1]),
                                     nb::cast<std::int64_t>(state[2]),
                                     nb::cast<std::size_t>(state[3]));
}

}  // namespace

void bind_packed_ids(nb::module_& m) {
  nb::class_<PackedSamples>(m, "PackedSamples",
                            "Token-id samples bit-packed in one buffer (DatasetMIDI's storage).")
      .def(nb::init<std::size_t>(), nb::arg("inner") = 1,
           "Empty samples of `inner` ids a row (1: one vocabulary).")
      .def(
          "append",
          [](PackedSamples& self, const AnyIds& ids) {
            const std::size_t rows = rows_of(ids, self.inner());
            if (ids.dtype() == nb::dtype<std::int32_t>()) {
              self.append(static_cast<const std::int32_t*>(ids.data()), rows);
            } else if (ids.dtype() == nb::dtype<std::int64_t>()) {
              self.append(static_cast<const std::int64_t*>(ids.data()), rows);
            } else {
              throw ConfigError("PackedSamples.append: ids must be int32 or int64");
            }
          },
          nb::arg("ids"), "Appends one sample (int32/int64 array: 1-D, or (rows, inner)).")
      .def("__len__", &PackedSamples::size, "Number of samples.")
      .def(
          "__getitem__",
          [](const PackedSamples& self, std::int64_t idx) {
            const auto n = static_cast<std::int64_t>(self.size());
            if (idx < 0) idx += n;
            if (idx < 0 || idx >= n) {
              throw nb::index_error(
                  ("sample index out of range (" + std::to_string(n) + " samples)").c_str());
            }
            const auto i = static_cast<std::size_t>(idx);
            const std::size_t rows = self.rows(i);
            std::unique_ptr<std::int64_t[]> out(new std::int64_t[rows * self.inner()]);
            self.copy_sample(i, out.get());
            return owned_array(std::move(out), rows, self.inner());
          },
          nb::arg("idx"), "The ids of sample idx as an int64 array.")
      .def_prop_ro("inner", &PackedSamples::inner, "Ids per row.")
      .def_prop_ro("num_ids", &PackedSamples::num_ids, "Total number of ids stored.")
      .def_prop_ro(
          "num_rows",
          [](const PackedSamples& self) { return self.offsets()[self.offsets().size() - 1]; },
          "Total number of rows (tokens) over the samples.")
      .def_prop_ro("nbytes", &PackedSamples::nbytes, "Bytes held by the ids and offsets.")
      .def_prop_ro(
          "bits", [](const PackedSamples& self) { return self.ids().bits(); },
          "Bits per stored id.")
      .def("shrink_to_fit", &PackedSamples::shrink_to_fit, "Frees the spare capacity.")
      .def("__getstate__",
           [](const PackedSamples& self) {
             return nb::make_tuple(state_of(self.ids()), state_of(self.offsets()), self.inner());
           })
      .def("__setstate__", [](PackedSamples& self, const nb::tuple& state) {
        new (&self) PackedSamples(PackedSamples::from_parts(
            vector_of(nb::cast<nb::tuple>(state[0])), vector_of(nb::cast<nb::tuple>(state[1])),
            nb::cast<std::size_t>(state[2])));
      });

  m.def(
      "dataset_pre_tokenize_files",
      [](const MusicTokenizer& tokenizer, const FsPaths& paths, int max_seq_len,
         std::optional<token_id_t> bos, std::optional<token_id_t> eos, PackedSamples& into,
         std::size_t threads, std::optional<RatioRange> ac_tracks_ratio,
         std::optional<RatioRange> ac_bars_ratio, std::vector<std::uint64_t> ac_seeds) {
        DatasetTokenizeResult r;
        {
          nb::gil_scoped_release release;
          DatasetTokenizeOptions options;
          options.max_seq_len = max_seq_len;
          options.bos_token_id = bos;
          options.eos_token_id = eos;
          options.ac_tracks_ratio = ac_tracks_ratio;
          options.ac_bars_ratio = ac_bars_ratio;
          options.ac_seeds = std::move(ac_seeds);
          r = tokenize_files_for_dataset(tokenizer, paths, options, threads);
          into.append_flat(std::span<const token_id_t>(r.samples.ids()),
                           std::span<const std::uint64_t>(r.samples.offsets()));
        }
        return nb::make_tuple(numpy_of(std::move(r.samples_per_file)), messages(r.errors));
      },
      nb::arg("tokenizer"), nb::arg("paths"), nb::arg("max_seq_len"),
      nb::arg("bos_token_id").none(), nb::arg("eos_token_id").none(), nb::arg("into"),
      nb::arg("threads") = 0, nb::arg("ac_tracks_ratio").none() = nb::none(),
      nb::arg("ac_bars_ratio").none() = nb::none(),
      nb::arg("ac_seeds") = std::vector<std::uint64_t>(),
      "Tokenizes MIDI files for DatasetMIDI on threads, appending every sample (all tracks) to "
      "`into`, with random attribute controls (one seed per file) when a ratio range is given: "
      "(samples per file, errors per file).");
}

}  // namespace miditok::bindings
