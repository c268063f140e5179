// MuMIDI: forced configuration, sub-vocabularies, token-type graph and the ragged compound rows
// built straight from the preprocessed score, as MidiTok's tokenizations/mumidi.py.
#include "miditok/tokenizers/mumidi.h"

#include <algorithm>
#include <string>

#include "../tokenizer/compound_helpers.h"
#include "../tokenizer/score_helpers.h"
#include "miditok/core/error.h"
#include "miditok/score/score_ops.h"

namespace miditok {

namespace {

/// Ids of "<type>_0" ... "<type>_127" in a slot (-1 where absent).
template <class Find>
std::vector<token_id_t> ids_0_127(const std::string& type, Find&& find) {
  std::vector<token_id_t> ids(128, -1);
  for (int v = 0; v < 128; ++v) ids[static_cast<std::size_t>(v)] = find(type + std::to_string(v));
  return ids;
}

}  // namespace

MuMIDI::MuMIDI(const TokenizerConfig& config) : MultiVocTokenizer("MuMIDI", config) {
  initialize();
  initialize_multi_voc();
  auto in0 = [&](const std::string& tok) { return find_sub_id(0, tok); };
  pitch_ids_ = ids_0_127("Pitch_", in0);
  drum_ids_ = ids_0_127("PitchDrum_", in0);
  program_ids_.assign(129, -1);
  for (int p = -1; p < 128; ++p)
    program_ids_[static_cast<std::size_t>(p + 1)] = in0("Program_" + std::to_string(p));
  const auto& idx = vocab_types_idx();
  if (config_.use_velocities)
    velocity_ids_ = ids_0_127(
        "Velocity_", [&](const std::string& tok) { return find_sub_id(idx.at("Velocity"), tok); });
  if (config_.using_note_duration_tokens())
    for (const auto& d : durations())  // MidiTok's ticks -> token table: the last value wins
      duration_ids_[time_token_to_ticks(d, time_division())] =
          find_sub_id(idx.at("Duration"), "Duration_" + time_tuple_str(d));
  pos_ids_ = numbered_ids(0, "Position");
  bar_enc_ids_ = numbered_ids(1, "BarPosEnc");
  pos_enc_ids_ = numbered_ids(2, "PositionPosEnc");
  bar_id_ = find_sub_id(0, "Bar_None");
  pos_enc_none_id_ = find_sub_id(2, "PositionPosEnc_None");
}

std::unique_ptr<MusicTokenizer> MuMIDI::clone() const { return std::make_unique<MuMIDI>(*this); }

void MuMIDI::tweak_config_before_creating_voc() {
  auto& c = config_;
  c.use_rests = c.use_time_signatures = false;
  disable_unsupported_compound_features();
  c.use_programs = c.one_token_stream_for_programs = true;
  c.use_pitch_intervals = true;  // as MidiTok does, although MuMIDI never emits intervals
  max_bar_embedding_ = max_bar_embedding_param();
}

std::map<std::string, std::set<std::string>> MuMIDI::create_token_types_graph() const {
  std::map<std::string, std::set<std::string>> g{
      {"Bar", {"Bar", "Position"}},
      {"Position", {"Program"}},
      {"Program", {"Pitch", "PitchDrum"}},
      {"Pitch", {"Pitch", "Program", "Bar", "Position"}},
      {"PitchDrum", {"PitchDrum", "Program", "Bar", "Position"}},
  };
  if (config_.use_chords) {
    g["Program"].insert("Chord");
    g["Chord"] = {"Pitch"};
  }
  return g;
}

std::map<std::string, std::size_t> MuMIDI::create_vocab_types_idx() const {
  // Slot indexes counted from the start (MidiTok counts Tempo, Velocity and Duration from the end
  // of a note row: the Python class reports its negative indexes).
  std::map<std::string, std::size_t> idx{{"Pitch", 0},         {"PitchDrum", 0}, {"Position", 0},
                                         {"Bar", 0},           {"Program", 0},   {"BarPosEnc", 1},
                                         {"PositionPosEnc", 2}};
  std::size_t next = 3;
  if (config_.use_chords) idx["Chord"] = 0;
  if (config_.use_tempos) idx["Tempo"] = next++;
  if (config_.use_velocities) idx["Velocity"] = next++;
  if (config_.using_note_duration_tokens()) idx["Duration"] = next;
  return idx;
}

std::vector<std::vector<std::string>> MuMIDI::create_sub_vocabularies() const {
  std::vector<std::vector<std::string>> v(3);
  for (int p = config_.pitch_range.first; p <= config_.pitch_range.second; ++p)
    v[0].push_back("Pitch_" + std::to_string(p));
  for (int p = config_.drums_pitch_range.first; p <= config_.drums_pitch_range.second; ++p)
    v[0].push_back("PitchDrum_" + std::to_string(p));
  v[0].emplace_back("Bar_None");
  int max_beats = 0;
  for (const auto& ts : time_signatures()) max_beats = std::max(max_beats, ts.first);
  const int num_positions = config_.max_num_pos_per_beat() * max_beats;
  for (int i = 0; i < num_positions; ++i) v[0].push_back("Position_" + std::to_string(i));
  for (int p : config_.programs) v[0].push_back("Program_" + std::to_string(p));
  for (int i = 0; i < max_bar_embedding_; ++i) v[1].push_back("BarPosEnc_" + std::to_string(i));
  v[2].emplace_back("PositionPosEnc_None");  // the position of Bar tokens
  for (int i = 0; i < num_positions; ++i) v[2].push_back("PositionPosEnc_" + std::to_string(i));
  if (config_.use_chords)
    for (auto& chord : create_chords_tokens()) v[0].push_back(std::move(chord));
  if (config_.use_tempos) {
    auto& tempo = v.emplace_back();
    for (double t : tempos()) tempo.push_back("Tempo_" + python_float_repr(t));
  }
  if (config_.use_velocities) {
    auto& vel = v.emplace_back();
    for (int x : velocities()) vel.push_back("Velocity_" + std::to_string(x));
  }
  if (config_.using_note_duration_tokens()) {
    auto& dur = v.emplace_back();
    for (const auto& d : durations()) dur.push_back("Duration_" + time_tuple_str(d));
  }
  return v;
}

/// A note or chord of the score: its onset, its track (program, -1 for drums) and its slot ids.
struct MuMIDI::Item {
  tick_t time = 0;
  int track = 0;
  token_id_t token = -1;  ///< slot 0: Pitch / PitchDrum / Chord
  token_id_t velocity = -1, duration = -1;
  bool note = true;
};

std::vector<MuMIDI::Item> MuMIDI::note_items(const Score& score) const {
  const auto& c = config_;
  const auto& idx = vocab_types_idx();
  std::vector<Item> items;
  TpbSections tpb;
  if (c.use_chords) tpb = detail::score_ticks_per_beat(score);
  auto missing = [&](std::size_t slot, const std::string& tok) -> token_id_t {
    return slot_id(slot, tok);  // throws TokenError naming the token
  };
  for (const auto& track : score.tracks) {
    // MidiTok tests the track's own program here, which drops drum tracks whose program number
    // is not in `programs`; a drum track is program -1, as the preprocessing tests it.
    const int program = track.is_drum ? -1 : track.program;
    if (program_ids_[static_cast<std::size_t>(program + 1)] < 0) continue;
    if (c.use_chords && !track.is_drum && !track.notes.empty())
      for (const auto& ev :
           detail::detect_chords(track.notes, tpb, c.chord_maps, program,
                                 c.chord_tokens_with_root_note, first_beat_res(), c.chord_unknown))
        items.push_back(Item{ev.time, program, slot_id(0, ev.str()), -1, -1, false});
    const auto& pitch_ids = track.is_drum ? drum_ids_ : pitch_ids_;
    for (const auto& note : track.notes) {
      Item it{note.time, program, -1, -1, -1, true};
      const auto p = static_cast<std::size_t>(static_cast<std::uint8_t>(note.pitch) & 127);
      it.token = pitch_ids[p];
      if (it.token < 0)
        missing(0, (track.is_drum ? "PitchDrum_" : "Pitch_") + std::to_string(note.pitch));
      if (c.use_velocities) {
        const auto v = static_cast<std::size_t>(static_cast<std::uint8_t>(note.velocity) & 127);
        it.velocity = velocity_ids_[v];
        if (it.velocity < 0)
          missing(idx.at("Velocity"), "Velocity_" + std::to_string(note.velocity));
      }
      if (c.using_note_duration_tokens()) {
        auto d = duration_ids_.find(note.duration);
        if (d == duration_ids_.end() || d->second < 0)
          throw TokenError("a note duration of " + std::to_string(note.duration) +
                           " ticks has no MuMIDI Duration token (preprocess the score first)");
        it.duration = d->second;
      }
      items.push_back(it);
    }
  }
  // By time then track, stable: a track's chords before its notes, notes in track order.
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return a.time != b.time ? a.time < b.time : a.track < b.track;
  });
  return items;
}

TokenizationTraits MuMIDI::describe_traits() const {
  TokenizationTraits traits = MultiVocTokenizer::describe_traits();
  traits.ragged_rows = true;
  return traits;
}

std::vector<CompoundSequence> MuMIDI::encode_compound_score(Score preprocessed) const {
  CompoundSequence out;
  out.width = num_vocabs();
  out.ticks_bars = detail::bars_ticks(preprocessed, true);
  out.ticks_beats = detail::beats_ticks(preprocessed, true);
  if (static_cast<std::size_t>(max_bar_embedding_) < out.ticks_bars.size())
    clip_inplace(preprocessed, 0, out.ticks_bars[static_cast<std::size_t>(max_bar_embedding_)]);
  const Score* score = &preprocessed;
  const auto items = note_items(*score);
  const std::size_t width = num_vocabs();
  const bool use_tempos = config_.use_tempos;
  const long long tpq = score->ticks_per_quarter, ticks_per_bar = tpq * 4;
  const double ticks_per_pos = static_cast<double>(tpq) / config_.max_num_pos_per_beat();
  if (!items.empty() && ticks_per_bar <= 0)
    throw TokenError("the score's time division (" + std::to_string(tpq) +
                     ") is too low for MuMIDI: preprocess the score first");
  auto numbered = [&](const std::vector<token_id_t>& table, std::size_t slot, const char* type,
                      long long i) {
    if (i >= 0 && static_cast<std::size_t>(i) < table.size())
      return table[static_cast<std::size_t>(i)];
    return slot_id(slot, std::string(type) + "_" + std::to_string(i));  // throws
  };
  const auto& tempos = score->tempos;
  std::size_t tempo_idx = 0;
  auto tempo_id = [&]() {
    const double qpm =
        tempos.empty() ? default_tempo() : detail::py_round2(tempos[tempo_idx].qpm());
    return slot_id(3, "Tempo_" + python_float_repr(qpm));
  };
  token_id_t tempo = use_tempos ? tempo_id() : -1;
  long long current_tick = -1, current_bar = -1, current_pos = -1;
  int current_track = -2;
  token_id_t bar_enc = -1, pos_enc = -1;
  out.ids.reserve(items.size() * width * 2);
  auto row = [&](token_id_t first, token_id_t enc1, token_id_t enc2) {
    out.ids.push_back(first);
    out.ids.push_back(enc1);
    out.ids.push_back(enc2);
    if (use_tempos) out.ids.push_back(tempo);
  };
  auto pad = [&]() {  // the absent slots up to the width
    out.ids.resize((out.ids.size() + width - 1) / width * width, CompoundSequence::kAbsentSlot);
  };
  for (const auto& item : items) {
    if (use_tempos && tempo_idx + 1 < tempos.size() && tempos[tempo_idx + 1].time <= item.time) {
      while (tempo_idx + 1 < tempos.size() && tempos[tempo_idx + 1].time <= item.time) ++tempo_idx;
      tempo = tempo_id();
    }
    if (item.time != current_tick) {
      current_tick = item.time;
      current_pos =
          static_cast<long long>(static_cast<double>(current_tick % ticks_per_bar) / ticks_per_pos);
      current_track = -2;
      const long long bar = current_tick / ticks_per_bar;
      for (; current_bar < bar; ++current_bar) {
        row(bar_id_, numbered(bar_enc_ids_, 1, "BarPosEnc", current_bar + 1), pos_enc_none_id_);
        pad();
      }
      bar_enc = numbered(bar_enc_ids_, 1, "BarPosEnc", current_bar);
      pos_enc = numbered(pos_enc_ids_, 2, "PositionPosEnc", current_pos);
      row(numbered(pos_ids_, 0, "Position", current_pos), bar_enc, pos_enc);
      pad();
    }
    if (item.track != current_track) {
      current_track = item.track;
      row(program_ids_[static_cast<std::size_t>(current_track + 1)], bar_enc, pos_enc);
      pad();
    }
    row(item.token, bar_enc, pos_enc);
    if (item.note) {
      if (config_.use_velocities) out.ids.push_back(item.velocity);
      if (config_.using_note_duration_tokens()) out.ids.push_back(item.duration);
    }
    pad();
  }
  return {std::move(out)};
}

}  // namespace miditok
