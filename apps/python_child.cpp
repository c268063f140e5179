// Python child processes of the CLI (see python_child.h).
#include "python_child.h"

#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "miditok/core/error.h"

extern char** environ;

namespace miditok::cli {

std::string python_executable() {
  const char* chosen = std::getenv("MIDITOK_PYTHON");
  return chosen != nullptr && *chosen != '\0' ? chosen : "python3";
}

int run_python_module(const std::string& module, const std::vector<std::string>& args,
                      const std::string& hint) {
  const std::string python = python_executable();
  std::vector<std::string> words{python, "-m", module};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  std::string command = python + " -m " + module;
  std::fflush(stdout);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, python.c_str(), nullptr, nullptr, argv.data(), environ);
  if (spawned != 0) {
    throw IoError("cannot run `" + command + "`: " + python + ": " + std::strerror(spawned) + " (" +
                  hint + "; $MIDITOK_PYTHON chooses the interpreter)");
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw IoError("cannot wait for `" + command + "`: " + std::strerror(errno));
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (code != 0) {
    std::fprintf(stderr, "miditok-cpp: `%s` failed (exit %d): %s\n", command.c_str(), code,
                 hint.c_str());
  }
  return code;
}

}  // namespace miditok::cli
