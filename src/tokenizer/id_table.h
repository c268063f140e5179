// The decode table of a vocabulary (private to src/): per id, the token's type as a small enum,
// its integer value when it has one, its type and value strings (views into the vocabulary), and
// per ticks-per-beat the ticks of Duration / TimeShift and Rest values. Built once per vocabulary
// (MusicTokenizer::id_table(), MultiVocTokenizer::sub_id_tables() for each sub-vocabulary); id
// decoders read it instead of splitting and parsing strings.
#pragma once

#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok::detail {

/// The token types the decoders branch on; kOther is any other (or unknown) token.
enum class TokType : std::uint8_t {
  kOther,
  kBar,
  kPosition,
  kPitch,
  kPitchDrum,
  kPitchIntervalTime,
  kPitchIntervalChord,
  kVelocity,
  kDuration,
  kRest,
  kTimeShift,
  kTimeSig,
  kProgram,
  kTempo,
  kKeySig,
  kPedal,
  kPedalOff,
  kPitchBend,
  kControlChange,
  kNoteOn,
  kNoteOff,
  kDrumOn,
  kDrumOff,
  kChord,
  kMicroTiming,
  kBeat,
  kPattern,
};

/// What the decoders read of one id.
struct IdInfo {
  std::int64_t value = 0;  ///< the value as an integer (has_int)
  TokType type = TokType::kOther;
  bool has_int = false;  ///< the whole value parses as an integer
  bool none = false;     ///< the value is "None" (padding, special tokens, Ignore)
};

/// Per-ticks-per-beat ticks of the time values, indexed by id (-1: not such a value).
struct IdTicks {
  std::vector<std::int64_t> duration;  ///< Duration / TimeShift values (tpb_tokens_to_ticks)
  std::vector<std::int64_t> rest;      ///< Rest values (tpb_rests_to_ticks)
};

/// The decode table of one vocabulary. Ids 0..size()-2 are the vocabulary's; the last one stands
/// for a token the vocabulary does not hold (type kOther, empty strings).
struct IdTable {
  std::vector<IdInfo> info;
  std::vector<std::string_view> types;   ///< "Pitch" of "Pitch_60"
  std::vector<std::string_view> values;  ///< "60" of "Pitch_60"
  std::map<int, IdTicks> ticks;          ///< per ticks per beat
  /// A "beat.ticks.res" value as beat * res + ticks (PerTok's TimeShift / Duration in ticks),
  /// kNotBeatTicks when the value has not that form.
  std::vector<std::int64_t> beat_ticks;
  static constexpr std::int64_t kNotBeatTicks = INT64_MIN;

  /// The id standing for a token out of the vocabulary.
  token_id_t unknown() const { return static_cast<token_id_t>(info.size() - 1); }
  /// The ticks of the time values at a ticks-per-beat (null when the tokenizer has none there).
  const IdTicks* ticks_at(int ticks_per_beat) const {
    auto it = ticks.find(ticks_per_beat);
    return it == ticks.end() ? nullptr : &it->second;
  }
};

/// The TokType of a type string.
TokType tok_type_of(std::string_view type);

/// A sequence of ids read through a table: the entry of each id and the strings when needed.
class IdSeq {
 public:
  IdSeq(const IdTable& table, std::span<const token_id_t> ids) : t_(&table), ids_(ids) {}
  std::size_t size() const { return ids_.size(); }
  const IdInfo& operator[](std::size_t i) const {
    return t_->info[static_cast<std::size_t>(ids_[i])];
  }
  token_id_t id(std::size_t i) const { return ids_[i]; }
  std::string_view type(std::size_t i) const {
    return t_->types[static_cast<std::size_t>(ids_[i])];
  }
  std::string_view value(std::size_t i) const {
    return t_->values[static_cast<std::size_t>(ids_[i])];
  }

 private:
  const IdTable* t_;
  std::span<const token_id_t> ids_;
};

}  // namespace miditok::detail
