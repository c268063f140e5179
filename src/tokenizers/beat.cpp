// BEAT: forced configuration, vocabulary, token-type graph and preprocessing (notes re-rounded
// at both ends and cut at the next onset of their pitch, tempos and key signatures moved to the
// next bar line), as MidiTok's tokenizations/beat.py. Encoding is in beat_encode.cpp, decoding
// and error counting in beat_decode.cpp.
#include "miditok/tokenizers/beat.h"

#include <algorithm>
#include <string>

#include "miditok/core/error.h"
#include "miditok/preprocess/notes.h"
#include "miditok/preprocess/pipeline.h"
#include "miditok/preprocess/time_grid.h"

namespace miditok {

namespace {

/// BEAT's _preprocess_notes: endpoints re-rounded in their own sections (several denominators),
/// the base steps without time or duration changes, then the same-pitch overlaps cut at the next
/// onset and the notes left without duration removed.
void preprocess_beat_notes(std::vector<Note>& notes, const NotePreprocessParams& params) {
  if (!params.resampling_factors.empty())
    adjust_onsets_offsets(std::span<Note>(notes), params.resampling_factors, params.min_duration);
  NotePreprocessParams base = params;
  base.resampling_factors = {};
  base.ticks_per_beat = {};
  base.duration_bins = nullptr;
  preprocess_notes(notes, base);
  std::stable_sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) {
    return std::tie(a.time, a.pitch, a.duration) < std::tie(b.time, b.pitch, b.duration);
  });
  fix_offsets_overlapping_notes(notes);
  std::erase_if(notes, [](const Note& n) { return n.duration <= 0; });
}

/// BEAT's _preprocess_global_events: every tempo and key signature moves to the first bar line
/// at or after it (the bars of the score plus the one following them).
void move_globals_to_bars(Score& score, bool tempos, bool keys) {
  if (!(tempos && !score.tempos.empty()) && !(keys && !score.key_signatures.empty())) return;
  std::vector<tick_t> bars = get_bars_ticks(score);
  const TimeSignature* last = nullptr;
  for (const auto& ts : score.time_signatures)
    if (ts.time <= bars.back()) last = &ts;
  const TimeSignature four_four{0, 4, 4};
  tick_t bar_ticks = compute_ticks_per_bar(last ? *last : four_four, score.ticks_per_quarter);
  bars.push_back(bars.back() + bar_ticks);
  // Past the last bar MidiTok fails (IndexError); such events stay on that last bar here.
  const auto to_bar = [&bars](tick_t t) {
    auto it = std::lower_bound(bars.begin(), bars.end(), t);
    return it == bars.end() ? bars.back() : *it;
  };
  if (tempos)
    for (Tempo& t : score.tempos) t.time = to_bar(t.time);
  if (keys)
    for (KeySignature& k : score.key_signatures) k.time = to_bar(k.time);
}

}  // namespace

BEAT::BEAT(const TokenizerConfig& config) : MusicTokenizer("BEAT", config) {
  initialize();
  build_id_tables();
}

std::unique_ptr<MusicTokenizer> BEAT::clone() const { return std::make_unique<BEAT>(*this); }

TokenizationTraits BEAT::describe_traits() const {
  TokenizationTraits traits;
  traits.forced = {
      {&TokenizerConfig::use_programs, true},
      {&TokenizerConfig::use_time_signatures, true},
      {&TokenizerConfig::one_token_stream_for_programs, true},
      {&TokenizerConfig::use_rests, false},
      {&TokenizerConfig::use_pitch_intervals, false},
      {&TokenizerConfig::use_chords, false},
      {&TokenizerConfig::use_sustain_pedals, false},
      {&TokenizerConfig::sustain_pedal_duration, false},
      {&TokenizerConfig::use_control_changes, false},
      {&TokenizerConfig::use_pitch_bends, false},
  };
  traits.attribute_controls = false;
  traits.duration_programs = DurationPrograms::all;
  traits.beat_res = {{0, 1, 4}};
  traits.merge_same_program_tracks = false;
  return traits;
}

std::vector<std::string> BEAT::create_base_vocabulary() const {
  std::vector<std::string> vocab{"Bar_None", "Beat_None", "Rest_None"};
  for (int p = 0; p < 128; ++p) vocab.push_back("Pitch_" + std::to_string(p));
  for (int p = 0; p < 81; ++p) vocab.push_back("Pattern_" + std::to_string(p));
  if (config_.use_velocities)
    for (int v : velocities()) vocab.push_back("Velocity_" + std::to_string(v));
  add_additional_tokens_to_vocab_list(vocab);
  return vocab;
}

std::map<std::string, std::set<std::string>> BEAT::create_token_types_graph() const {
  const auto& c = config_;
  std::set<std::string> pitches{"Pitch"};
  if (c.use_pitchdrum_tokens) pitches.insert("PitchDrum");
  std::set<std::string> next_group{"Beat", "Bar", "Program"};
  next_group.insert(pitches.begin(), pitches.end());
  std::set<std::string> program_next{"Rest"};
  program_next.insert(pitches.begin(), pitches.end());
  std::map<std::string, std::set<std::string>> graph{
      {"Bar", {"Beat"}},
      {"Beat", {"Rest", "Program"}},
      {"Program", program_next},
      {"Rest", {"Beat", "Bar", "Program"}},
      {"Pattern", c.use_velocities ? std::set<std::string>{"Velocity"} : next_group},
  };
  for (const auto& p : pitches) graph[p] = {"Pattern"};
  if (c.use_velocities) graph["Velocity"] = next_group;
  std::vector<std::string> globals;
  if (c.use_time_signatures) globals.emplace_back("TimeSig");
  if (c.use_tempos) globals.emplace_back("Tempo");
  if (c.use_key_signatures) globals.emplace_back("KeySig");
  graph["Bar"].insert(globals.begin(), globals.end());
  for (std::size_t i = 0; i < globals.size(); ++i) {
    std::set<std::string> next{"Beat"};
    next.insert(globals.begin() + static_cast<std::ptrdiff_t>(i), globals.end());
    graph[globals[i]] = std::move(next);
  }
  return graph;
}

void BEAT::preprocess_track_notes(std::vector<Note>& notes,
                                  const NotePreprocessParams& params) const {
  preprocess_beat_notes(notes, params);
}

void BEAT::preprocess_global_events(Score& score, const ScorePreprocessParams& params,
                                    std::span<const TickSection> factors) const {
  (void)factors;  // on bar lines, the globals need no re-rounding
  move_globals_to_bars(score, config_.use_tempos, config_.use_key_signatures);
  MusicTokenizer::preprocess_global_events(score, params, {});
}

void BEAT::build_id_tables() {
  for (int p = 0; p < 128; ++p) {
    pitch_id_[static_cast<std::size_t>(p)] = find_id("Pitch_" + std::to_string(p));
    pitchdrum_id_[static_cast<std::size_t>(p)] = find_id("PitchDrum_" + std::to_string(p));
  }
  for (int p = 0; p < 81; ++p)
    pattern_id_[static_cast<std::size_t>(p)] = find_id("Pattern_" + std::to_string(p));
  for (int p = -1; p < 128; ++p)
    program_id_[static_cast<std::size_t>(p + 1)] = find_id("Program_" + std::to_string(p));
  velocity_id_.clear();
  for (int v : velocities()) velocity_id_.emplace_back(v, find_id("Velocity_" + std::to_string(v)));
  bar_id_ = find_id("Bar_None");
  beat_id_ = find_id("Beat_None");
  rest_id_ = find_id("Rest_None");
}

token_id_t BEAT::required_id(token_id_t id, std::string_view type, long long value) const {
  if (id >= 0) return id;
  throw TokenError("unknown token \"" + std::string(type) + "_" + std::to_string(value) +
                   "\": not in the BEAT vocabulary (the score must be preprocessed)");
}

}  // namespace miditok
