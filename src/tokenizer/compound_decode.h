// The decode state the compound decoders (Octuple, CPWord) share (private to src/): the
// time-signature grid they move on (ticks per bar / beat / position and where the current time
// signature began), the time signature of a row's TimeSig slot, and a per-track sequence's track.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "compound_helpers.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok::detail {

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
  /// The time signature of a TimeSig slot at a tick: false when None, malformed or of a
  /// denominator the tokenizer has no ticks per beat for.
  bool slot_time_sig(std::string_view token, long long tick, TimeSignature& out) const {
    return time_signature_at(token_value(token), tick, out) &&
           tpb_per_ts_->count(out.denominator) > 0;
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
};

/// Starts the track of a per-track sequence: its program given, else that of a Program token
/// (empty: none; -1 is drums; a malformed one leaves current_program as it is).
inline void start_compound_track(DecodedTracks& tracks,
                                 const std::optional<std::vector<ProgramSpec>>& programs,
                                 std::size_t si, std::string_view program_token,
                                 int& current_program) {
  bool is_drum = false;
  long long p = 0;
  if (programs) {
    current_program = (*programs)[si].first;
    is_drum = (*programs)[si].second;
  } else if (!program_token.empty() && token_int(program_token, p)) {
    current_program = static_cast<int>(p);
    if (current_program == -1) is_drum = true, current_program = 0;
  }
  tracks.start_sequence(current_program, is_drum);
}

}  // namespace miditok::detail
