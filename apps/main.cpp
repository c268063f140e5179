// miditok-cpp: the command-line tool. Subcommands are added as the components land.
#include <cstdio>
#include <string>

#include "miditok/core/thread_pool.h"

namespace {

int usage() {
  std::puts(
      "usage: miditok-cpp <command> [args]\n"
      "commands:\n"
      "  threads        print the number of worker threads\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string command = argv[1];
  if (command == "threads") {
    std::printf("%zu\n", miditok::num_threads());
    return 0;
  }
  return usage();
}
