// libFuzzer target: decoding any id sequence (in or out of the vocabulary) with REMI, MMM,
// PerTok and BEAT tokenizers of several configurations never crashes; out-of-vocabulary ids raise
// TokenError.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "miditok/core/error.h"
#include "miditok/tokenizers/beat.h"
#include "miditok/tokenizers/mmm.h"
#include "miditok/tokenizers/pertok.h"
#include "miditok/tokenizers/remi.h"

namespace {

std::vector<std::unique_ptr<miditok::MusicTokenizer>> make_tokenizers() {
  std::vector<std::unique_ptr<miditok::MusicTokenizer>> out;
  miditok::TokenizerConfig seed;
  seed.num_velocities = 16;
  seed.use_chords = true;
  seed.use_programs = true;
  seed.finalize();
  out.push_back(std::make_unique<miditok::REMI>(seed));
  miditok::TokenizerConfig all;
  all.use_rests = all.use_tempos = all.use_sustain_pedals = all.use_pitch_bends = true;
  all.use_pitch_intervals = all.use_key_signatures = all.use_control_changes = true;
  all.use_programs = true;
  all.one_token_stream_for_programs = false;
  all.program_changes = true;
  all.time_signature_range = {{8, {3, 6, 12}}, {4, {1, 2, 3, 4, 5, 6}}, {2, {2, 3}}};
  all.finalize();
  out.push_back(std::make_unique<miditok::REMI>(all));
  miditok::TokenizerConfig bars;
  bars.sustain_pedal_duration = bars.use_sustain_pedals = true;
  bars.use_velocities = false;
  bars.set_additional("use_bar_end_tokens", "true");
  bars.finalize();
  out.push_back(std::make_unique<miditok::REMI>(bars, 8));
  for (const char* base : {"\"REMI\"", "\"TSD\"", "\"MIDILike\""}) {
    miditok::TokenizerConfig mmm = all;
    mmm.set_additional("base_tokenizer", base);
    out.push_back(std::make_unique<miditok::MMM>(mmm));
  }
  for (bool positions : {false, true}) {
    miditok::TokenizerConfig pt = all;
    pt.use_rests = false;
    pt.beat_res = {{0, 16, 4}, {0, 8, 3}};
    pt.set_additional("ticks_per_quarter", "220");
    pt.set_additional("use_microtiming", positions ? "false" : "true");
    pt.set_additional("max_microtiming_shift", "0.25");
    pt.set_additional("num_microtiming_bins", "30");
    pt.set_additional("use_position_toks", positions ? "true" : "false");
    out.push_back(std::make_unique<miditok::PerTok>(pt));
  }
  out.push_back(std::make_unique<miditok::BEAT>(all));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto tokenizers = make_tokenizers();
  if (size < 1) return 0;
  const auto& tok = *tokenizers[data[0] % tokenizers.size()];
  std::vector<miditok::TokSequence> seqs(1);
  for (std::size_t i = 1; i + 1 < size; i += 2) {
    const int id = (data[i] | (data[i + 1] << 8)) % static_cast<int>(tok.vocab_size() + 8);
    if (id == static_cast<int>(tok.vocab_size() + 7) && !tok.one_token_stream()) {
      seqs.emplace_back();
      continue;
    }
    seqs.back().ids.push_back(id);
  }
  if (tok.one_token_stream()) seqs.resize(1);
  try {
    miditok::Score s = tok.decode(seqs);
    (void)s;
  } catch (const miditok::TokenError&) {
    // out-of-vocabulary ids: a typed error is the expected outcome
  }
  return 0;
}
