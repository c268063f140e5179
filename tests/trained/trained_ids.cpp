// A C++ user's program over a trained tokenizer: MusicTokenizer::load of a MidiTok params file,
// then encode (the model's ids) and decode (which expands them). Writes the ids of each file for
// trained_ids_check.py to compare with the ids MidiTok and miditok_cpp's Python API give, and
// checks on its own that the model's ids expand back to the base ids (except where WordPiece
// wrote its unknown token), that decoding them gives the score the base ids give, and that a
// save / load round trip keeps the model.
// Usage: miditok_trained_ids PARAMS_JSON OUT_TXT FILE...   (OUT_TXT: "<file index> <ids...>" lines)
#include <algorithm>
#include <exception>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "miditok/data/encode_files.h"
#include "miditok/models/hf_tokenizer.h"
#include "miditok/tokenizer/music_tokenizer.h"
#include "miditok/tokenizers/registry.h"

namespace {

std::vector<miditok::TokSequence> ids_only(const std::vector<miditok::TokSequence>& seqs) {
  std::vector<miditok::TokSequence> out(seqs.size());
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    out[i].ids = seqs[i].ids;
    out[i].are_ids_encoded = true;
  }
  return out;
}

int run(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: miditok_trained_ids PARAMS_JSON OUT_TXT FILE...\n";
    return 2;
  }
  miditok::register_builtin_tokenizers();
  const auto tokenizer = miditok::MusicTokenizer::load(argv[1]);
  if (!tokenizer->is_trained()) {
    std::cerr << argv[1] << ": the tokenizer loaded without its trained model\n";
    return 1;
  }
  const auto reloaded = miditok::MusicTokenizer::from_json(tokenizer->to_json());
  const miditok::HfTokenizer& model = *tokenizer->model();
  std::optional<miditok::token_id_t> unknown_id;
  if (model.type == miditok::HfModelType::WordPiece) {
    if (const auto id = model.token_to_id(model.wordpiece.unk_token))
      unknown_id = static_cast<miditok::token_id_t>(*id);
  }
  std::ofstream out(argv[2]);
  int failures = 0;
  for (int i = 3; i < argc; ++i) {
    const miditok::Score score = miditok::read_music_file(argv[i]);
    const auto seqs = tokenizer->encode(score);
    const auto base = tokenizer->encode(score, false, true, {}, /*encode_ids=*/false);
    for (const auto& seq : seqs) {
      out << i - 3;
      for (const auto id : seq.ids) out << ' ' << id;
      out << '\n';
    }
    const auto again = reloaded->encode(score);
    for (std::size_t s = 0; s < seqs.size(); ++s) {
      if (again[s].ids != seqs[s].ids) {
        std::cerr << argv[i] << ": ids differ after a save / load round trip\n";
        ++failures;
      }
    }
    if (seqs.empty()) continue;
    // The model's ids expand back to the base ids, unless WordPiece replaced a word longer than
    // its max_input_chars_per_word by its unknown token (lossy by design, as in MidiTok).
    bool lossy = false;
    for (std::size_t s = 0; s < seqs.size(); ++s) {
      miditok::TokSequence expanded = ids_only({seqs[s]})[0];
      tokenizer->decode_token_ids(expanded);
      if (expanded.ids == base[s].ids) continue;
      if (unknown_id &&
          std::find(seqs[s].ids.begin(), seqs[s].ids.end(), *unknown_id) != seqs[s].ids.end()) {
        lossy = true;
        continue;
      }
      std::cerr << argv[i] << ": sequence " << s << ": the model's ids expand to other base ids\n";
      ++failures;
    }
    if (lossy) continue;
    miditok::Score from_model, from_base;
    std::string model_error = "-", base_error = "-";
    try {
      from_model = tokenizer->decode(ids_only(seqs));
    } catch (const std::exception& e) {
      model_error = e.what();
    }
    try {
      from_base = tokenizer->decode(base);
    } catch (const std::exception& e) {
      base_error = e.what();
    }
    if (model_error != base_error || !(from_model == from_base)) {
      std::cerr << argv[i] << ": decoding the model's ids differs from decoding the base ids ("
                << model_error << " / " << base_error << ")\n";
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "miditok_trained_ids: " << e.what() << '\n';
    return 1;
  }
}
