// Core bindings: the exception classes (translated here, in one place) and the thread settings.
#include <nanobind/nanobind.h>

#include <string>
#include <string_view>

#include "bind.h"
#include "bind_path.h"
#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
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
      PyErr_SetObject(midi_error.ptr(), message_str(e.what()).ptr());
    } catch (const miditok::ConfigError& e) {
      PyErr_SetObject(config_error.ptr(), message_str(e.what()).ptr());
    } catch (const miditok::TokenError& e) {
      PyErr_SetObject(token_error.ptr(), message_str(e.what()).ptr());
    } catch (const miditok::IoError& e) {
      if (e.code() != 0) {
        // OSError(errno, message, filename): errno, strerror and filename set as Python's own.
        nb::object args = nb::make_tuple(e.code(), message_str(e.what()), fs_str(e.path()));
        PyErr_SetObject(io_error.ptr(), args.ptr());
      } else {
        PyErr_SetObject(io_error.ptr(), message_str(e.what()).ptr());
      }
    }
  });

  m.def(
      "write_file_atomic",
      [](const FsPath& path, const nb::bytes& data, bool sync) {
        const std::string_view bytes(data.c_str(), data.size());
        miditok::AtomicWriteOptions options;
        options.sync = sync;
        nb::gil_scoped_release release;
        miditok::write_file_atomic(path, bytes, options);
      },
      nb::arg("path"), nb::arg("data"), nb::arg("sync") = true,
      "Writes data to a temporary file next to path, flushes it (sync) and renames it into place: "
      "path holds all of data or is left as it was. IoError (errno, path) on failure.");
  m.def(
      "read_regular_file",
      [](const FsPath& path) {
        std::string bytes;
        {
          nb::gil_scoped_release release;
          bytes = miditok::read_regular_file(path);
        }
        return nb::bytes(bytes.data(), bytes.size());
      },
      nb::arg("path"),
      "The bytes of the regular file at path; IoError at once for a FIFO, device or directory.");
  m.def("num_threads", &miditok::num_threads,
        "Number of worker threads used by batch calls (MIDITOK_NUM_THREADS, else all cores).");
}

}  // namespace miditok::bindings
