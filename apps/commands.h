// The subcommands of the miditok-cpp tool; each returns the process exit code.
#pragma once

#include "args.h"

namespace miditok::cli {

/// `info FILE...`: resolution, tracks, notes and tempo/time-signature counts of MIDI files.
int run_info(const Args& args);
/// `tokenize --params tokenizer.json (--shard OUT | --out-dir DIR) FILE...`: files to ids.
int run_tokenize(const Args& args);
/// `decode --params tokenizer.json --shard SHARD --index I --out OUT.mid`: ids back to MIDI.
int run_decode(const Args& args);

}  // namespace miditok::cli
