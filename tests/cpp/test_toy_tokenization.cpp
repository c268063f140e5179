// A toy tokenization that only this test registers, written against the public customization
// interface alone (traits + hooks with defaults, MusicTokenizer::register_class): it must build,
// save / load, encode and decode without any change to the library's own files.
// "Beat" tokenizes notes as Pitch Velocity Duration, with one Beat_None token per beat passed;
// its preprocessing hook snaps onsets to beats, so a preprocessed score decodes back exactly.
#include <gtest/gtest.h>

#include <charconv>
#include <string>

#include "miditok/core/error.h"
#include "miditok/tokenizer/config_warnings.h"
#include "miditok/tokenizer/music_tokenizer.h"
#include "miditok/tokenizer/training.h"

namespace miditok {
namespace {

class ToyBeats : public MusicTokenizer {
 public:
  explicit ToyBeats(const TokenizerConfig& config) : MusicTokenizer("ToyBeats", config) {
    initialize();
  }
  std::unique_ptr<MusicTokenizer> clone() const override {
    return std::make_unique<ToyBeats>(*this);
  }

  std::vector<Event> add_time_events(std::vector<Event> events, int time_division) const override {
    std::vector<Event> out;
    tick_t beat = 0;
    for (Event& e : events) {
      for (; (beat + 1) * time_division <= e.time; ++beat)
        out.push_back(Event{"Beat", "None", (beat + 1) * time_division, 0, 0});
      out.push_back(std::move(e));
    }
    return out;
  }

  Score tokens_to_score(const std::vector<std::vector<std::string_view>>& sequences,
                        const std::optional<std::vector<ProgramSpec>>& programs) const override {
    Score score;
    score.ticks_per_quarter = time_division();
    for (std::size_t s = 0; s < sequences.size(); ++s) {
      Track track;
      if (programs && s < programs->size()) {
        track.program = static_cast<std::uint8_t>((*programs)[s].first);
        track.is_drum = (*programs)[s].second;
      }
      tick_t time = 0;
      Note note;
      for (std::string_view token : sequences[s]) {
        const auto sep = token.find('_');
        const std::string_view type = token.substr(0, sep), value = token.substr(sep + 1);
        int number = 0;
        std::from_chars(value.data(), value.data() + value.size(), number);
        if (type == "Beat") {
          time += time_division();
        } else if (type == "Pitch") {
          note = Note{time, 0, static_cast<std::int8_t>(number), 100};
        } else if (type == "Velocity") {
          note.velocity = static_cast<std::int8_t>(number);
        } else if (type == "Duration") {
          note.duration = static_cast<tick_t>(tpb_tokens_to_ticks_lookup(time_division(), value));
          track.notes.push_back(note);
        }
      }
      score.tracks.push_back(std::move(track));
    }
    return score;
  }

 protected:
  TokenizationTraits describe_traits() const override {
    TokenizationTraits traits;
    traits.merge_same_program_tracks = false;  // any trait works without touching the base
    // What it forces is data: the base applies it and gives the warning.
    traits.forced = {{&TokenizerConfig::use_chords, false, "{} has no Chord tokens."}};
    traits.additional_defaults = {{"beats_per_token", "1"}};
    return traits;
  }
  std::vector<std::string> create_base_vocabulary() const override {
    std::vector<std::string> vocab{"Beat_None"};
    add_note_tokens_to_vocab_list(vocab);
    return vocab;
  }
  std::map<std::string, std::set<std::string>> create_token_types_graph() const override {
    return {{"Beat", {"Beat", "Pitch"}},
            {"Pitch", {"Velocity"}},
            {"Velocity", {"Duration"}},
            {"Duration", {"Beat", "Pitch"}}};
  }
  /// A preprocessing hook: the default step, then onsets snapped down to their beat.
  void preprocess_track_notes(std::vector<Note>& notes,
                              const NotePreprocessParams& params) const override {
    MusicTokenizer::preprocess_track_notes(notes, params);
    for (Note& n : notes) n.time -= n.time % time_division();
  }
};

TokenizerConfig toy_config() {
  TokenizerConfig c;
  c.use_time_signatures = false;
  c.use_tempos = false;
  c.use_programs = false;
  c.finalize();
  return c;
}

void register_toy() {
  MusicTokenizer::register_class("ToyBeats", [](const TokenizerConfig& c) {
    return std::unique_ptr<MusicTokenizer>(std::make_unique<ToyBeats>(c));
  });
}

Score toy_score() {
  Score s;
  s.ticks_per_quarter = 480;
  Track t;
  t.notes = {{0, 480, 60, 100}, {500, 240, 64, 80}, {1990, 960, 67, 63}};
  s.tracks.push_back(t);
  return s;
}

TEST(ToyTokenization, RegisteredByTheTestOnly) {
  register_toy();
  auto tok = MusicTokenizer::create("ToyBeats", toy_config());
  ASSERT_EQ(tok->class_name(), "ToyBeats");
  EXPECT_TRUE(tok->has_token("Beat_None"));
  EXPECT_TRUE(tok->has_token("Pitch_60"));
  EXPECT_FALSE(tok->traits().multi_vocabulary);
  EXPECT_FALSE(tok->traits().merge_same_program_tracks);
}

TEST(ToyTokenization, ItsForcedOptionsAreAppliedByTheBaseWithTheirWarning) {
  register_toy();
  TokenizerConfig c = toy_config();
  c.use_chords = true;
  ConfigWarningScope warnings;
  auto tok = MusicTokenizer::create("ToyBeats", c);
  EXPECT_FALSE(tok->config().use_chords);
  EXPECT_EQ(tok->config().additional_int("beats_per_token"), 1);
  EXPECT_EQ(warnings.take(), std::vector<std::string>{"ToyBeats has no Chord tokens."});
  auto quiet = MusicTokenizer::create("ToyBeats", toy_config());  // nothing to force: no warning
  EXPECT_TRUE(warnings.take().empty());
}

TEST(ToyTokenization, EncodesWithItsTimeEventsAndPreprocessingHook) {
  register_toy();
  auto tok = MusicTokenizer::create("ToyBeats", toy_config());
  const auto seqs = tok->encode(toy_score());
  ASSERT_EQ(seqs.size(), 1u);
  // 1990 ticks at 480 tpq are 33 at 8 tpq: snapped down to beat 4 (tick 32) by the hook.
  EXPECT_EQ(seqs[0].tokens,
            (std::vector<std::string>{"Pitch_60", "Velocity_99", "Duration_1.0.8", "Beat_None",
                                      "Pitch_64", "Velocity_79", "Duration_0.4.8", "Beat_None",
                                      "Beat_None", "Beat_None", "Pitch_67", "Velocity_63",
                                      "Duration_2.0.8"}));
  EXPECT_EQ(tok->tokens_errors(seqs[0]), 0.0);
}

TEST(ToyTokenization, DecodesAPreprocessedScoreBack) {
  register_toy();
  auto tok = MusicTokenizer::create("ToyBeats", toy_config());
  const Score pre = tok->preprocess_score(toy_score());
  const Score dec = tok->decode(tok->encode(pre, true));
  ASSERT_EQ(dec.tracks.size(), 1u);
  EXPECT_EQ(dec.tracks[0].notes, pre.tracks[0].notes);
}

TEST(ToyTokenization, SavedAndLoadedThroughTheRegistry) {
  register_toy();
  auto tok = MusicTokenizer::create("ToyBeats", toy_config());
  auto loaded = MusicTokenizer::from_json(tok->to_json());
  ASSERT_EQ(loaded->class_name(), "ToyBeats");
  EXPECT_TRUE(*loaded == *tok);
  EXPECT_EQ(loaded->encode(toy_score())[0].ids, tok->encode(toy_score())[0].ids);
}

TEST(ToyTokenization, TrainableAsAOneVocabularyTokenization) {
  register_toy();
  auto tok = MusicTokenizer::create("ToyBeats", toy_config());
  EXPECT_NO_THROW(check_trainable(*tok));
}

}  // namespace
}  // namespace miditok
