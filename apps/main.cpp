// miditok-cpp: the command-line tool for C++ users (info, tokenize, decode).
#include <cstdio>
#include <exception>
#include <string>

#include "commands.h"
#include "miditok/core/error.h"
#include "miditok/core/thread_pool.h"
#include "miditok/tokenizers/registry.h"

namespace {

int usage() {
  std::puts(
      "usage: miditok-cpp <command> [options] [files]\n"
      "commands:\n"
      "  info FILE...                          summary of MIDI files\n"
      "  tokenize --params tokenizer.json (--shard OUT.bin | --out-dir DIR) FILE...\n"
      "                                        tokenize files on all cores (MIDITOK_NUM_THREADS)\n"
      "  decode --params tokenizer.json --shard SHARD [--index I] --out OUT.mid\n"
      "                                        decode one sequence of a token shard\n"
      "  threads                               number of worker threads\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  miditok::register_builtin_tokenizers();  // params files name their tokenization
  const std::string command = argv[1];
  try {
    const miditok::cli::Args args(argc, argv, 2, {});
    if (command == "info") return miditok::cli::run_info(args);
    if (command == "tokenize") return miditok::cli::run_tokenize(args);
    if (command == "decode") return miditok::cli::run_decode(args);
    if (command == "threads") {
      std::printf("%zu\n", miditok::num_threads());
      return 0;
    }
  } catch (const std::exception& error) {
    std::fprintf(stderr, "miditok-cpp %s: %s\n", command.c_str(), error.what());
    return 1;
  }
  return usage();
}
