// libFuzzer target over tokenizer params files (MidiTok's tokenizer.json): any bytes either build
// a tokenizer or raise ConfigError; no other exception, no crash, and (with -rss_limit_mb) no
// table sized by an unchecked value: config_limits bounds every one.
#include <cstddef>
#include <cstdint>
#include <string>

#include "miditok/core/error.h"
#include "miditok/tokenizer/music_tokenizer.h"
#include "miditok/tokenizers/registry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool registered = (miditok::register_builtin_tokenizers(), true);
  (void)registered;
  const std::string json(reinterpret_cast<const char*>(data), size);
  try {
    const auto tokenizer = miditok::MusicTokenizer::from_json(json);
    (void)tokenizer->vocab_size();
  } catch (const miditok::ConfigError&) {
  }
  return 0;
}
