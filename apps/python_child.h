// Running Python from the CLI for what only the Python package does (the plots): a child process
// started with posix_spawnp (arguments passed as argv, no shell), waited for, its output left on
// the terminal.
#pragma once

#include <string>
#include <vector>

namespace miditok::cli {

/// The Python interpreter to run: $MIDITOK_PYTHON when set, else python3 (searched in PATH).
std::string python_executable();

/// Runs `python -m module args...` and returns its exit code (0 when it succeeded). IoError when
/// the interpreter cannot be started; `hint` is added to the message of a failure (what to
/// install), printed on stderr with the command.
int run_python_module(const std::string& module, const std::vector<std::string>& args,
                      const std::string& hint);

}  // namespace miditok::cli
