// Decoding workflow of MusicTokenizer: sequences (tokens, base ids or a trained model's ids) to
// base ids checked against the vocabulary, then ids_to_score (hook), then MidiTok's pedal
// controls and default tempo / time signature. Also the decode table of the vocabulary
// (id_table.h) the id decoders read.
#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>
#include <utility>

#include "decode_helpers.h"
#include "id_table.h"
#include "miditok/core/error.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

namespace detail {

TokType tok_type_of(std::string_view type) {
  static const std::pair<std::string_view, TokType> kTypes[] = {
      {"Bar", TokType::kBar},
      {"Position", TokType::kPosition},
      {"Pitch", TokType::kPitch},
      {"PitchDrum", TokType::kPitchDrum},
      {"PitchIntervalTime", TokType::kPitchIntervalTime},
      {"PitchIntervalChord", TokType::kPitchIntervalChord},
      {"Velocity", TokType::kVelocity},
      {"Duration", TokType::kDuration},
      {"Rest", TokType::kRest},
      {"TimeShift", TokType::kTimeShift},
      {"TimeSig", TokType::kTimeSig},
      {"Program", TokType::kProgram},
      {"Tempo", TokType::kTempo},
      {"KeySig", TokType::kKeySig},
      {"Pedal", TokType::kPedal},
      {"PedalOff", TokType::kPedalOff},
      {"PitchBend", TokType::kPitchBend},
      {"ControlChange", TokType::kControlChange},
      {"NoteOn", TokType::kNoteOn},
      {"NoteOff", TokType::kNoteOff},
      {"DrumOn", TokType::kDrumOn},
      {"DrumOff", TokType::kDrumOff},
      {"Chord", TokType::kChord},
      {"MicroTiming", TokType::kMicroTiming},
      {"Beat", TokType::kBeat},
      {"Pattern", TokType::kPattern},
  };
  for (const auto& [name, t] : kTypes)
    if (name == type) return t;
  return TokType::kOther;
}

}  // namespace detail

std::shared_ptr<const detail::IdTable> MusicTokenizer::id_table() const {
  return id_table_cache_.get(id_to_token_.size(), [this] {
    return make_id_table(std::vector<std::string_view>(id_to_token_.begin(), id_to_token_.end()));
  });
}

std::shared_ptr<const detail::IdTable> MusicTokenizer::make_id_table(
    const std::vector<std::string_view>& tokens) const {
  auto table = std::make_shared<detail::IdTable>();
  const std::size_t n = tokens.size();
  table->info.resize(n + 1);
  table->types.resize(n + 1);
  table->values.resize(n + 1);
  table->beat_ticks.assign(n + 1, detail::IdTable::kNotBeatTicks);
  for (std::size_t i = 0; i < n; ++i) {
    auto [type, val] = detail::split_token(tokens[i]);
    auto& e = table->info[i];
    e.type = detail::tok_type_of(type);
    long long v = 0;
    e.has_int = detail::parse_int(val, v);
    e.value = e.has_int ? v : 0;
    e.none = val == "None";
    table->types[i] = type;
    table->values[i] = val;
    long long beat_ticks = 0;
    if (detail::parse_beat_ticks(val, beat_ticks)) table->beat_ticks[i] = beat_ticks;
  }
  std::set<int> tpbs;
  for (const auto& [tpb, m] : tpb_tokens_to_ticks_) tpbs.insert(tpb);
  for (const auto& [tpb, m] : tpb_rests_to_ticks_) tpbs.insert(tpb);
  for (int tpb : tpbs) {
    detail::IdTicks& t = table->ticks[tpb];
    t.duration.assign(n + 1, -1);
    t.rest.assign(n + 1, -1);
    for (std::size_t i = 0; i < n; ++i) {
      if (table->values[i].empty()) continue;
      t.duration[i] = tpb_tokens_to_ticks_lookup(tpb, table->values[i]);
      t.rest[i] = tpb_rests_to_ticks_lookup(tpb, table->values[i]);
    }
  }
  return table;
}

std::vector<std::vector<token_id_t>> MusicTokenizer::ids_of_views(
    const std::vector<std::vector<std::string_view>>& sequences,
    const detail::IdTable& table) const {
  std::vector<std::vector<token_id_t>> out(sequences.size());
  for (std::size_t i = 0; i < sequences.size(); ++i) {
    out[i].reserve(sequences[i].size());
    for (auto tok : sequences[i]) {
      const token_id_t id = find_id(tok);
      out[i].push_back(id < 0 ? table.unknown() : id);
    }
  }
  return out;
}

namespace {
// The tokenizer whose base ids_to_score runs on this thread: when the base's tokens_to_score is
// then called on that same tokenizer, it overrides neither, and the two defaults would call each
// other forever. (MMM's fallback reaches its base tokenizer's default: another object, fine.)
thread_local const MusicTokenizer* in_default_ids_to_score = nullptr;
}  // namespace

Score MusicTokenizer::ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                                   const std::optional<std::vector<ProgramSpec>>& programs) const {
  std::vector<std::vector<std::string_view>> toks(sequences.size());
  for (std::size_t i = 0; i < sequences.size(); ++i) {
    toks[i].reserve(sequences[i].size());
    for (auto id : sequences[i]) toks[i].emplace_back(id_to_token_[static_cast<std::size_t>(id)]);
  }
  const MusicTokenizer* outer = std::exchange(in_default_ids_to_score, this);
  try {
    Score score = tokens_to_score(toks, programs);
    in_default_ids_to_score = outer;
    return score;
  } catch (...) {
    in_default_ids_to_score = outer;
    throw;
  }
}

Score MusicTokenizer::tokens_to_score(
    const std::vector<std::vector<std::string_view>>& sequences,
    const std::optional<std::vector<ProgramSpec>>& programs) const {
  if (in_default_ids_to_score == this)
    throw std::logic_error(class_name() + " overrides neither ids_to_score nor tokens_to_score");
  const auto ids = ids_of_views(sequences, *id_table());
  return ids_to_score(std::vector<std::span<const token_id_t>>(ids.begin(), ids.end()), programs);
}

Score MusicTokenizer::decode(std::vector<TokSequence> sequences,
                             const std::optional<std::vector<ProgramSpec>>& programs) const {
  // sequences given as tokens become ids here; ids are checked in the vocabulary
  std::vector<std::vector<token_id_t>> from_tokens(sequences.size());
  std::vector<std::span<const token_id_t>> ids;
  ids.reserve(sequences.size());
  const auto n = static_cast<token_id_t>(id_to_token_.size());
  for (std::size_t si = 0; si < sequences.size(); ++si) {
    auto& s = sequences[si];
    if (s.tokens.empty()) decode_token_ids(s);
    if (s.tokens.empty()) {
      for (auto id : s.ids)
        if (id < 0 || id >= n) (void)id_to_token(id);  // throws TokenError naming the id
      ids.emplace_back(s.ids);
      continue;
    }
    auto& own = from_tokens[si];
    own.reserve(s.tokens.size());
    for (const auto& t : s.tokens) {
      const token_id_t id = find_id(t);
      if (id < 0)
        throw TokenError("unknown token \"" + t + "\": not in the " + class_name_ + " vocabulary");
      own.push_back(id);
    }
    ids.emplace_back(own);
  }
  if (config_.one_token_stream_for_programs && ids.size() != 1)
    throw TokenError("this tokenizer decodes one token sequence (one_token_stream), received " +
                     std::to_string(ids.size()));
  if (programs && !config_.one_token_stream_for_programs && programs->size() < ids.size())
    throw TokenError("decode: " + std::to_string(ids.size()) + " sequences but only " +
                     std::to_string(programs->size()) + " programs");
  Score score = ids_to_score(ids, programs);
  if (config_.use_sustain_pedals)
    for (auto& t : score.tracks) {
      for (const auto& p : t.pedals) {
        t.controls.push_back(ControlChange{p.time, 64, 127});
        t.controls.push_back(ControlChange{p.end(), 64, 0});
      }
      if (!t.pedals.empty())
        std::stable_sort(
            t.controls.begin(), t.controls.end(),
            [](const ControlChange& a, const ControlChange& b) { return a.time < b.time; });
    }
  if (score.tempos.empty() || score.tempos[0].time != 0)
    score.tempos.insert(
        score.tempos.begin(),
        Tempo{0, static_cast<std::int32_t>(std::round(60000000.0 / default_tempo_))});
  if (score.time_signatures.empty() || score.time_signatures[0].time != 0)
    score.time_signatures.insert(score.time_signatures.begin(), TimeSignature{0, 4, 4});
  return score;
}

}  // namespace miditok
