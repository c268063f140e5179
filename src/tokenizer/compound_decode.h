// The decode state the compound decoders (Octuple, CPWord, MuMIDI) share (private to src/): rows
// of ids read through the sub-vocabularies' decode tables (id_table.h), the time-signature grid
// they move on (ticks per bar / beat / position and where the current time signature began), the
// Duration / Rest ticks and Tempo values of a row's slots, and a per-track sequence's track.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compound_helpers.h"
#include "id_table.h"
#include "miditok/tokenizer/multi_voc.h"

namespace miditok::detail {

/// The decode table of each sub-vocabulary, in slot order.
using SubTables = std::vector<std::shared_ptr<const IdTable>>;

/// One compound token (a row of ids, one per slot) read through the sub-vocabularies' tables.
/// A ragged row (MuMIDI) ends at its first absent slot; slots past its end read as unknown.
class IdRow {
 public:
  IdRow(const SubTables& tables, const token_id_t* ids, std::size_t width)
      : tables_(&tables), ids_(ids) {
    while (size_ < width && ids[size_] != CompoundSequence::kAbsentSlot) ++size_;
  }
  /// Number of slots present.
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  /// The id of slot k (kAbsentSlot past the end).
  token_id_t id(std::size_t k) const { return k < size_ ? ids_[k] : CompoundSequence::kAbsentSlot; }
  /// The table index of slot k: its id, or the table's unknown id when absent.
  std::size_t index(std::size_t k) const {
    return k < size_ ? static_cast<std::size_t>(ids_[k])
                     : static_cast<std::size_t>(table(k).unknown());
  }
  const IdTable& table(std::size_t k) const { return *(*tables_)[k]; }
  /// The entry of slot k.
  const IdInfo& operator[](std::size_t k) const { return table(k).info[index(k)]; }
  /// The value string of slot k ("60" of "Pitch_60"; empty when absent).
  std::string_view value(std::size_t k) const { return table(k).values[index(k)]; }

 private:
  const SubTables* tables_;
  const token_id_t* ids_;
  std::size_t size_ = 0;
};

/// The rows of a (validated) compound sequence.
class IdRows {
 public:
  IdRows(const SubTables& tables, const CompoundSequence& seq) : tables_(&tables), seq_(&seq) {}
  std::size_t size() const { return seq_->size(); }
  bool empty() const { return seq_->size() == 0; }
  IdRow operator[](std::size_t r) const {
    return IdRow(*tables_, seq_->ids.data() + r * seq_->width, seq_->width);
  }

 private:
  const SubTables* tables_;
  const CompoundSequence* seq_;
};

/// The time signature in force while decoding and the ticks per bar, beat and position it gives.
class CompoundGrid {
 public:
  /// A grid over a tokenizer's ticks per beat per denominator.
  CompoundGrid(const std::map<int, int>& tpb_per_ts, int time_division, int max_num_pos_per_beat)
      : tpb_per_ts_(&tpb_per_ts), time_division_(time_division), mnpb_(max_num_pos_per_beat) {}

  TimeSignature ts{0, 4, 4};      ///< the time signature in force
  long long ticks_per_bar = 0;    ///< MidiTok's compute_ticks_per_bar of ts
  long long ticks_per_beat = 0;   ///< ticks per beat of ts's denominator
  long long ticks_per_pos = 0;    ///< ticks_per_beat / max_num_pos_per_beat
  long long bar_at_last_ts = 0;   ///< bar where ts began
  long long tick_at_last_ts = 0;  ///< tick where ts began

  /// Starts a sequence at a time signature (where the previous one began is kept, as MidiTok).
  void start(const TimeSignature& first) { set(first); }
  /// Moves to a time signature beginning at a bar and tick.
  void change(const TimeSignature& next, long long bar, long long tick) {
    set(next);
    bar_at_last_ts = bar;
    tick_at_last_ts = tick;
  }
  /// The time signature of a row's TimeSig slot at a tick: false when None, malformed or of a
  /// denominator the tokenizer has no ticks per beat for (parsed once per distinct id in a row).
  bool slot_time_sig(const IdRow& row, std::size_t slot, long long tick, TimeSignature& out) {
    const token_id_t id = row.id(slot);
    if (id != parsed_id_) {
      parsed_id_ = id;
      parsed_ok_ = time_signature_at(row.value(slot), 0, parsed_) &&
                   tpb_per_ts_->count(parsed_.denominator) > 0;
    }
    out = parsed_;
    out.time = static_cast<tick_t>(tick);
    return parsed_ok_;
  }
  /// True when a time signature differs from the one in force.
  bool differs(const TimeSignature& other) const {
    return other.numerator != ts.numerator || other.denominator != ts.denominator;
  }

 private:
  void set(const TimeSignature& next) {
    ts = next;
    ticks_per_bar = ticks_per_bar_of(ts.numerator, ts.denominator, time_division_);
    ticks_per_beat = tpb_per_ts_->at(ts.denominator);
    ticks_per_pos = ticks_per_beat / mnpb_;
  }

  const std::map<int, int>* tpb_per_ts_;
  int time_division_;
  int mnpb_;
  token_id_t parsed_id_ = CompoundSequence::kAbsentSlot - 1;
  bool parsed_ok_ = false;
  TimeSignature parsed_{0, 4, 4};
};

/// Ticks of a row's time slots at a ticks-per-beat: its note's duration (the Duration slot, else
/// default_note_duration beats) and its Rest (-1: unknown or none).
class RowTicks {
 public:
  RowTicks(const TokenizerConfig& c, const std::map<std::string, std::size_t>& types_idx)
      : use_tokens_(c.using_note_duration_tokens()),
        default_beats_(c.default_note_duration.value),
        duration_slot_(slot_of(types_idx, "Duration")),
        rest_slot_(slot_of(types_idx, "Rest")) {}

  long long duration(const IdRow& row, long long ticks_per_beat) {
    if (!use_tokens_)
      return static_cast<long long>(default_beats_ * static_cast<double>(ticks_per_beat));
    const IdTicks* t = at(row, duration_slot_, ticks_per_beat);
    return t == nullptr ? -1 : t->duration[row.index(duration_slot_)];
  }
  long long rest(const IdRow& row, long long ticks_per_beat) {
    const IdTicks* t = at(row, rest_slot_, ticks_per_beat);
    return t == nullptr ? -1 : t->rest[row.index(rest_slot_)];
  }

 private:
  static std::size_t slot_of(const std::map<std::string, std::size_t>& idx, const char* type) {
    auto it = idx.find(type);
    return it == idx.end() ? std::string_view::npos : it->second;
  }
  /// The ticks table of a slot's sub-vocabulary at a ticks-per-beat (null: none, or no slot).
  const IdTicks* at(const IdRow& row, std::size_t slot, long long tpb) {
    if (slot == std::string_view::npos || slot >= row.size()) return nullptr;
    auto& c = cache_[slot == duration_slot_ ? 0 : 1];
    if (c.tpb != tpb) c = {tpb, row.table(slot).ticks_at(static_cast<int>(tpb))};
    return c.ticks;
  }
  struct Cached {
    long long tpb = -1;
    const IdTicks* ticks = nullptr;
  };
  bool use_tokens_;
  double default_beats_;
  std::size_t duration_slot_, rest_slot_;
  Cached cache_[2];
};

/// The tempo changes a compound decoder finds: MidiTok's list starting with a mocked tempo (-1 qpm
/// at tick -1); a change is kept when its value (and, for CPWord, its tick) differs.
struct DecodedTempos {
  std::vector<Tempo> tempos;
  double last_qpm = -1.0;
  long long last_time = -1;
  /// Adds the tempo of a row's Tempo slot at a tick (None or malformed values are ignored).
  void add(const IdRow& row, std::size_t slot, long long tick, bool new_tick_only) {
    const token_id_t id = row.id(slot);
    if (id != parsed_id_) {
      parsed_id_ = id;
      parsed_qpm_ =
          row[slot].none ? 0.0 : std::strtod(std::string(row.value(slot)).c_str(), nullptr);
    }
    const double q = parsed_qpm_;
    if (q <= 0 || q == last_qpm || (new_tick_only && tick == last_time)) return;
    tempos.push_back(
        Tempo{static_cast<tick_t>(tick), static_cast<std::int32_t>(std::round(60000000.0 / q))});
    last_qpm = py_round2(tempos.back().qpm());
    last_time = tick;
  }

 private:
  token_id_t parsed_id_ = CompoundSequence::kAbsentSlot - 1;
  double parsed_qpm_ = 0;
};

/// Starts the track of a per-track sequence: its program given, else that of a Program slot
/// (null: none; -1 is drums; a malformed one leaves current_program as it is).
inline void start_compound_track(DecodedTracks& tracks,
                                 const std::optional<std::vector<ProgramSpec>>& programs,
                                 std::size_t si, const IdInfo* program, int& current_program) {
  bool is_drum = false;
  if (programs) {
    current_program = (*programs)[si].first;
    is_drum = (*programs)[si].second;
  } else if (program != nullptr && program->has_int) {
    current_program = static_cast<int>(program->value);
    if (current_program == -1) is_drum = true, current_program = 0;
  }
  tracks.start_sequence(current_program, is_drum);
}

}  // namespace miditok::detail
