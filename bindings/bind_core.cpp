// Core bindings: the exception classes (translated here, in one place) and the thread settings.
#include <nanobind/nanobind.h>

#include "bind.h"
#include "miditok/core/error.h"
#include "miditok/core/thread_pool.h"

namespace nb = nanobind;

namespace miditok::bindings {
namespace {

// Creates the Python class `name(MiditokError, builtin)` in module m.
nb::object make_error_class(nb::module_& m, const char* name, PyObject* builtin) {
  nb::object type_type = nb::borrow(reinterpret_cast<PyObject*>(&PyType_Type));
  nb::dict namespace_;
  namespace_["__module__"] = "miditok_cpp";
  nb::object cls =
      type_type(name, nb::make_tuple(m.attr("MiditokError"), nb::handle(builtin)), namespace_);
  m.attr(name) = cls;
  return cls;
}

}  // namespace

void bind_core(nb::module_& m) {
  // MidiError, ConfigError and TokenError are ValueErrors, IoError is an OSError; all derive from
  // MiditokError, so one except clause catches everything the core raises.
  nb::exception<miditok::Error>(m, "MiditokError", PyExc_Exception);
  static nb::object midi_error = make_error_class(m, "MidiError", PyExc_ValueError);
  static nb::object config_error = make_error_class(m, "ConfigError", PyExc_ValueError);
  static nb::object token_error = make_error_class(m, "TokenError", PyExc_ValueError);
  static nb::object io_error = make_error_class(m, "IoError", PyExc_OSError);
  nb::register_exception_translator([](const std::exception_ptr& p, void*) {
    try {
      std::rethrow_exception(p);
    } catch (const miditok::MidiError& e) {
      PyErr_SetString(midi_error.ptr(), e.what());
    } catch (const miditok::ConfigError& e) {
      PyErr_SetString(config_error.ptr(), e.what());
    } catch (const miditok::TokenError& e) {
      PyErr_SetString(token_error.ptr(), e.what());
    } catch (const miditok::IoError& e) {
      PyErr_SetString(io_error.ptr(), e.what());
    }
  });

  m.def("num_threads", &miditok::num_threads,
        "Number of worker threads used by batch calls (MIDITOK_NUM_THREADS, else all cores).");
}

}  // namespace miditok::bindings
