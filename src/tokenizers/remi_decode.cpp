// REMI decoding: tokens back to a Score (midi_tokenizer/remi.py _tokens_to_score), tolerant of
// malformed sequences (unknown values are skipped, never crash).
#include <algorithm>
#include <cmath>
#include <map>

#include "../tokenizer/decode_helpers.h"
#include "miditok/core/error.h"
#include "miditok/tokenizers/remi.h"

namespace miditok {

using detail::floor_div;
using detail::split_token;

Score REMI::tokens_to_score(const std::vector<std::vector<std::string_view>>& sequences,
                            const std::optional<std::vector<ProgramSpec>>& programs) const {
  const auto& cfg = config_;
  const bool one = cfg.one_token_stream_for_programs;
  Score score;
  score.ticks_per_quarter = time_division();
  const int mnpb = cfg.max_num_pos_per_beat();
  const int dur_offset = cfg.use_velocities ? 2 : 1;
  detail::DecodedTracks tracks(one);
  detail::DecodedGlobals globals;
  auto& time_sigs = globals.time_signatures;
  std::map<int, long long> active_pedals;
  const detail::SharedEventTargets targets{globals, active_pedals};
  detail::TicksMemo durations, rests;
  auto tpb_for = [&](int den) -> int {
    auto it = tpb_per_ts().find(den);
    if (it == tpb_per_ts().end())
      throw TokenError("TimeSig with denominator " + std::to_string(den) +
                       " is not supported by this tokenizer");
    return it->second;
  };

  for (std::size_t si = 0; si < sequences.size(); ++si) {
    const auto& seq = sequences[si];
    if (si == 0) {
      if (cfg.use_time_signatures)
        for (const auto& tok : seq) {
          auto [type, val] = split_token(tok);
          TimeSignature ts;
          if (detail::tok_is(type, "TimeSig") && detail::time_signature_at(val, 0, ts) &&
              tpb_per_ts().count(ts.denominator)) {
            time_sigs.push_back(ts);
            break;
          }
          if (detail::tok_is(type, "Pitch") || detail::tok_is(type, "PitchDrum") ||
              detail::tok_is(type, "Velocity") || detail::tok_is(type, "Duration") ||
              detail::tok_is(type, "PitchBend") || detail::tok_is(type, "ControlChange") ||
              detail::tok_is(type, "Pedal"))
            break;
        }
      if (time_sigs.empty()) time_sigs.push_back(TimeSignature{0, 4, 4});
    }
    TimeSignature current_ts = time_sigs.back();
    long long ticks_per_bar =
        static_cast<long long>(tpb_for(current_ts.denominator)) * current_ts.numerator;
    int ticks_per_beat = tpb_for(current_ts.denominator);
    long long ticks_per_pos = std::max(1, ticks_per_beat / mnpb);
    long long current_tick = 0, tick_at_last_ts_change = 0, tick_at_current_bar = 0;
    long long current_bar = -1, bar_at_last_ts_change = 0;
    int current_program = 0;
    long long previous_note_end = 0;
    std::map<int, int> prev_onset, prev_chord;
    active_pedals.clear();
    if (!one) {
      auto [prog, drum] =
          programs ? (*programs)[si] : detail::sequence_program(seq, cfg.use_programs);
      current_program = prog;
      tracks.start_sequence(prog, drum);
    }
    bool track_use_duration = uses_duration(current_program);
    auto pitch_ok = [&](long long p) {
      return cfg.pitch_range.first <= p && p <= cfg.pitch_range.second;
    };
    for (std::size_t ti = 0; ti < seq.size(); ++ti) {
      auto [type, val] = split_token(seq[ti]);
      long long iv = 0;
      if (detail::tok_is(type, "Bar") && !detail::tok_is(val, "End")) {
        // Bar_None, and numbered Bar_i (MidiTok ignores those and decodes every note in bar 0).
        ++current_bar;
        if (current_bar > 0) current_tick = tick_at_current_bar + ticks_per_bar;
        tick_at_current_bar = current_tick;
      } else if (detail::tok_is(type, "Rest")) {
        current_tick = std::max(previous_note_end, current_tick);
        auto it = rests.get(val, ticks_per_beat,
                            [&, v = val] { return tpb_rests_to_ticks_lookup(ticks_per_beat, v); });
        if (it < 0) continue;
        current_tick += it;
        const long long real_bar =
            bar_at_last_ts_change + floor_div(current_tick - tick_at_last_ts_change, ticks_per_bar);
        if (real_bar > current_bar) {
          if (current_bar == -1) current_bar = 0;
          tick_at_current_bar += (real_bar - current_bar) * ticks_per_bar;
          current_bar = real_bar;
        }
      } else if (detail::tok_is(type, "Position")) {
        if (!detail::parse_int(val, iv)) continue;
        if (current_bar == -1) current_bar = 0;
        current_tick = tick_at_current_bar + iv * ticks_per_pos;
      } else if (detail::tok_is(type, "Pitch") || detail::tok_is(type, "PitchDrum") ||
                 detail::tok_is(type, "PitchIntervalTime") ||
                 detail::tok_is(type, "PitchIntervalChord")) {
        if (!detail::parse_int(val, iv)) continue;
        long long pitch = iv;
        if (detail::tok_is(type, "PitchIntervalTime"))
          pitch = (prev_onset.count(current_program) ? prev_onset[current_program] : -128) + iv;
        else if (detail::tok_is(type, "PitchIntervalChord"))
          pitch = (prev_chord.count(current_program) ? prev_chord[current_program] : -128) + iv;
        if (!pitch_ok(pitch)) continue;
        if (!detail::tok_is(type, "PitchIntervalChord"))
          prev_onset[current_program] = static_cast<int>(pitch);
        prev_chord[current_program] = static_cast<int>(pitch);
        std::string_view vel_type = "Velocity", vel_val = "100", dur_type = "Duration", dur_val;
        long long dur = 0;
        if (cfg.use_velocities) {
          if (ti + 1 >= seq.size()) continue;
          std::tie(vel_type, vel_val) = split_token(seq[ti + 1]);
        }
        if (track_use_duration) {
          if (ti + static_cast<std::size_t>(dur_offset) >= seq.size()) continue;
          std::tie(dur_type, dur_val) = split_token(seq[ti + static_cast<std::size_t>(dur_offset)]);
        } else {
          dur = static_cast<long long>(cfg.default_note_duration.value * ticks_per_beat);
        }
        if (!detail::tok_is(vel_type, "Velocity") || !detail::tok_is(dur_type, "Duration"))
          continue;
        long long vel = 0;
        if (!detail::parse_int(vel_val, vel) || vel < 0 || vel > 127) continue;
        if (track_use_duration) {
          dur = durations.get(dur_val, ticks_per_beat,
                              [&] { return tpb_tokens_to_ticks_lookup(ticks_per_beat, dur_val); });
          if (dur < 0) continue;
        }
        Note note{static_cast<tick_t>(current_tick), static_cast<tick_t>(dur),
                  static_cast<std::int8_t>(pitch), static_cast<std::int8_t>(vel)};
        tracks.at(current_program).notes.push_back(note);
        previous_note_end = std::max(previous_note_end, current_tick + dur);
      } else if (detail::tok_is(type, "TimeSig")) {
        TimeSignature ts;
        if (!detail::time_signature_at(val, current_tick, ts) ||
            !tpb_per_ts().count(ts.denominator))
          continue;
        if (ts.numerator != current_ts.numerator || ts.denominator != current_ts.denominator) {
          current_ts = ts;
          if (si == 0) time_sigs.push_back(current_ts);
          tick_at_last_ts_change = tick_at_current_bar;
          bar_at_last_ts_change = current_bar;
          ticks_per_beat = tpb_for(ts.denominator);
          ticks_per_bar = static_cast<long long>(ticks_per_beat) * ts.numerator;
          ticks_per_pos = std::max(1, ticks_per_beat / mnpb);
        }
      } else {
        const auto shared = detail::decode_shared_event(
            type, val, seq, ti, si == 0, cfg, current_tick, current_program, tracks, targets,
            [&](std::string_view v) { return tpb_tokens_to_ticks_lookup(ticks_per_beat, v); });
        if (shared == detail::SharedEvent::kMalformed) continue;
        if (detail::tok_is(type, "Program")) track_use_duration = uses_duration(current_program);
        if (detail::tok_is(type, "Tempo") || detail::tok_is(type, "KeySig"))
          previous_note_end = std::max(previous_note_end, current_tick);
      }
    }
    tracks.end_sequence(score);
  }
  globals.finish(score, tracks);
  return score;
}

}  // namespace miditok
