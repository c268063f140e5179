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

Score REMI::ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                         const std::optional<std::vector<ProgramSpec>>& programs) const {
  using detail::TokType;
  const auto table_ptr = id_table();
  const detail::IdTable& table = *table_ptr;
  const auto& cfg = config_;
  const bool one = cfg.one_token_stream_for_programs;
  Score score;
  score.ticks_per_quarter = time_division();
  const int mnpb = cfg.max_num_pos_per_beat();
  const std::size_t dur_offset = cfg.use_velocities ? 2 : 1;
  detail::DecodedTracks tracks(one);
  detail::DecodedGlobals globals;
  auto& time_sigs = globals.time_signatures;
  std::map<int, long long> active_pedals;
  const detail::SharedEventTargets targets{globals, active_pedals};
  auto tpb_for = [&](int den) -> int {
    auto it = tpb_per_ts().find(den);
    if (it == tpb_per_ts().end())
      throw TokenError("TimeSig with denominator " + std::to_string(den) +
                       " is not supported by this tokenizer");
    return it->second;
  };

  for (std::size_t si = 0; si < sequences.size(); ++si) {
    const detail::IdSeq seq(table, sequences[si]);
    if (si == 0) {
      if (cfg.use_time_signatures)
        for (std::size_t ti = 0; ti < seq.size(); ++ti) {
          const TokType type = seq[ti].type;
          TimeSignature ts;
          if (type == TokType::kTimeSig && detail::time_signature_at(seq.value(ti), 0, ts) &&
              tpb_per_ts().count(ts.denominator)) {
            time_sigs.push_back(ts);
            break;
          }
          if (type == TokType::kPitch || type == TokType::kPitchDrum ||
              type == TokType::kVelocity || type == TokType::kDuration ||
              type == TokType::kPitchBend || type == TokType::kControlChange ||
              type == TokType::kPedal)
            break;
        }
      if (time_sigs.empty()) time_sigs.push_back(TimeSignature{0, 4, 4});
    }
    TimeSignature current_ts = time_sigs.back();
    long long ticks_per_bar =
        static_cast<long long>(tpb_for(current_ts.denominator)) * current_ts.numerator;
    int ticks_per_beat = tpb_for(current_ts.denominator);
    const detail::IdTicks* ticks = table.ticks_at(ticks_per_beat);
    long long ticks_per_pos = std::max(1, ticks_per_beat / mnpb);
    long long current_tick = 0, tick_at_last_ts_change = 0, tick_at_current_bar = 0;
    long long current_bar = -1, bar_at_last_ts_change = 0;
    int current_program = 0;
    long long previous_note_end = 0;
    detail::PerProgram<int> prev_onset(-128), prev_chord(-128);
    active_pedals.clear();
    if (!one) {
      auto [prog, drum] =
          programs
              ? (*programs)[si]
              : detail::sequence_program_of(
                    seq.size(), [&](std::size_t i) { return std::pair(seq.type(i), seq.value(i)); },
                    cfg.use_programs);
      current_program = prog;
      tracks.start_sequence(prog, drum);
    }
    bool track_use_duration = uses_duration(current_program);
    tracks.reserve_notes(seq.size(), 1 + std::size_t{cfg.use_velocities} + track_use_duration);
    auto pitch_ok = [&](long long p) {
      return cfg.pitch_range.first <= p && p <= cfg.pitch_range.second;
    };
    auto duration_ticks = [&](std::size_t i) -> long long {
      return ticks ? ticks->duration[static_cast<std::size_t>(seq.id(i))] : -1;
    };
    for (std::size_t ti = 0; ti < seq.size(); ++ti) {
      const detail::IdInfo& tok = seq[ti];
      switch (tok.type) {
        case TokType::kBar: {
          if (seq.value(ti) == "End") break;
          // Bar_None, and numbered Bar_i (MidiTok ignores those and decodes every note in bar 0).
          ++current_bar;
          if (current_bar > 0) current_tick = tick_at_current_bar + ticks_per_bar;
          tick_at_current_bar = current_tick;
          break;
        }
        case TokType::kRest: {
          current_tick = std::max(previous_note_end, current_tick);
          const long long rest = ticks ? ticks->rest[static_cast<std::size_t>(seq.id(ti))] : -1;
          if (rest < 0) break;
          current_tick += rest;
          const long long real_bar =
              bar_at_last_ts_change +
              floor_div(current_tick - tick_at_last_ts_change, ticks_per_bar);
          if (real_bar > current_bar) {
            if (current_bar == -1) current_bar = 0;
            tick_at_current_bar += (real_bar - current_bar) * ticks_per_bar;
            current_bar = real_bar;
          }
          break;
        }
        case TokType::kPosition:
          if (!tok.has_int) break;
          if (current_bar == -1) current_bar = 0;
          current_tick = tick_at_current_bar + tok.value * ticks_per_pos;
          break;
        case TokType::kPitch:
        case TokType::kPitchDrum:
        case TokType::kPitchIntervalTime:
        case TokType::kPitchIntervalChord: {
          if (!tok.has_int) break;
          long long pitch = tok.value;
          if (tok.type == TokType::kPitchIntervalTime)
            pitch = prev_onset[current_program] + tok.value;
          else if (tok.type == TokType::kPitchIntervalChord)
            pitch = prev_chord[current_program] + tok.value;
          if (!pitch_ok(pitch)) break;
          if (tok.type != TokType::kPitchIntervalChord)
            prev_onset[current_program] = static_cast<int>(pitch);
          prev_chord[current_program] = static_cast<int>(pitch);
          long long vel = 100, dur = 0;
          if (cfg.use_velocities && ti + 1 >= seq.size()) break;
          if (track_use_duration && ti + dur_offset >= seq.size()) break;
          if (cfg.use_velocities) {
            const detail::IdInfo& v = seq[ti + 1];
            if (v.type != TokType::kVelocity) break;
            vel = v.has_int ? v.value : -1;
          }
          if (track_use_duration) {
            if (seq[ti + dur_offset].type != TokType::kDuration) break;
          } else {
            dur = static_cast<long long>(cfg.default_note_duration.value * ticks_per_beat);
          }
          if (vel < 0 || vel > 127) break;
          if (track_use_duration) {
            dur = duration_ticks(ti + dur_offset);
            if (dur < 0) break;
          }
          Note note{static_cast<tick_t>(current_tick), static_cast<tick_t>(dur),
                    static_cast<std::int8_t>(pitch), static_cast<std::int8_t>(vel)};
          tracks.at(current_program).notes.push_back(note);
          previous_note_end = std::max(previous_note_end, current_tick + dur);
          break;
        }
        case TokType::kTimeSig: {
          TimeSignature ts;
          if (!detail::time_signature_at(seq.value(ti), current_tick, ts) ||
              !tpb_per_ts().count(ts.denominator))
            break;
          if (ts.numerator != current_ts.numerator || ts.denominator != current_ts.denominator) {
            current_ts = ts;
            if (si == 0) time_sigs.push_back(current_ts);
            tick_at_last_ts_change = tick_at_current_bar;
            bar_at_last_ts_change = current_bar;
            ticks_per_beat = tpb_for(ts.denominator);
            ticks = table.ticks_at(ticks_per_beat);
            ticks_per_bar = static_cast<long long>(ticks_per_beat) * ts.numerator;
            ticks_per_pos = std::max(1, ticks_per_beat / mnpb);
          }
          break;
        }
        case TokType::kVelocity:
        case TokType::kDuration:  // read with their note or pedal (not shared events)
          break;
        default: {
          const auto shared = detail::decode_shared_event_at(
              tok.type, seq.value(ti), tok.has_int, tok.value, si == 0, cfg, current_tick,
              current_program, tracks, targets, [&]() -> std::optional<long long> {
                if (ti + 1 >= seq.size()) return std::nullopt;
                return seq[ti + 1].type == TokType::kDuration ? duration_ticks(ti + 1) : -1;
              });
          if (shared == detail::SharedEvent::kMalformed) break;
          if (tok.type == TokType::kProgram) track_use_duration = uses_duration(current_program);
          if (tok.type == TokType::kTempo || tok.type == TokType::kKeySig)
            previous_note_end = std::max(previous_note_end, current_tick);
        }
      }
    }
    tracks.end_sequence(score);
  }
  globals.finish(score, tracks);
  return score;
}

}  // namespace miditok
