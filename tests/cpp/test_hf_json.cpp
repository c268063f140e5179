// HF JSON document: exact serialisation (escaping, floats, key order) and parse errors.
#include <gtest/gtest.h>

#include "miditok/core/error.h"
#include "miditok/models/hf_tokenizer.h"

namespace miditok {
namespace {

TEST(HfJson, QuoteEscapesLikeSerdeJson) {
  EXPECT_EQ(json_quote(U"a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(json_quote(U"\n\t\x01\x7f"), "\"\\n\\t\\u0001\x7f\"");
  EXPECT_EQ(json_quote(U"\u2581"), "\"\xe2\x96\x81\"");
}

TEST(HfJson, BpeRoundTrip) {
  const std::string doc =
      R"({"version":"1.0","truncation":null,"padding":null,"added_tokens":[{"id":0,"content":"!",)"
      R"("single_word":false,"lstrip":false,"rstrip":false,"normalized":false,"special":true}],)"
      R"("normalizer":null,"pre_tokenizer":{"type":"Metaspace","replacement":"▁","prepend_scheme":)"
      R"("always","split":true},"post_processor":null,"decoder":{"type":"Metaspace","replacement":)"
      R"("▁","prepend_scheme":"always","split":true},"model":{"type":"BPE","dropout":null,)"
      R"("unk_token":null,"continuing_subword_prefix":"","end_of_word_suffix":"","fuse_unk":false,)"
      R"("byte_fallback":false,"ignore_merges":false,"vocab":{"!":0,"\"":1,"▁":2,"▁\"":3},)"
      R"("merges":[["▁","\""]]}})";
  const HfTokenizer tok = HfTokenizer::from_str(doc);
  EXPECT_EQ(tok.to_str(), doc);
  // "!" is a special added token: it splits the word; each other piece gets the Metaspace
  // prefix (prepend_scheme "always").
  EXPECT_EQ(tok.encode({U"\"!\""}), (std::vector<uint32_t>{3, 0, 3}));
  EXPECT_EQ(tok.decode_to_base_ids({3, 0, 3}), (std::vector<int32_t>{1, 0, 1}));
  EXPECT_TRUE(tok.encode({U""}).empty());
}

TEST(HfJson, UnigramFloatsAsSerde) {
  const std::string doc =
      R"({"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":null,)"
      R"("pre_tokenizer":null,"post_processor":null,"decoder":null,"model":{"type":"Unigram",)"
      R"("unk_id":0,"vocab":[["a",0.0],["b",-1.5],["c",1e-6],["d",0.00001],["e",1e+16],)"
      R"(["f",1000000000000000.0],["g",-2.5649493574615368e+20]],"byte_fallback":false}})";
  EXPECT_EQ(HfTokenizer::from_str(doc).to_str(), doc);
}

TEST(HfJson, BadDocumentsAreConfigErrors) {
  EXPECT_THROW(HfTokenizer::from_str("{"), ConfigError);
  EXPECT_THROW(HfTokenizer::from_str(R"({"model":{"type":"Foo"}})"), ConfigError);
  EXPECT_THROW(HfTokenizer::from_str(R"({"model":{"type":"BPE","vocab":{"a":3},"merges":[]}})"),
               ConfigError);
  EXPECT_THROW(
      HfTokenizer::from_str(R"({"normalizer":{"type":"NFC"},"model":{"type":"BPE","vocab":{}}})"),
      ConfigError);
}

}  // namespace
}  // namespace miditok
