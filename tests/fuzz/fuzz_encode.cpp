// libFuzzer target over encoding: any bytes read as MIDI and encoded by REMI, TSD, MIDILike,
// Structured, CPWord, Octuple and PerTok either give tokens or raise MidiError / TokenError /
// ConfigError. Run with -rss_limit_mb: the encode bound (encode_limits.h) keeps a short file
// from asking for gigabytes.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "miditok/core/error.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/tokenizer/music_tokenizer.h"
#include "miditok/tokenizers/registry.h"

namespace {

std::vector<std::unique_ptr<miditok::MusicTokenizer>> make_tokenizers() {
  miditok::register_builtin_tokenizers();
  std::vector<std::unique_ptr<miditok::MusicTokenizer>> out;
  const std::string all =
      R"({"use_programs": true, "use_tempos": true, "use_time_signatures": true,
          "use_sustain_pedals": true, "use_pitch_bends": true, "use_rests": true,
          "use_chords": true})";
  for (const char* name : {"REMI", "TSD", "MIDILike", "Structured", "CPWord", "Octuple"}) {
    out.push_back(miditok::MusicTokenizer::from_json(std::string(R"({"tokenization": ")") + name +
                                                     R"(", "config": )" + all + "}"));
  }
  out.push_back(miditok::MusicTokenizer::from_json(
      R"({"tokenization": "PerTok", "config": {"use_microtiming": true,
          "beat_res": {"0_4": 4, "0_4": 3},
          "additional_params": {"ticks_per_quarter": 480, "use_microtiming": true,
          "max_microtiming_shift": 0.125, "num_microtiming_bins": 30}}})"));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto tokenizers = make_tokenizers();
  miditok::Score score;
  try {
    score = miditok::read_midi(std::span<const std::uint8_t>(data, size), "fuzz input");
  } catch (const miditok::MidiError&) {
    return 0;
  }
  for (const auto& tokenizer : tokenizers) {
    try {
      (void)tokenizer->encode(score);
    } catch (const miditok::MidiError&) {
    } catch (const miditok::TokenError&) {
    } catch (const miditok::ConfigError&) {
    }
  }
  return 0;
}
