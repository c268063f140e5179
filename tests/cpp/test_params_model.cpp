// A tokenizer's own trained model: attached, written to and read from the params file (`_model`,
// `_vocab_base`), applied by encode_token_ids and expanded by decode_token_ids / decode.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "miditok/core/error.h"
#include "miditok/tokenizer/training.h"
#include "miditok/tokenizers/registry.h"
#include "miditok/tokenizers/remi.h"
#include "synthetic_seq_util.h"

namespace miditok {
namespace {

using test::synthetic;

std::unique_ptr<MusicTokenizer> trained_remi(std::vector<TokSequence>& seqs) {
  TokenizerConfig cfg;
  cfg.encode_ids_split = "bar";
  auto tok = std::make_unique<REMI>(cfg);
  for (int i = 0; i < 20; ++i) seqs.push_back(synthetic(*tok, 4, i));
  TrainingOptions o;
  o.vocab_size = tok->vocab_size() + 30;
  tok->set_model(std::make_shared<const HfTokenizer>(
      train_model(*tok, count_training_strings(*tok, training_strings(*tok, seqs)), o)));
  return tok;
}

TEST(ParamsModel, EncodeDecodeWithTheTokenizersModel) {
  std::vector<TokSequence> seqs;
  const auto tok = trained_remi(seqs);
  ASSERT_TRUE(tok->is_trained());
  EXPECT_EQ(tok->model_vocab_size(), tok->model()->vocab_size());
  auto encoded = seqs;
  tok->encode_token_ids(encoded);
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    ASSERT_TRUE(encoded[i].are_ids_encoded);
    EXPECT_LT(encoded[i].ids.size(), seqs[i].ids.size());
    TokSequence ids_only;
    ids_only.ids = encoded[i].ids;  // not flagged: ids beyond the base vocabulary tell
    tok->decode_token_ids(ids_only);
    EXPECT_EQ(ids_only.ids, seqs[i].ids);
    EXPECT_FALSE(ids_only.are_ids_encoded);
    EXPECT_EQ(ids_only.tokens.front(), tok->id_to_token(seqs[i].ids.front()));
  }
  TokSequence bad;
  bad.ids = {static_cast<token_id_t>(tok->model_vocab_size())};
  EXPECT_THROW(tok->decode_token_ids(bad), TokenError);
}

TEST(ParamsModel, ParamsFileRoundTrip) {
  register_builtin_tokenizers();
  std::vector<TokSequence> seqs;
  const auto tok = trained_remi(seqs);
  const std::string json = tok->to_json();
  const auto doc = nlohmann::ordered_json::parse(json);
  ASSERT_TRUE(doc.contains("_model") && doc.contains("_vocab_base"));
  EXPECT_EQ(doc["_vocab_base"]["PAD_None"], 0);
  EXPECT_EQ(doc["_vocab_base_byte_to_token"]["!"], "PAD_None");
  const auto loaded = MusicTokenizer::from_json(json);
  ASSERT_TRUE(loaded->is_trained());
  EXPECT_EQ(loaded->model()->to_str(), tok->model()->to_str());
  auto a = seqs, b = seqs;
  tok->encode_token_ids(a);
  loaded->encode_token_ids(b);
  for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].ids, b[i].ids);
  // Untrained: none of the trained entries.
  tok->set_model(nullptr);
  EXPECT_FALSE(nlohmann::ordered_json::parse(tok->to_json()).contains("_model"));
}

TEST(ParamsModel, VocabBaseMustMatchOrExtendTheVocabulary) {
  register_builtin_tokenizers();
  std::vector<TokSequence> seqs;
  const auto tok = trained_remi(seqs);
  auto doc = nlohmann::ordered_json::parse(tok->to_json());
  // A token MidiTok's add_to_vocab appended after the vocabulary: added at its id.
  const std::size_t n = tok->vocab_size();
  doc["_vocab_base"]["Custom_1"] = n;
  const auto extended = MusicTokenizer::from_json(doc.dump());
  ASSERT_EQ(extended->vocab_size(), n + 1);
  EXPECT_EQ(extended->token_to_id("Custom_1"), static_cast<token_id_t>(n));
  // Ids that disagree with the vocabulary the config builds: the model's ids would be wrong.
  doc["_vocab_base"]["Pitch_60"] = 0;
  EXPECT_THROW(MusicTokenizer::from_json(doc.dump()), ConfigError);
  doc["_vocab_base"]["Pitch_60"] = "x";
  EXPECT_THROW(MusicTokenizer::from_json(doc.dump()), ConfigError);
  doc["_vocab_base"].erase("Pitch_60");
  doc["_model"] = 3;
  EXPECT_THROW(MusicTokenizer::from_json(doc.dump()), ConfigError);
}

}  // namespace
}  // namespace miditok
