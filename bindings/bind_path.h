// Paths between Python and C++: a path argument takes str (encoded as os.fsencode does, so names
// that are not UTF-8 survive), bytes or os.PathLike; paths and messages go back as os.fsdecode
// gives them, so no file name makes a call fail with UnicodeError.
#pragma once

#include <nanobind/nanobind.h>

#include <string>
#include <vector>

namespace miditok::bindings {

/// A file path as the bytes the OS takes.
struct FsPath {
  std::string bytes;
  operator const std::string&() const { return bytes; }  // NOLINT: a path is its bytes
};

/// A sequence of file paths as the bytes the OS takes.
struct FsPaths {
  std::vector<std::string> items;
  operator const std::vector<std::string>&() const { return items; }  // NOLINT
};

/// The path as Python shows it (os.fsdecode: undecodable bytes as surrogate escapes).
inline nanobind::str fs_str(const std::string& path) {
  return nanobind::steal<nanobind::str>(
      PyUnicode_DecodeFSDefaultAndSize(path.data(), static_cast<Py_ssize_t>(path.size())));
}

/// A message that may quote file names: bytes that are not UTF-8 shown as \xNN escapes.
inline nanobind::str message_str(const std::string& text) {
  return nanobind::steal<nanobind::str>(
      PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "backslashreplace"));
}

/// fs_str of each path, as a Python list.
inline nanobind::list fs_list(const std::vector<std::string>& paths) {
  nanobind::list out;
  for (const auto& p : paths) out.append(fs_str(p));
  return out;
}

/// message_str of each message, as a Python list.
inline nanobind::list messages(const std::vector<std::string>& texts) {
  nanobind::list out;
  for (const auto& t : texts) out.append(message_str(t));
  return out;
}

/// The bytes of a str, bytes or os.PathLike object (False when it is none of them).
inline bool fs_bytes(nanobind::handle src, std::string& out) noexcept {
  PyObject* path = PyOS_FSPath(src.ptr());
  if (path == nullptr) {
    PyErr_Clear();
    return false;
  }
  PyObject* bytes = path;
  if (PyUnicode_Check(path)) {
    bytes = PyUnicode_EncodeFSDefault(path);
    Py_DECREF(path);
    if (bytes == nullptr) {
      PyErr_Clear();
      return false;
    }
  }
  char* data = nullptr;
  Py_ssize_t size = 0;
  const bool ok = PyBytes_AsStringAndSize(bytes, &data, &size) == 0;
  if (ok) out.assign(data, static_cast<std::size_t>(size));
  Py_DECREF(bytes);
  if (!ok) PyErr_Clear();
  return ok;
}

}  // namespace miditok::bindings

NAMESPACE_BEGIN(NB_NAMESPACE)
NAMESPACE_BEGIN(detail)

template <>
struct type_caster<miditok::bindings::FsPath> {
  NB_TYPE_CASTER(miditok::bindings::FsPath, io_name("str | bytes | os.PathLike", "str"))

  bool from_python(handle src, uint32_t, cleanup_list*) noexcept {
    return miditok::bindings::fs_bytes(src, value.bytes);
  }
  static handle from_cpp(const miditok::bindings::FsPath& value, rv_policy,
                         cleanup_list*) noexcept {
    return miditok::bindings::fs_str(value.bytes).release();
  }
};

template <>
struct type_caster<miditok::bindings::FsPaths> {
  NB_TYPE_CASTER(miditok::bindings::FsPaths,
                 io_name("collections.abc.Sequence[str | bytes | os.PathLike]", "list[str]"))

  bool from_python(handle src, uint32_t, cleanup_list*) noexcept {
    if (PyUnicode_Check(src.ptr()) || PyBytes_Check(src.ptr())) return false;
    PyObject* seq = PySequence_Fast(src.ptr(), "");
    if (seq == nullptr) {
      PyErr_Clear();
      return false;
    }
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    value.items.assign(static_cast<std::size_t>(n), std::string());
    bool ok = true;
    for (Py_ssize_t i = 0; ok && i < n; ++i) {
      ok = miditok::bindings::fs_bytes(PySequence_Fast_GET_ITEM(seq, i),
                                       value.items[static_cast<std::size_t>(i)]);
    }
    Py_DECREF(seq);
    return ok;
  }
  static handle from_cpp(const miditok::bindings::FsPaths& value, rv_policy,
                         cleanup_list*) noexcept {
    return miditok::bindings::fs_list(value.items).release();
  }
};

NAMESPACE_END(detail)
NAMESPACE_END(NB_NAMESPACE)
