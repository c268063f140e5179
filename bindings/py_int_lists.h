// Lists of Python ints made in C++ for encode's results (ids, compound rows, bar and beat ticks):
// the int objects of small values made once for the process and shared, and lists the cyclic GC
// does not track. Needs the GIL.
#pragma once

#include <nanobind/nanobind.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace miditok::bindings {

/// Values in [0, kSharedInts) have one int object for the whole process (ints are immutable, so
/// sharing them is invisible): a list of them is made and freed by reference counting only.
inline constexpr std::int32_t kSharedInts = 1 << 17;

/// A new list of the ints values[0 .. n), not tracked by the cyclic GC (ints only, so never part
/// of a cycle: keeping many results does not make every collection walk them), made directly
/// without PyList_New's zeroed item array. nullptr with a Python error set on failure.
PyObject* new_int_list(const std::int32_t* values, std::size_t n);

/// The shared int objects of 0 .. count - 1 (count clipped to kSharedInts), borrowed, kept for
/// the process; ints is nullptr with a Python error set if one cannot be made.
struct SharedInts {
  PyObject* const* ints = nullptr;
  std::int32_t count = 0;
};
SharedInts shared_ints_below(std::size_t count);

/// new_int_list with the shared ints of `ints` (values past them get their own int objects):
/// many lists made from one buffer (the rows of a compound sequence, ids below the largest
/// sub-vocabulary's size) look the ints up once, without a pass over the values.
PyObject* new_int_list(const std::int32_t* values, std::size_t n, const SharedInts& ints);

/// new_int_list as an owned list; raises nb::python_error on failure.
nanobind::list int_list(const std::vector<std::int32_t>& values);

}  // namespace miditok::bindings
