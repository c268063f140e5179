// TSD decoding: tokens back to a Score (tsd.py _tokens_to_score), tolerant of malformed
// sequences (unknown values and incomplete notes are skipped, never crash).
#include <cmath>
#include <cstdlib>
#include <string>

#include "../tokenizer/decode_helpers.h"
#include "miditok/tokenizers/tsd.h"

namespace miditok {

using detail::parse_int;
using detail::split_token;

Score TSD::tokens_to_score(const std::vector<std::vector<std::string_view>>& sequences,
                           const std::optional<std::vector<ProgramSpec>>& programs) const {
  const auto& cfg = config_;
  const bool one = cfg.one_token_stream_for_programs;
  Score score;
  score.ticks_per_quarter = time_division();
  const std::size_t dur_offset = cfg.use_velocities ? 2 : 1;
  detail::DecodedTracks tracks(one);
  detail::DecodedGlobals globals;
  auto& time_sigs = globals.time_signatures;
  std::map<int, long long> active_pedals;
  const detail::SharedEventTargets targets{globals, active_pedals};
  detail::TicksMemo durations, rests;

  for (std::size_t si = 0; si < sequences.size(); ++si) {
    const auto& seq = sequences[si];
    long long current_tick = 0, previous_note_end = 0;
    int current_program = 0;
    std::map<int, long long> prev_onset, prev_chord;
    int ticks_per_beat = time_division();
    active_pedals.clear();
    if (!one) {
      auto [prog, drum] =
          programs ? (*programs)[si] : detail::sequence_program(seq, cfg.use_programs);
      current_program = prog;
      tracks.start_sequence(prog, drum);
    }
    bool use_duration = cfg.uses_duration(current_program);
    auto prev_of = [](std::map<int, long long>& m, int prog) {
      auto it = m.find(prog);
      return it == m.end() ? -128LL : it->second;
    };
    for (std::size_t ti = 0; ti < seq.size(); ++ti) {
      auto [type, val] = split_token(seq[ti]);
      long long iv = 0;
      if (detail::tok_is(type, "TimeShift")) {
        long long t = durations.get(val, ticks_per_beat, [&, v = val] {
          return tpb_tokens_to_ticks_lookup(ticks_per_beat, v);
        });
        if (t >= 0) current_tick += t;
      } else if (detail::tok_is(type, "Rest")) {
        current_tick = std::max(previous_note_end, current_tick);
        long long t = rests.get(val, ticks_per_beat, [&, v = val] {
          return tpb_rests_to_ticks_lookup(ticks_per_beat, v);
        });
        if (t >= 0) current_tick += t;
      } else if (detail::tok_is(type, "Pitch") || detail::tok_is(type, "PitchDrum") ||
                 detail::tok_is(type, "PitchIntervalTime") ||
                 detail::tok_is(type, "PitchIntervalChord")) {
        if (!parse_int(val, iv)) continue;
        long long pitch = iv;
        if (detail::tok_is(type, "PitchIntervalTime"))
          pitch = prev_of(prev_onset, current_program) + iv;
        else if (detail::tok_is(type, "PitchIntervalChord"))
          pitch = prev_of(prev_chord, current_program) + iv;
        if (pitch < cfg.pitch_range.first || pitch > cfg.pitch_range.second) continue;
        if (!detail::tok_is(type, "PitchIntervalChord")) prev_onset[current_program] = pitch;
        prev_chord[current_program] = pitch;
        long long vel = 100, dur = 0;
        if (cfg.use_velocities) {
          if (ti + 1 >= seq.size()) continue;
          auto [vt, vv] = split_token(seq[ti + 1]);
          if (!detail::tok_is(vt, "Velocity") || !parse_int(vv, vel) || vel < 0 || vel > 127)
            continue;
        }
        if (use_duration) {
          if (ti + dur_offset >= seq.size()) continue;
          auto [dt, dv] = split_token(seq[ti + dur_offset]);
          if (!detail::tok_is(dt, "Duration")) continue;
          dur = durations.get(dv, ticks_per_beat, [&, v = dv] {
            return tpb_tokens_to_ticks_lookup(ticks_per_beat, v);
          });
          if (dur < 0) continue;
        } else {
          dur = static_cast<long long>(cfg.default_note_duration.value * ticks_per_beat);
        }
        tracks.at(current_program)
            .notes.push_back(Note{static_cast<tick_t>(current_tick), static_cast<tick_t>(dur),
                                  static_cast<std::int8_t>(pitch), static_cast<std::int8_t>(vel)});
        previous_note_end = std::max(previous_note_end, current_tick + dur);
      } else if (detail::tok_is(type, "TimeSig")) {
        TimeSignature ts;
        if (!detail::time_signature_at(val, current_tick, ts) ||
            !tpb_per_ts().count(ts.denominator))
          continue;
        if (si == 0) time_sigs.push_back(ts);
        ticks_per_beat = tpb_per_ts().at(ts.denominator);
      } else {
        const auto shared = detail::decode_shared_event(
            type, val, seq, ti, si == 0, cfg, current_tick, current_program, tracks, targets,
            [&](std::string_view v) { return tpb_tokens_to_ticks_lookup(ticks_per_beat, v); });
        if (shared == detail::SharedEvent::kMalformed) continue;
        if (detail::tok_is(type, "Program")) use_duration = cfg.uses_duration(current_program);
      }
      if (detail::tok_is(type, "Program") || detail::tok_is(type, "Tempo") ||
          detail::tok_is(type, "TimeSig") || detail::tok_is(type, "KeySig") ||
          detail::tok_is(type, "Pedal") || detail::tok_is(type, "PedalOff") ||
          detail::tok_is(type, "PitchBend") || detail::tok_is(type, "ControlChange") ||
          detail::tok_is(type, "Chord"))
        previous_note_end = std::max(previous_note_end, current_tick);
    }
    tracks.end_sequence(score);
  }
  globals.finish(score, tracks);
  return score;
}

}  // namespace miditok
