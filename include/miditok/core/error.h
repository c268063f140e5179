// The exception hierarchy of miditok. Every error the library raises derives from miditok::Error;
// the bindings translate each class, in one place, to a Python exception that subclasses
// ValueError (MidiError, ConfigError, TokenError) or OSError (IoError).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace miditok {

/// Base class of every exception thrown by miditok.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A MIDI or ABC file that cannot be read: the message names the file and the byte offset.
class MidiError : public Error {
 public:
  using Error::Error;
};

/// An invalid tokenizer configuration or params file: the message names the parameter.
class ConfigError : public Error {
 public:
  using Error::Error;
};

/// An unknown token, an out-of-vocabulary id or a malformed token sequence.
class TokenError : public Error {
 public:
  using Error::Error;
};

/// A file or directory that cannot be opened, read or written, or a missing external program.
/// When it comes from a system call it keeps the errno value and the path (Python: OSError's
/// errno and filename).
class IoError : public Error {
 public:
  using Error::Error;
  /// An error of the system call on `path` that set errno to `code`.
  IoError(const std::string& what, std::string path, int code);
  /// The errno value (0 when the error did not come from a system call).
  int code() const noexcept { return code_; }
  /// The path the failing call was given (empty when unknown).
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
  int code_ = 0;
};

/// Formats "<what> (in <source> at byte <offset>)", the shared shape of MidiError messages.
std::string describe_at(const std::string& what, const std::string& source, std::size_t offset);

}  // namespace miditok
