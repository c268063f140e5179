// Conversions between Python objects and the preprocess component's types (private to the
// preprocess bindings: bind_preprocess.cpp and bind_preprocess_pipeline.cpp).
#pragma once

#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>

#include <optional>
#include <utility>
#include <vector>

#include "miditok/preprocess/quantize.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/score/score.h"
#include "miditok/tokenizer/chords.h"

namespace miditok::bindings::preprocess_convert {

namespace nb = nanobind;

// Lists cross as Python lists built here: nanobind/stl/vector.h is not included because the score
// bindings bind std::vector<Note>, std::vector<Track>, ... as list types (in-place access).
template <class T>
inline nb::list to_list(const std::vector<T>& v) {
  nb::list out;
  for (const T& x : v) out.append(x);
  return out;
}

template <class T>
inline std::vector<T> seq_to_vector(nb::handle obj) {
  std::vector<T> out;
  for (nb::handle x : obj) out.push_back(nb::cast<T>(x));
  return out;
}

template <class T>
inline std::optional<std::vector<T>> opt_seq(nb::handle obj) {
  if (obj.is_none()) return std::nullopt;
  return seq_to_vector<T>(obj);
}

// {key: value} dict (or sequence of pairs) into pairs; None stays None.
inline std::optional<std::vector<std::pair<int, int>>> opt_int_pairs(nb::handle obj) {
  if (obj.is_none()) return std::nullopt;
  std::vector<std::pair<int, int>> out;
  if (nb::isinstance<nb::dict>(obj)) {
    for (auto [k, v] : nb::borrow<nb::dict>(obj)) {
      out.emplace_back(nb::cast<int>(k), nb::cast<int>(v));
    }
  } else {
    for (nb::handle x : obj) out.push_back(nb::cast<std::pair<int, int>>(x));
  }
  return out;
}

inline std::vector<Score> to_scores(nb::handle obj) {
  std::vector<Score> out;
  for (nb::handle x : obj) out.push_back(nb::cast<const Score&>(x));
  return out;
}

// A numpy array (any integer / float dtype) converted to a contiguous array of T.
template <class T>
inline std::vector<T> to_vector(nb::handle obj, const char* dtype) {
  std::vector<T> out;
  if (obj.is_none()) return out;
  nb::module_ np = nb::module_::import_("numpy");
  nb::object arr = np.attr("ascontiguousarray")(obj, nb::arg("dtype") = dtype).attr("ravel")();
  auto view = nb::cast<nb::ndarray<const T, nb::ndim<1>, nb::c_contig, nb::device::cpu>>(arr);
  out.assign(view.data(), view.data() + view.shape(0));
  return out;
}

// MidiTok's (N, 2) [end tick, value] arrays; None gives no section.
inline std::vector<TickSection> to_sections(nb::handle obj) {
  const auto flat = to_vector<std::int64_t>(obj, "i8");
  std::vector<TickSection> out(flat.size() / 2);
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = {static_cast<tick_t>(flat[2 * i]), static_cast<tick_t>(flat[2 * i + 1])};
  }
  return out;
}

// (N, 2) int64 numpy array of sections.
inline nb::object from_sections(const std::vector<TickSection>& sections) {
  auto* buf = new std::int64_t[sections.empty() ? 2 : sections.size() * 2];
  for (std::size_t i = 0; i < sections.size(); ++i) {
    buf[2 * i] = sections[i].end_tick;
    buf[2 * i + 1] = sections[i].value;
  }
  nb::capsule owner(buf, [](void* p) noexcept { delete[] static_cast<std::int64_t*>(p); });
  return nb::cast(
      nb::ndarray<nb::numpy, std::int64_t, nb::ndim<2>>(buf, {sections.size(), 2}, owner));
}

template <class T>
inline nb::object from_vector(const std::vector<T>& v) {
  auto* buf = new T[v.empty() ? 1 : v.size()];
  std::copy(v.begin(), v.end(), buf);
  nb::capsule owner(buf, [](void* p) noexcept { delete[] static_cast<T*>(p); });
  return nb::cast(nb::ndarray<nb::numpy, T, nb::ndim<1>>(buf, {v.size()}, owner));
}

// {tpb: bins} dict into TicksPerBeatBins.
inline TicksPerBeatBins to_tpb_bins(nb::handle obj) {
  TicksPerBeatBins out;
  if (obj.is_none()) return out;
  for (auto [k, v] : nb::cast<nb::dict>(obj)) {
    out.table.emplace_back(nb::cast<tick_t>(k), to_vector<std::int32_t>(v, "i4"));
  }
  return out;
}

inline ChordMaps to_chord_maps(nb::handle obj) {
  ChordMaps maps;
  for (auto [k, v] : nb::cast<nb::dict>(obj)) {
    std::vector<int> intervals;
    for (nb::handle x : v) intervals.push_back(nb::cast<int>(x));
    maps.emplace_back(nb::cast<std::string>(k), std::move(intervals));
  }
  return maps;
}

}  // namespace miditok::bindings::preprocess_convert

namespace miditok::bindings {

/// Binds detect_chords and preprocess_resampled_score into the preprocess submodule.
void bind_preprocess_chords_and_pipeline(nanobind::module_& m);

}  // namespace miditok::bindings
