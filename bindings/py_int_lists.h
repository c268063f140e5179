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

/// The shared int objects of 0 .. the largest of values[0 .. n) below kSharedInts (borrowed, kept
/// for the process); nullptr with a Python error set if one cannot be made.
PyObject* const* shared_ints_for(const std::int32_t* values, std::size_t n);

/// new_int_list with `ints` from shared_ints_for over at least these values: many lists made from
/// one buffer (the rows of a compound sequence) look the ints up once.
PyObject* new_int_list(const std::int32_t* values, std::size_t n, PyObject* const* ints);

/// new_int_list as an owned list; raises nb::python_error on failure.
nanobind::list int_list(const std::vector<std::int32_t>& values);

}  // namespace miditok::bindings
