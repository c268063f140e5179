// ABC through abc2midi/midi2abc child processes (posix_spawn, no shell), with the arguments
// symusic passes: `abc2midi in.abc -o out.mid -silent` and `midi2abc in.mid -o out.abc`.
#include "miditok/midi/abc.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/midi/midi_writer.h"

extern char** environ;

namespace miditok {
namespace fs = std::filesystem;
namespace {

// A private temporary directory removed with its contents on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "miditok-abc-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw IoError("cannot create a temporary directory: " + std::string(std::strerror(errno)));
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// Runs program with args, stdout (and stderr unless show_stderr) to /dev/null; returns the
// exit status.
int run(const std::string& program, const std::vector<std::string>& args, bool show_stderr) {
  std::vector<char*> argv;
  std::string name = fs::path(program).filename().string();
  argv.push_back(name.data());
  std::vector<std::string> owned(args);
  for (auto& a : owned) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  if (!show_stderr) {
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  }
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw IoError("cannot run " + program + ": " + std::strerror(rc));
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw IoError("waiting for " + program + " failed");
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void write_text(const fs::path& path, std::string_view text) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!f || std::fwrite(text.data(), 1, text.size(), f.get()) != text.size()) {
    throw IoError("cannot write " + path.string());
  }
}

Score abc_to_score(const fs::path& abc_path, const std::string& source) {
  const std::string abc2midi = find_program("abc2midi");
  TempDir dir;
  const fs::path midi = dir.path() / "output.mid";
  const int status = run(abc2midi, {abc_path.string(), "-o", midi.string(), "-silent"}, false);
  if (!fs::exists(midi)) {
    throw MidiError("abc2midi produced no MIDI for " + source + " (exit status " +
                    std::to_string(status) + "): not valid ABC?");
  }
  const std::string bytes = read_file_bytes(midi.string());
  return read_midi(std::span<const std::uint8_t>(
                       reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
                   source + " (through abc2midi)");
}

}  // namespace

std::string find_program(const std::string& name) {
  std::string env_name = "MIDITOK_" + name;
  for (auto& c : env_name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (const char* env = std::getenv(env_name.c_str()); env != nullptr && *env != '\0') {
    if (::access(env, X_OK) == 0) return env;
    throw IoError(name + " not found: " + env_name + "=" + env + " is not an executable");
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = std::min(dirs.find(':', start), dirs.size());
    const std::string dir = dirs.substr(start, end - start);
    if (!dir.empty()) {
      const fs::path candidate = fs::path(dir) / name;
      if (::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    start = end + 1;
  }
  throw IoError(name +
                " not found on PATH: install the abcmidi package (apt install abcmidi) "
                "or set " +
                env_name + " to its path");
}

Score read_abc(std::string_view abc) {
  TempDir dir;
  const fs::path input = dir.path() / "input.abc";
  write_text(input, abc);
  return abc_to_score(input, "<abc text>");
}

Score read_abc_file(const std::string& path) {
  // Read here, then handed to abc2midi as a copy: only regular files (a FIFO would block it).
  const std::string text = read_regular_file(path);
  TempDir dir;
  const fs::path input = dir.path() / "input.abc";
  write_text(input, text);
  return abc_to_score(input, path);
}

void write_abc_file(const Score& score, const std::string& path, bool warn) {
  check_path(path);
  write_file_atomic(path, write_abc(score, warn));  // whole or not at all
}

std::string write_abc(const Score& score, bool warn) {
  const std::string midi2abc = find_program("midi2abc");
  TempDir dir;
  const fs::path midi = dir.path() / "input.mid";
  write_midi_file(score, midi.string());
  const fs::path out = dir.path() / "output.abc";
  const int status = run(midi2abc, {midi.string(), "-o", out.string()}, warn);
  if (!fs::exists(out)) {
    throw IoError("midi2abc produced no ABC (exit status " + std::to_string(status) + ")");
  }
  return read_file_bytes(out.string());
}

}  // namespace miditok
