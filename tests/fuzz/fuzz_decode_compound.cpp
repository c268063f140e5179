// libFuzzer target: decoding any compound id sequence (rows of K ids, in or out of the
// sub-vocabularies; MuMIDI's rows ragged, cut short by absent slots) with Octuple, CPWord and
// MuMIDI tokenizers of several configurations never crashes; out-of-vocabulary ids raise
// TokenError.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "miditok/core/error.h"
#include "miditok/tokenizers/cp_word.h"
#include "miditok/tokenizers/mumidi.h"
#include "miditok/tokenizers/octuple.h"

namespace {

std::vector<std::unique_ptr<miditok::MultiVocTokenizer>> make_tokenizers() {
  std::vector<std::unique_ptr<miditok::MultiVocTokenizer>> out;
  miditok::TokenizerConfig all;
  all.use_rests = all.use_tempos = all.use_chords = all.use_programs = true;
  all.time_signature_range = {{8, {3, 6, 12}}, {4, {1, 2, 3, 4, 5, 6}}, {2, {2, 3}}};
  all.finalize();
  out.push_back(std::make_unique<miditok::Octuple>(all));
  out.push_back(std::make_unique<miditok::CPWord>(all));
  miditok::TokenizerConfig tracks = all;
  tracks.one_token_stream_for_programs = false;
  tracks.use_velocities = false;
  tracks.use_note_duration_programs.clear();
  tracks.finalize();
  out.push_back(std::make_unique<miditok::Octuple>(tracks));
  out.push_back(std::make_unique<miditok::CPWord>(tracks));
  out.push_back(std::make_unique<miditok::MuMIDI>(all));
  out.push_back(std::make_unique<miditok::MuMIDI>(tracks));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto tokenizers = make_tokenizers();
  if (size < 1) return 0;
  const auto& tok = *tokenizers[data[0] % tokenizers.size()];
  const std::size_t k = tok.num_vocabs();
  std::vector<miditok::CompoundSequence> seqs(1);
  seqs[0].width = k;
  std::size_t slot = 0;
  for (std::size_t i = 1; i + 1 < size; i += 2) {
    const auto sub = static_cast<int>(tok.sub_vocabularies()[slot].size());
    const int id = (data[i] | (data[i + 1] << 8)) % (sub + 2);  // a few out of the vocabulary
    if (slot == 0 && id == sub + 1 && !tok.one_token_stream()) {
      seqs.emplace_back();
      seqs.back().width = k;
      continue;
    }
    if (tok.ragged_rows() && slot >= 1 && id == sub + 1) {  // a short row: absent slots
      seqs.back().ids.resize(seqs.back().ids.size() + k - slot,
                             miditok::CompoundSequence::kAbsentSlot);
      slot = 0;
      continue;
    }
    seqs.back().ids.push_back(id);
    slot = (slot + 1) % k;
  }
  seqs.back().ids.resize(seqs.back().size() * k);  // drop an incomplete last row
  try {
    miditok::Score s = tok.decode_compound(seqs);
    (void)s;
  } catch (const miditok::TokenError&) {
    // out-of-vocabulary ids: a typed error is the expected outcome
  }
  return 0;
}
