// The built-in tokenizations, one registration line each (merged as a union: add yours on its
// own lines, the include and the add_class call).
#include "miditok/tokenizers/registry.h"

#include <memory>
#include <string>

#include "miditok/tokenizer/music_tokenizer.h"
#include "miditok/tokenizers/beat.h"
#include "miditok/tokenizers/cp_word.h"
#include "miditok/tokenizers/midi_like.h"
#include "miditok/tokenizers/mmm.h"
#include "miditok/tokenizers/mumidi.h"
#include "miditok/tokenizers/octuple.h"
#include "miditok/tokenizers/pertok.h"
#include "miditok/tokenizers/remi.h"
#include "miditok/tokenizers/structured.h"
#include "miditok/tokenizers/tsd.h"

namespace miditok {

namespace {

template <class Tokenizer>
void add_class(const std::string& class_name) {
  MusicTokenizer::register_class(class_name, [](const TokenizerConfig& c) {
    return std::unique_ptr<MusicTokenizer>(std::make_unique<Tokenizer>(c));
  });
}

bool register_all() {
  add_class<REMI>("REMI");
  add_class<TSD>("TSD");
  add_class<MIDILike>("MIDILike");
  add_class<Structured>("Structured");
  add_class<Octuple>("Octuple");
  add_class<CPWord>("CPWord");
  add_class<MMM>("MMM");
  add_class<PerTok>("PerTok");
  add_class<MuMIDI>("MuMIDI");
  add_class<BEAT>("BEAT");
  return true;
}

}  // namespace

void register_builtin_tokenizers() {
  static const bool done = register_all();
  (void)done;
}

}  // namespace miditok
