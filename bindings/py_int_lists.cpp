#include "py_int_lists.h"

#include <algorithm>

namespace nb = nanobind;

namespace miditok::bindings {
namespace {

/// The shared int objects of 0 .. count - 1 (count <= kSharedInts), made on first use and kept
/// for the process; borrowed. nullptr with a Python error set if one cannot be made (never for
/// count 0: the int 0 is made first, so that the table is never empty).
PyObject* const* shared_ints(std::size_t count) {
  static std::vector<PyObject*> ints;  // guarded by the GIL
  while (ints.size() < std::max<std::size_t>(count, 1)) {
    PyObject* v = PyLong_FromSsize_t(static_cast<Py_ssize_t>(ints.size()));
    if (v == nullptr) return nullptr;
    ints.push_back(v);
  }
  return ints.data();
}

bool is_shared(std::int32_t v) { return v >= 0 && v < kSharedInts; }

}  // namespace

SharedInts shared_ints_below(std::size_t count) {
  count = std::min(count, static_cast<std::size_t>(kSharedInts));
  return {shared_ints(count), static_cast<std::int32_t>(count)};
}

PyObject* new_int_list(const std::int32_t* values, std::size_t n) {
  // A plain max by value (std::max's reference kept the running max in memory: half of a row's
  // list went to that store-forwarding chain).
  std::int32_t max_shared = -1;
  for (std::size_t k = 0; k < n; ++k) {
    const std::int32_t v = is_shared(values[k]) ? values[k] : -1;
    max_shared = v > max_shared ? v : max_shared;
  }
  const SharedInts ints = shared_ints_below(static_cast<std::size_t>(max_shared + 1));
  return ints.ints == nullptr ? nullptr : new_int_list(values, n, ints);
}

PyObject* new_int_list(const std::int32_t* values, std::size_t n, const SharedInts& ints) {
  auto* list = PyObject_GC_New(PyListObject, &PyList_Type);
  if (list == nullptr) return nullptr;
  list->ob_item = nullptr;
  list->allocated = 0;
  Py_SET_SIZE(list, 0);
  if (n == 0) return reinterpret_cast<PyObject*>(list);
  auto** items = static_cast<PyObject**>(PyMem_Malloc(n * sizeof(PyObject*)));
  if (items == nullptr) {
    Py_DECREF(list);
    return PyErr_NoMemory();
  }
  list->ob_item = items;
  list->allocated = static_cast<Py_ssize_t>(n);
  for (std::size_t k = 0; k < n; ++k) {
    const std::int32_t v = values[k];
    PyObject* o = nullptr;
    if (v >= 0 && v < ints.count) {
      o = ints.ints[static_cast<std::size_t>(v)];
      Py_INCREF(o);
    } else if ((o = PyLong_FromLong(v)) == nullptr) {
      Py_SET_SIZE(list, static_cast<Py_ssize_t>(k));  // what is filled, freed with the list
      Py_DECREF(list);
      return nullptr;
    }
    items[k] = o;
  }
  Py_SET_SIZE(list, static_cast<Py_ssize_t>(n));
  return reinterpret_cast<PyObject*>(list);
}

nb::list int_list(const std::vector<std::int32_t>& values) {
  PyObject* list = new_int_list(values.data(), values.size());
  if (list == nullptr) throw nb::python_error();
  return nb::steal<nb::list>(list);
}

}  // namespace miditok::bindings
