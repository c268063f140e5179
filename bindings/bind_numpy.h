// Numpy arrays that own a moved std::vector: zero-copy hand-over of C++ buffers to Python.
#pragma once

#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>

#include <vector>

namespace miditok::bindings {

/// A 1-D numpy array owning `v` (moved, no copy).
template <class T>
nanobind::object numpy_of(std::vector<T>&& v) {
  auto* buf = new std::vector<T>(std::move(v));
  nanobind::capsule owner(buf, [](void* p) noexcept { delete static_cast<std::vector<T>*>(p); });
  return nanobind::cast(
      nanobind::ndarray<nanobind::numpy, T, nanobind::ndim<1>>(buf->data(), {buf->size()}, owner));
}

}  // namespace miditok::bindings
