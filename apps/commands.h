// The subcommands of the miditok-cpp tool. Each add_* registers one subcommand, its options and
// its callback on the application; the callback stores the process exit code in `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace miditok::cli {

/// `tokenize`: music files and folders to MidiTok token JSON files.
void add_tokenize(CLI::App& app, int& exit_code);
/// `train`: learns a BPE / Unigram / WordPiece model and writes the params file.
void add_train(CLI::App& app, int& exit_code);
/// `split`: cuts music files into chunk files for training (split_files_for_training).
void add_split(CLI::App& app, int& exit_code);
/// `decode`: token JSON files back to MIDI files.
void add_decode(CLI::App& app, int& exit_code);
/// `info`: summaries of music files and of tokenizer params files.
void add_info(CLI::App& app, int& exit_code);

}  // namespace miditok::cli
