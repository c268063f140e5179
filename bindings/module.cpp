// The extension module miditok_cpp._core: registers every component's bindings.
#include "bind.h"
#include "miditok/tokenizers/registry.h"

NB_MODULE(_core, m) {
  m.doc() = "miditok-cpp native core";
  // Objects still alive at interpreter exit (module globals, cached tokenizers) are not leaks of
  // ours; nanobind's report floods users' logs (MidiTok#190, symusic#43), so it stays off.
  nanobind::set_leak_warnings(false);
  // MusicTokenizer::create / from_json / load build the built-in tokenizations by class name.
  miditok::register_builtin_tokenizers();
  miditok::bindings::bind_core(m);
  miditok::bindings::bind_score(m);
  miditok::bindings::bind_pianoroll(m);  // adds methods to Score and Track
  miditok::bindings::bind_midi(m);
  miditok::bindings::bind_attribute_controls(m);
  miditok::bindings::bind_augmentation(m);
  miditok::bindings::bind_models(m);
  miditok::bindings::bind_preprocess(m);
  miditok::bindings::bind_data(m);
  miditok::bindings::bind_config(m);
  miditok::bindings::bind_tokenizer(m);
  miditok::bindings::bind_training(m);
  miditok::bindings::bind_multi_voc(m);
  miditok::bindings::bind_token_files(m);
  miditok::bindings::bind_packed_ids(m);
  miditok::bindings::bind_token_store(m);
}
