// Helpers the tokenizations share to decode tokens into a Score (private to src/): token
// splitting and parsing that never throws, and the tracks being filled (one per program in
// one-stream mode, else the sequence's own track), named as MidiTok names them, and the events
// every tokenization decodes alike (Program, Tempo, KeySig, pedals, pitch bends, control changes).
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "id_table.h"
#include "instruments.h"
#include "miditok/score/score.h"
#include "miditok/tokenizer/config.h"

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

/// "beat.ticks.res" -> beat * res + ticks; false when malformed.
inline bool parse_beat_ticks(std::string_view v, long long& out) {
  long long parts[3];
  for (int k = 0; k < 3; ++k) {
    const auto p = k < 2 ? v.find('.') : std::string_view::npos;
    if (k < 2 && p == std::string_view::npos) return false;
    if (!parse_int(v.substr(0, p), parts[k])) return false;
    if (k < 2) v = v.substr(p + 1);
  }
  out = parts[0] * parts[2] + parts[1];
  return true;
}

/// True when a token part equals a literal: one compare of a known length the compiler inlines
/// (string_view's == calls memcmp on every token type compared).
template <std::size_t N>
inline bool tok_is(std::string_view s, const char (&lit)[N]) {
  return s.size() == N - 1 && std::memcmp(s.data(), lit, N - 1) == 0;
}

/// "Type_Value" -> (Type, Value); no underscore gives (token, ""). An inline scan: token types
/// are a few characters long, shorter than a call to memchr costs (decode splits every token).
inline std::pair<std::string_view, std::string_view> split_token(std::string_view t) {
  const char* d = t.data();
  const std::size_t n = t.size();
  for (std::size_t p = 0; p < n; ++p)
    if (d[p] == '_') return {std::string_view(d, p), std::string_view(d + p + 1, n - p - 1)};
  return {t, {}};
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

/// The TimeSignature of a TimeSig token value at a tick; false when the value is malformed.
inline bool time_signature_at(std::string_view v, long long tick, TimeSignature& out) {
  int num = 0, den = 0;
  if (!parse_time_sig(v, num, den)) return false;
  out = TimeSignature{static_cast<tick_t>(tick), static_cast<std::uint8_t>(num),
                      static_cast<std::uint8_t>(den)};
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

/// A value per program: -1 (drums) to 127 in an array (the decoders look one up per note),
/// any other program (those given to decode are not checked) in a map; `init` until set.
template <class T>
class PerProgram {
 public:
  explicit PerProgram(T init = T{}) : init_(init) { fixed_.fill(init_); }
  T& operator[](int program) {
    if (program >= -1 && program <= 127) return fixed_[static_cast<std::size_t>(program + 1)];
    return other_.try_emplace(program, init_).first->second;
  }

 private:
  T init_;
  std::array<T, 129> fixed_;
  std::map<int, T> other_;
};

/// The tracks a decoder fills: one per program (in order of appearance) in one-stream mode,
/// else the current sequence's track.
class DecodedTracks {
 public:
  explicit DecodedTracks(bool one_stream) : one_(one_stream) {}
  DecodedTracks(const DecodedTracks&) = delete;
  DecodedTracks& operator=(const DecodedTracks&) = delete;
  /// Starts the track of a new sequence (per-track mode): program found as MidiTok does.
  void start_sequence(int program, bool is_drum) {
    current_ = make_decoded_track(program);
    current_.is_drum = is_drum;
    if (program == -1) current_.program = 0;
  }
  /// The track receiving an event of a program.
  Track& at(int program) {
    if (!one_) return current_;
    Track*& track = by_program_[program];
    if (!track) {
      order_.push_back(program);
      track = &tracks_.emplace(program, make_decoded_track(program)).first->second;
    }
    return *track;
  }
  /// Per-track mode: room for the notes of a sequence of `num_tokens` tokens, `per_note` of them
  /// at least per note (its notes vector then grows once, not by doubling).
  void reserve_notes(std::size_t num_tokens, std::size_t per_note) {
    if (!one_) current_.notes.reserve(num_tokens / std::max<std::size_t>(per_note, 1));
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
  std::map<int, Track> tracks_;  // nodes stay put: by_program_ points into them
  PerProgram<Track*> by_program_{nullptr};
  Track current_;
};

/// The program of a per-track sequence of `n` tokens, `token(i)` giving the type and value of
/// the i-th: given, else its first Program token (-1 is drums).
template <class Token>
std::pair<int, bool> sequence_program_of(std::size_t n, Token&& token, bool use_programs) {
  if (!use_programs) return {0, false};
  for (std::size_t i = 0; i < n; ++i) {
    auto [type, val] = token(i);
    long long p = 0;
    if (tok_is(type.substr(0, 7), "Program") && parse_int(val, p)) {
      if (p == -1) return {0, true};
      return {static_cast<int>(p), false};
    }
  }
  return {0, false};
}

/// The global events a decoder collects from its first sequence.
struct DecodedGlobals {
  std::vector<Tempo> tempos;
  std::vector<TimeSignature> time_signatures;
  std::vector<KeySignature> key_signatures;
  /// Ends decoding: the tracks (one-stream mode), then these events, join the score.
  void finish(Score& score, DecodedTracks& tracks) {
    tracks.finish(score);
    score.tempos = std::move(tempos);
    score.time_signatures = std::move(time_signatures);
    score.key_signatures = std::move(key_signatures);
  }
};

/// Outcome of decode_shared_event.
enum class SharedEvent {
  kOther,      ///< not a shared event type: the caller decodes it
  kDecoded,    ///< decoded (or, as MidiTok does, ignored without skipping)
  kMalformed,  ///< a malformed value: the token is skipped
};

/// Where decode_shared_event puts what it decodes; active_pedals is per sequence.
struct SharedEventTargets {
  DecodedGlobals& globals;                  ///< tempos and key signatures: first sequence only
  std::map<int, long long>& active_pedals;  ///< program -> onset of its open pedal
};

/// Decodes a token of type `type` and value `val` (`iv` its integer when `has_int`) when it is a
/// Program, Tempo, KeySig, Pedal, PedalOff, PitchBend or ControlChange token, as MidiTok's
/// decoders do, at current_tick for current_program (updated by Program tokens).
/// next_duration() gives the ticks of the next token when it is a Duration (negative when it is
/// not one or unknown), nullopt when there is no next token (sustain_pedal_duration).
template <class NextDuration>
SharedEvent decode_shared_event_at(TokType type, std::string_view val, bool has_int, long long iv,
                                   bool first_sequence, const TokenizerConfig& cfg,
                                   long long current_tick, int& current_program,
                                   DecodedTracks& tracks, const SharedEventTargets& out,
                                   NextDuration&& next_duration) {
  const auto tick = static_cast<tick_t>(current_tick);
  switch (type) {
    case TokType::kProgram:
      if (!has_int || iv < -1 || iv > 127) return SharedEvent::kMalformed;
      current_program = static_cast<int>(iv);
      if (!cfg.one_token_stream_for_programs && cfg.program_changes) {
        Track& t = tracks.current();
        t.program = static_cast<std::uint8_t>(current_program == -1 ? 0 : current_program);
        if (current_program == -1) t.is_drum = true;
      }
      break;
    case TokType::kTempo: {
      const double q = std::strtod(std::string(val).c_str(), nullptr);
      if (first_sequence && q > 0)
        out.globals.tempos.push_back(
            Tempo{tick, static_cast<std::int32_t>(std::round(60000000.0 / q))});
      break;
    }
    case TokType::kKeySig: {
      const auto p = val.find(':');
      long long k = 0, t = 0;
      if (first_sequence && p != std::string_view::npos && parse_int(val.substr(0, p), k) &&
          parse_int(val.substr(p + 1), t))
        out.globals.key_signatures.push_back(
            KeySignature{tick, static_cast<std::int8_t>(k), static_cast<std::uint8_t>(t)});
      break;
    }
    case TokType::kPedal:
    case TokType::kPedalOff: {
      int pedal_prog = current_program;
      if (cfg.use_programs) {
        if (!has_int) return SharedEvent::kMalformed;
        pedal_prog = static_cast<int>(iv);
      }
      if (type == TokType::kPedalOff) {
        auto it = out.active_pedals.find(pedal_prog);
        if (it != out.active_pedals.end()) {
          tracks.at(pedal_prog)
              .pedals.push_back(Pedal{static_cast<tick_t>(it->second),
                                      static_cast<tick_t>(current_tick - it->second)});
          out.active_pedals.erase(it);
        }
        break;
      }
      const std::optional<long long> next =
          cfg.sustain_pedal_duration ? std::optional<long long>(next_duration()) : std::nullopt;
      if (next) {
        if (*next >= 0)
          tracks.at(pedal_prog).pedals.push_back(Pedal{tick, static_cast<tick_t>(*next)});
      } else if (!out.active_pedals.count(pedal_prog)) {
        out.active_pedals[pedal_prog] = current_tick;
      }
      break;
    }
    case TokType::kPitchBend:
      if (!has_int) return SharedEvent::kMalformed;
      tracks.at(current_program)
          .pitch_bends.push_back(PitchBend{tick, static_cast<std::int32_t>(iv)});
      break;
    case TokType::kControlChange: {
      const auto p = val.find('-');
      long long n = 0, v = 0;
      if (p == std::string_view::npos || !parse_int(val.substr(0, p), n) ||
          !parse_int(val.substr(p + 1), v))
        return SharedEvent::kMalformed;
      tracks.at(current_program)
          .controls.push_back(
              ControlChange{tick, static_cast<std::uint8_t>(n), static_cast<std::uint8_t>(v)});
      break;
    }
    default:
      return SharedEvent::kOther;
  }
  return SharedEvent::kDecoded;
}

}  // namespace miditok::detail
