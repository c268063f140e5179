// TokenizerConfig: defaults, validation messages, JSON round trip, CPython set order.
#include <gtest/gtest.h>

#include "miditok/core/error.h"
#include "miditok/tokenizer/config.h"

namespace miditok {
namespace {

TEST(Config, DefaultsMatchMidiTok) {
  TokenizerConfig c;
  c.finalize();
  EXPECT_EQ(c.pitch_range, (std::pair<int, int>{21, 109}));
  EXPECT_EQ(c.max_num_pos_per_beat(), 8);
  EXPECT_EQ(c.special_tokens,
            (std::vector<std::string>{"PAD_None", "BOS_None", "EOS_None", "MASK_None"}));
  EXPECT_TRUE(c.use_time_signatures);
  EXPECT_FALSE(c.one_token_stream_for_programs);  // needs use_programs
  ASSERT_EQ(c.programs.size(), 129u);
  EXPECT_EQ(c.programs.front(), 0);
  EXPECT_EQ(c.programs.back(), -1);
  EXPECT_EQ(c.chord_maps.size(), 14u);
}

TEST(Config, PythonSetOrder) {
  EXPECT_EQ(python_set_order({0, 1, -1, 24, -5, 100}), (std::vector<int>{0, 1, 100, 24, -5, -1}));
  EXPECT_EQ(python_set_order({3, 3, 1}), (std::vector<int>{1, 3}));
}

TEST(Config, PythonFloatRepr) {
  EXPECT_EQ(python_float_repr(40.0), "40.0");
  EXPECT_EQ(python_float_repr(46.77), "46.77");
  EXPECT_EQ(python_float_repr(1e-5), "1e-05");
  EXPECT_EQ(python_float_repr(1e16), "1e+16");
  EXPECT_EQ(python_float_repr(-0.5), "-0.5");
}

TEST(Config, SpecialTokensNormalised) {
  EXPECT_EQ(format_special_token("PAD"), "PAD_None");
  EXPECT_EQ(format_special_token("Genre_rock"), "Genre_rock");
  EXPECT_EQ(format_special_token("A_B_C"), "A-B_C");
  TokenizerConfig c;
  c.special_tokens = {"BOS", "BOS_None", "EOS"};
  c.finalize();
  EXPECT_EQ(c.special_tokens, (std::vector<std::string>{"BOS_None", "EOS_None", "PAD_None"}));
}

TEST(Config, ValidationNamesTheParameter) {
  auto expect_error = [](auto mutate, const std::string& name) {
    TokenizerConfig c;
    mutate(c);
    try {
      c.finalize();
      FAIL() << "no ConfigError for " << name;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
  };
  expect_error([](TokenizerConfig& c) { c.pitch_range = {60, 20}; }, "pitch_range");
  expect_error([](TokenizerConfig& c) { c.num_velocities = 0; }, "num_velocities");
  expect_error(
      [](TokenizerConfig& c) {
        c.time_signature_range = {{6, {3}}};
      },
      "time_signature_range");
  expect_error([](TokenizerConfig& c) { c.encode_ids_split = "x"; }, "encode_ids_split");
  expect_error(
      [](TokenizerConfig& c) {
        c.use_rests = true;
        c.beat_res_rest = {{0, 1, 32}};
      },
      "beat_res_rest");
}

TEST(Config, EffectiveFlags) {
  TokenizerConfig c;
  c.program_changes = true;
  c.use_rests = true;
  c.use_note_duration_programs = {0};
  c.sustain_pedal_duration = true;
  c.finalize();
  EXPECT_FALSE(c.program_changes);
  EXPECT_FALSE(c.use_rests);
  EXPECT_FALSE(c.sustain_pedal_duration);
}

TEST(Config, JsonRoundTripAndLegacyKeys) {
  TokenizerConfig c;
  c.use_programs = true;
  c.use_tempos = true;
  c.chord_unknown = std::pair<int, int>{3, 6};
  c.set_additional("max_bar_embedding", "12");
  c.finalize();
  auto back = TokenizerConfig::from_json(c.to_json());
  EXPECT_EQ(back, c);
  EXPECT_EQ(back.additional_int("max_bar_embedding"), 12);
  auto legacy = TokenizerConfig::from_json(R"({"nb_velocities": 8, "nb_tempos": 5, "foo": 1})");
  EXPECT_EQ(legacy.num_velocities, 8);
  EXPECT_EQ(legacy.num_tempos, 5);
  EXPECT_TRUE(legacy.has_additional("foo"));
  EXPECT_FALSE(legacy.has_additional("nb_velocities"));
  EXPECT_THROW(TokenizerConfig::from_json("{"), ConfigError);
  EXPECT_THROW(TokenizerConfig::from_json(R"({"pitch_range": "x"})"), ConfigError);
  EXPECT_THROW(TokenizerConfig::from_json(R"({"beat_res": {"a_b": 4}})"), ConfigError);
  // Numbers outside int's range (a float cast to int unchecked is undefined; found by fuzz_params)
  EXPECT_THROW(TokenizerConfig::from_json(R"({"beat_res": {"0_4": 9e36}})"), ConfigError);
  EXPECT_THROW(TokenizerConfig::from_json(R"({"beat_res": {"0_4": 4294967300}})"), ConfigError);
  EXPECT_THROW(TokenizerConfig::from_json(R"({"pitch_range": [21, 1e300]})"), ConfigError);
  EXPECT_EQ(TokenizerConfig::from_json(R"({"beat_res": {"0_4": 8.0}})").beat_res[0].res, 8);
}

TEST(Config, OptionTableDrivesJsonAndChecks) {
  // Every option of the table is written, in the table's order, then additional_params.
  const auto& options = config_options();
  ASSERT_EQ(options.size(), 55u);
  const std::string json = TokenizerConfig().to_json();
  std::size_t at = 0;
  for (const auto& o : options) {
    const auto found = json.find("\"" + o.name + "\":", at);
    ASSERT_NE(found, std::string::npos) << o.name;
    at = found;
  }
  EXPECT_NE(json.find("\"additional_params\":", at), std::string::npos);
  // The table's checks run in finalize().
  TokenizerConfig c;
  c.encode_ids_split = "word";
  EXPECT_THROW(c.finalize(), ConfigError);
  // The core's channel from Python: an unknown key is an error, not an additional param.
  EXPECT_THROW(TokenizerConfig::from_exact_json(R"({"not_an_option": 1})"), ConfigError);
  EXPECT_FALSE(TokenizerConfig::from_json(R"({"not_an_option": 1})").additional_params.empty());
  EXPECT_EQ(TokenizerConfig::from_exact_json(TokenizerConfig().to_json()).to_json(),
            TokenizerConfig::from_json(TokenizerConfig().to_json()).to_json());
}

TEST(Config, WarningsOfMidiToksConstructor) {
  TokenizerConfig c;
  c.special_tokens = {"PAD", "BOS", "BOS_None"};
  c.use_rests = true;
  c.use_note_duration_programs = {0};
  c.set_additional("nb_tempos", "5");
  const auto warnings = c.finalize();
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_NE(warnings[0].find("BOS_None is present twice"), std::string::npos);
  EXPECT_NE(warnings[1].find("Disabling rests tokens"), std::string::npos);
  EXPECT_NE(warnings[2].find("nb_tempos has been renamed num_tempos"), std::string::npos);
  EXPECT_FALSE(c.use_rests);
  EXPECT_EQ(c.num_tempos, 5);
}

TEST(Config, AttributeControlsAreTheConfigs) {
  TokenizerConfig c;
  EXPECT_FALSE(c.any_attribute_control());
  c.ac_repetition_track = true;
  c.ac_polyphony_max = 9;
  EXPECT_TRUE(c.any_attribute_control());
  const AttributeControlOptions& ac = c;
  EXPECT_EQ(ac.ac_polyphony_max, 9);
  c.disable_attribute_controls();
  EXPECT_FALSE(c.any_attribute_control());
  EXPECT_EQ(c.ac_polyphony_max, 9);  // the parameters stay, the switches go off
}

}  // namespace
}  // namespace miditok
