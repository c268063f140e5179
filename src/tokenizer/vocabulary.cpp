// The shared parts of the base vocabularies: note tokens and every additional token type, in
// MidiTok's order (midi_tokenizer.py _add_note_tokens_to_vocab_list and
// _add_additional_tokens_to_vocab_list); the attribute controls and their tokens, appended after
// the base vocabulary (MidiTok's _initialize_attribute_controls / add_attribute_control).
#include <mutex>
#include <set>

#include "miditok/core/error.h"
#include "miditok/tokenizer/config_warnings.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

namespace {
const char* const kPitchClasses[] = {"C",  "C#", "D",  "D#", "E",  "F",
                                     "F#", "G",  "G#", "A",  "A#", "B"};

// Event types are string_views: attribute-control types are interned once, for the program's life.
std::string_view intern_token_type(std::string_view type) {
  static std::mutex mutex;
  static std::set<std::string, std::less<>> pool;
  const std::lock_guard<std::mutex> lock(mutex);
  auto it = pool.find(type);
  if (it == pool.end()) it = pool.emplace(type).first;
  return *it;
}
}  // namespace

void MusicTokenizer::initialize_attribute_controls() {
  attribute_controls_.clear();
  ac_tokens_.clear();
  // MidiTok warns and disables them in one-stream mode (and for multi-vocabulary tokenizers,
  // whose traits turn the ac_* flags off).
  if (config_.one_token_stream_for_programs) {
    if (config_.any_attribute_control())
      config_warning(
          "Attribute controls are not compatible with 'config.one_token_stream_for_programs' and "
          "multi-vocabulary tokenizers. Disabling them from the config.");
    config_.disable_attribute_controls();
    return;
  }
  AttributeControlsParams p;
  static_cast<AttributeControlOptions&>(p) = config_;
  p.pitch_range = config_.pitch_range;
  for (auto& ac : create_attribute_controls(p)) add_attribute_control(std::move(ac));
}

void MusicTokenizer::add_attribute_control(AttributeControlPtr attribute_control) {
  if (!attribute_control) throw ConfigError("add_attribute_control: null attribute control");
  for (const std::string& token : attribute_control->tokens()) {
    if (!has_token(token)) add_to_vocab(token);
    const std::string_view type = std::string_view(token).substr(0, token.find('_'));
    ac_tokens_[token] = {intern_token_type(type), find_id(token)};
  }
  attribute_controls_.push_back(std::move(attribute_control));
}

void MusicTokenizer::add_note_tokens_to_vocab_list(std::vector<std::string>& vocab) const {
  const auto [lo, hi] = config_.pitch_range;
  if (note_on_off_) {
    for (int p = lo; p <= hi; ++p) vocab.push_back("NoteOn_" + std::to_string(p));
    if (!config_.use_note_duration_programs.empty())
      for (int p = lo; p <= hi; ++p) vocab.push_back("NoteOff_" + std::to_string(p));
  } else {
    for (int p = lo; p <= hi; ++p) vocab.push_back("Pitch_" + std::to_string(p));
  }
  if (config_.use_velocities)
    for (int v : velocities_) vocab.push_back("Velocity_" + std::to_string(v));
  if ((!note_on_off_ && config_.using_note_duration_tokens()) || config_.sustain_pedal_duration)
    for (const auto& d : durations_) vocab.push_back("Duration_" + time_tuple_str(d));
}

void MusicTokenizer::add_additional_tokens_to_vocab_list(std::vector<std::string>& vocab) const {
  if (config_.use_pitch_intervals)
    for (const char* type : {"PitchIntervalTime", "PitchIntervalChord"})
      for (int p = -config_.max_pitch_interval; p <= config_.max_pitch_interval; ++p)
        vocab.push_back(std::string(type) + "_" + std::to_string(p));
  if (config_.use_pitchdrum_tokens) {
    const auto [lo, hi] = config_.drums_pitch_range;
    const std::string name = note_on_off_ ? "DrumOn_" : "PitchDrum_";
    for (int p = lo; p <= hi; ++p) vocab.push_back(name + std::to_string(p));
    if (note_on_off_)
      for (int p = lo; p <= hi; ++p) vocab.push_back("DrumOff_" + std::to_string(p));
  }
  if (config_.use_chords) {
    auto chords = create_chords_tokens();
    vocab.insert(vocab.end(), chords.begin(), chords.end());
  }
  if (config_.use_rests)
    for (const auto& r : rests_) vocab.push_back("Rest_" + time_tuple_str(r));
  if (config_.use_tempos)
    for (double t : tempos_) vocab.push_back("Tempo_" + python_float_repr(t));
  if (config_.use_programs)
    for (int p : config_.programs) vocab.push_back("Program_" + std::to_string(p));
  if (config_.use_time_signatures)
    for (const auto& [num, den] : time_signatures_)
      vocab.push_back("TimeSig_" + std::to_string(num) + "/" + std::to_string(den));
  if (config_.use_key_signatures)
    for (int key = -7; key < 8; ++key)
      for (int tonality : {0, 1})
        vocab.push_back("KeySig_" + std::to_string(key) + ":" + std::to_string(tonality));
  if (config_.use_sustain_pedals) {
    if (config_.use_programs) {
      for (int p : config_.programs) vocab.push_back("Pedal_" + std::to_string(p));
      if (!config_.sustain_pedal_duration)
        for (int p : config_.programs) vocab.push_back("PedalOff_" + std::to_string(p));
    } else {
      vocab.emplace_back("Pedal_0");
      if (!config_.sustain_pedal_duration) vocab.emplace_back("PedalOff_0");
    }
  }
  if (config_.use_pitch_bends)
    for (int pb : pitch_bends_) vocab.push_back("PitchBend_" + std::to_string(pb));
  if (config_.use_control_changes)
    for (const auto& [number, values] : cc_values_)
      for (int v : values)
        vocab.push_back("ControlChange_" + std::to_string(number) + "-" + std::to_string(v));
}

std::vector<std::string> MusicTokenizer::create_chords_tokens() const {
  std::vector<std::string> tokens;
  if (config_.chord_tokens_with_root_note) {
    for (const auto& [quality, m] : config_.chord_maps)
      for (const char* root : kPitchClasses)
        tokens.push_back("Chord_" + std::string(root) + ":" + quality);
  } else {
    for (const auto& [quality, m] : config_.chord_maps) tokens.push_back("Chord_" + quality);
  }
  if (config_.chord_unknown) {
    const auto [lo, hi] = *config_.chord_unknown;
    if (config_.chord_tokens_with_root_note) {
      for (int i = lo; i < hi; ++i)
        for (const char* root : kPitchClasses)
          tokens.push_back("Chord_" + std::string(root) + ":ukn" + std::to_string(i));
    } else {
      for (int i = lo; i < hi; ++i) tokens.push_back("Chord_" + std::to_string(i));
    }
  }
  return tokens;
}

}  // namespace miditok
