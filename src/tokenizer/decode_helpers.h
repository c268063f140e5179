// Helpers the tokenizations share to decode tokens into a Score (private to src/): token
// splitting and parsing that never throws, and the tracks being filled (one per program in
// one-stream mode, else the sequence's own track), named as MidiTok names them.
#pragma once

#include <algorithm>
#include <charconv>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "instruments.h"
#include "miditok/score/score.h"

namespace miditok::detail {

/// Python's floor division for integers.
inline long long floor_div(long long a, long long b) {
  long long q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

/// Parses a whole string as an integer; false when it is not one.
inline bool parse_int(std::string_view s, long long& out) {
  auto res = std::from_chars(s.data(), s.data() + s.size(), out);
  return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

/// "Type_Value" -> (Type, Value); no underscore gives (token, "").
inline std::pair<std::string_view, std::string_view> split_token(std::string_view t) {
  auto p = t.find('_');
  if (p == std::string_view::npos) return {t, {}};
  return {t.substr(0, p), t.substr(p + 1)};
}

/// "num/den" of a TimeSig token; false when malformed or out of a MIDI byte.
inline bool parse_time_sig(std::string_view v, int& num, int& den) {
  auto p = v.find('/');
  long long a = 0, b = 0;
  if (p == std::string_view::npos || !parse_int(v.substr(0, p), a) ||
      !parse_int(v.substr(p + 1), b))
    return false;
  if (a <= 0 || b <= 0 || a > 255 || b > 255) return false;
  num = static_cast<int>(a);
  den = static_cast<int>(b);
  return true;
}

/// A track named as MidiTok's decoders name it ("Drums" for program -1).
inline Track make_decoded_track(int prog) {
  Track t;
  t.program = static_cast<std::uint8_t>(prog == -1 ? 0 : std::clamp(prog, 0, 127));
  t.is_drum = prog == -1;
  t.name = prog == -1 ? "Drums" : kMidiInstrumentNames[std::clamp(prog, 0, 127)];
  return t;
}

/// The tracks a decoder fills: one per program (in order of appearance) in one-stream mode,
/// else the current sequence's track.
class DecodedTracks {
 public:
  explicit DecodedTracks(bool one_stream) : one_(one_stream) {}
  /// Starts the track of a new sequence (per-track mode): program found as MidiTok does.
  void start_sequence(int program, bool is_drum) {
    current_ = make_decoded_track(program);
    current_.is_drum = is_drum;
    if (program == -1) current_.program = 0;
  }
  /// The track receiving an event of a program.
  Track& at(int program) {
    if (!one_) return current_;
    auto it = tracks_.find(program);
    if (it == tracks_.end()) {
      order_.push_back(program);
      it = tracks_.emplace(program, make_decoded_track(program)).first;
    }
    return it->second;
  }
  /// The current sequence's track (per-track mode).
  Track& current() { return current_; }
  /// Ends a sequence: its track joins the score unless it has no note, control or bend.
  void end_sequence(Score& score) {
    if (!one_ &&
        !(current_.notes.empty() && current_.controls.empty() && current_.pitch_bends.empty()))
      score.tracks.push_back(std::move(current_));
  }
  /// Ends decoding: one-stream tracks join the score in order of appearance.
  void finish(Score& score) {
    if (one_)
      for (int p : order_) score.tracks.push_back(std::move(tracks_[p]));
  }

 private:
  bool one_;
  std::vector<int> order_;
  std::map<int, Track> tracks_;
  Track current_;
};

/// The program of a per-track sequence: given, else its first Program token (-1 is drums).
template <class Seq>
std::pair<int, bool> sequence_program(const Seq& seq, bool use_programs) {
  if (!use_programs) return {0, false};
  for (const auto& tok : seq) {
    auto [type, val] = split_token(std::string_view(tok));
    long long p = 0;
    if (type.substr(0, 7) == "Program" && parse_int(val, p)) {
      if (p == -1) return {0, true};
      return {static_cast<int>(p), false};
    }
  }
  return {0, false};
}

}  // namespace miditok::detail
