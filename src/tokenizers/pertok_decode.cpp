// PerTok decoding: tokens to a Score at the tokenizer's ticks_per_quarter, as MidiTok's
// PerTok._tokens_to_score (a note is Pitch [MicroTiming] [Velocity] [Duration] at fixed offsets),
// except that PedalOff closes its pedal (MidiTok fails there).
#include <algorithm>
#include <map>

#include "../tokenizer/decode_helpers.h"
#include "miditok/tokenizers/pertok.h"

namespace miditok {

namespace {

using detail::parse_int;
using detail::split_token;

// "beat.ticks.tpq" -> beat * tpq + ticks; false when malformed.
bool duration_ticks(std::string_view v, long long& out) {
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

constexpr int kDefaultVelocity = 100;

}  // namespace

Score PerTok::tokens_to_score(const std::vector<std::vector<std::string_view>>& sequences,
                              const std::optional<std::vector<ProgramSpec>>& programs) const {
  const auto& cfg = config_;
  const bool one = cfg.one_token_stream_for_programs;
  Score score;
  score.ticks_per_quarter = tpq_;
  const std::size_t mt_offset = use_microtiming_ ? 1 : 0;
  const std::size_t vel_offset = cfg.use_velocities ? mt_offset + 1 : mt_offset;
  const std::size_t dur_offset = vel_offset + 1;
  const double tpb = tpq_;
  detail::DecodedTracks tracks(one);
  detail::DecodedGlobals globals;

  for (std::size_t si = 0; si < sequences.size(); ++si) {
    const auto& seq = sequences[si];
    double current_tick = 0.0;
    long long curr_bar = 0;
    double curr_bar_tick = 0.0;
    int current_program = 0;
    std::map<int, long long> prev_onset, prev_chord;
    std::map<int, long long> active_pedals;
    const detail::SharedEventTargets targets{globals, active_pedals};
    double ticks_per_bar = tpb * 4;
    if (!one) {
      bool is_drum = false;
      if (programs) {
        current_program = (*programs)[si].first;
        is_drum = (*programs)[si].second;
      } else {
        std::tie(current_program, is_drum) = detail::sequence_program(seq, cfg.use_programs);
      }
      tracks.start_sequence(current_program, is_drum);
    }
    bool use_dur = uses_duration(current_program);
    auto onset = [&](int p) -> long long& { return prev_onset.try_emplace(p, -128).first->second; };
    auto chord = [&](int p) -> long long& { return prev_chord.try_emplace(p, -128).first->second; };
    for (std::size_t ti = 0; ti < seq.size(); ++ti) {
      const auto [type, val] = split_token(seq[ti]);
      long long v = 0;
      if (detail::tok_is(type, "Bar")) {
        ++curr_bar;
        current_tick += ticks_per_bar * static_cast<double>(curr_bar) - current_tick;
        curr_bar_tick = current_tick;
      } else if (detail::tok_is(type, "TimeShift")) {
        if (duration_ticks(val, v)) current_tick += static_cast<double>(v);
      } else if (detail::tok_is(type, "Position")) {
        if (parse_int(val, v)) current_tick = curr_bar_tick + static_cast<double>(v);
      } else if (detail::tok_is(type, "Pitch") || detail::tok_is(type, "PitchDrum") ||
                 detail::tok_is(type, "PitchIntervalTime") ||
                 detail::tok_is(type, "PitchIntervalChord")) {
        if (!parse_int(val, v)) continue;
        long long pitch = v;
        if (detail::tok_is(type, "PitchIntervalTime")) pitch = onset(current_program) + v;
        if (detail::tok_is(type, "PitchIntervalChord")) pitch = chord(current_program) + v;
        if (pitch < cfg.pitch_range.first || pitch > cfg.pitch_range.second) continue;
        if (!detail::tok_is(type, "PitchIntervalChord")) onset(current_program) = pitch;
        chord(current_program) = pitch;
        // A note needs its following tokens; an unfinished sequence drops it (MidiTok too).
        if ((use_microtiming_ && ti + mt_offset >= seq.size()) ||
            (cfg.use_velocities && ti + vel_offset >= seq.size()) ||
            (use_dur && ti + dur_offset >= seq.size()))
          continue;
        double mt = 0.0;
        if (use_microtiming_ && seq[ti + mt_offset].find("MicroTiming") != std::string_view::npos) {
          if (!parse_int(split_token(seq[ti + mt_offset]).second, v)) continue;
          mt = static_cast<double>(v);
        }
        long long vel = kDefaultVelocity;
        if (cfg.use_velocities) {
          const auto [vt, vv] = split_token(seq[ti + vel_offset]);
          if (!detail::tok_is(vt, "Velocity") || !parse_int(vv, vel)) continue;
        }
        long long dur = static_cast<long long>(cfg.default_note_duration.value * tpb);
        if (use_dur) {
          const auto [dt, dv] = split_token(seq[ti + dur_offset]);
          if (!detail::tok_is(dt, "Duration") || !duration_ticks(dv, dur)) continue;
        }
        mt += current_tick;
        Note n{static_cast<tick_t>(mt), static_cast<tick_t>(dur), static_cast<std::int8_t>(pitch),
               static_cast<std::int8_t>(vel)};
        tracks.at(current_program).notes.push_back(n);
      } else if (detail::tok_is(type, "Program")) {
        if (!parse_int(val, v)) continue;
        current_program = static_cast<int>(v);
        use_dur = uses_duration(current_program);
        if (!one && cfg.program_changes) {
          auto& t = tracks.current();
          if (current_program != -1) {
            t.program = static_cast<std::uint8_t>(std::clamp(current_program, 0, 127));
          } else {
            t.program = 0;
            t.is_drum = true;
          }
        }
      } else if (detail::tok_is(type, "TimeSig")) {
        TimeSignature ts;
        if (!detail::time_signature_at(val, static_cast<long long>(current_tick), ts)) continue;
        ticks_per_bar = ts.denominator / 4.0 * ts.numerator * tpb;
        if (si == 0) globals.time_signatures.push_back(ts);
      } else if (detail::tok_is(type, "Pedal") || detail::tok_is(type, "PedalOff")) {
        int pedal_prog = current_program;
        if (cfg.use_programs) {
          if (!parse_int(val, v)) continue;
          pedal_prog = static_cast<int>(v);
        }
        const auto now = static_cast<tick_t>(current_tick);
        if (detail::tok_is(type, "Pedal")) {
          active_pedals.try_emplace(pedal_prog, now);
        } else if (auto it = active_pedals.find(pedal_prog); it != active_pedals.end()) {
          const auto pedal_onset = static_cast<tick_t>(it->second);
          tracks.at(pedal_prog).pedals.push_back(Pedal{pedal_onset, now - pedal_onset});
          active_pedals.erase(it);
        }
      } else if (detail::tok_is(type, "ControlChange")) {
        const auto p = val.find('-');
        long long num = 0, value = 0;
        if (p == std::string_view::npos || !parse_int(val.substr(0, p), num) ||
            !parse_int(val.substr(p + 1), value))
          continue;
        double mt = 0.0;
        if (use_microtiming_ && ti + mt_offset < seq.size() &&
            seq[ti + mt_offset].find("MicroTiming") != std::string_view::npos &&
            parse_int(split_token(seq[ti + mt_offset]).second, v))
          mt = static_cast<double>(v);
        tracks.at(current_program)
            .controls.push_back(ControlChange{static_cast<tick_t>(current_tick + mt),
                                              static_cast<std::uint8_t>(num),
                                              static_cast<std::uint8_t>(value)});
      } else {
        // Tempo, KeySig and PitchBend as the other tokenizations decode them; PerTok's own
        // Program (duration per program), Pedal (no pedal durations) and ControlChange
        // (microtiming) come first.
        detail::decode_shared_event(type, val, seq, ti, si == 0, cfg,
                                    static_cast<long long>(current_tick), current_program, tracks,
                                    targets, [](std::string_view) { return -1LL; });
      }
    }
    tracks.end_sequence(score);
  }
  globals.finish(score, tracks);
  return score;
}

}  // namespace miditok
