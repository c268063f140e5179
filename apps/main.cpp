// miditok-cpp: MidiTok's file workflows from the command line (tokenize, train, split, decode,
// info) on the C++ core. Exit codes: 0 done, 1 a file or the run failed (0 with --keep-going
// when only files failed), 2 a bad command line (with a message saying what is wrong).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "commands.h"
#include "miditok/core/error.h"
#include "miditok/tokenizers/registry.h"

namespace {

constexpr int kUsageError = 2;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "miditok-cpp: MidiTok's tokenizers on a C++ core (same token ids, tens of times "
      "faster)",
      "miditok-cpp"};
  app.set_version_flag("-V,--version", std::string("miditok-cpp ") + MIDITOK_VERSION);
  app.require_subcommand(1);
  int exit_code = 0;
  miditok::cli::add_tokenize(app, exit_code);
  miditok::cli::add_train(app, exit_code);
  miditok::cli::add_split(app, exit_code);
  miditok::cli::add_decode(app, exit_code);
  miditok::cli::add_info(app, exit_code);
  app.footer("Run `miditok-cpp COMMAND --help` for the options of a command.");
  miditok::register_builtin_tokenizers();  // params files name their tokenization
  std::string names;
  bool known = argc < 2 || argv[1][0] == '-';
  for (const CLI::App* command : app.get_subcommands({})) {
    names += " " + command->get_name();
    known = known || command->get_name() == argv[1];
  }
  if (!known) {
    std::fprintf(stderr, "miditok-cpp: unknown command '%s' (commands:%s)\n", argv[1],
                 names.c_str());
    return kUsageError;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);  // prints the help, the version or what is wrong
    return code == 0 ? 0 : kUsageError;
  } catch (const miditok::ConfigError& error) {
    std::fprintf(stderr, "miditok-cpp: %s\n", error.what());
    return kUsageError;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "miditok-cpp: %s\n", error.what());
    return 1;
  }
  return exit_code;
}
