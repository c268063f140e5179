// The built-in tokenizations' registration: maps each MidiTok class name ("REMI", "TSD", ...) to a
// factory in MusicTokenizer's registry, so MusicTokenizer::create / from_json / load build them.
// The registry lives in tokenizer/, one layer below: a program calls this once before loading
// params files (the Python extension and the CLI do it at start-up).
#pragma once

namespace miditok {

/// Registers every built-in tokenization with MusicTokenizer::register_class (once; thread-safe).
void register_builtin_tokenizers();

}  // namespace miditok
