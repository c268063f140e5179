// TSD decoding: tokens back to a Score (tsd.py _tokens_to_score), tolerant of malformed
// sequences (unknown values and incomplete notes are skipped, never crash).
#include <cmath>
#include <cstdlib>
#include <string>

#include "../tokenizer/decode_helpers.h"
#include "miditok/tokenizers/tsd.h"

namespace miditok {

Score TSD::ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                        const std::optional<std::vector<ProgramSpec>>& programs) const {
  using detail::TokType;
  const auto table_ptr = id_table();
  const detail::IdTable& table = *table_ptr;
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

  for (std::size_t si = 0; si < sequences.size(); ++si) {
    const detail::IdSeq seq(table, sequences[si]);
    long long current_tick = 0, previous_note_end = 0;
    int current_program = 0;
    detail::PerProgram<long long> prev_onset(-128), prev_chord(-128);
    int ticks_per_beat = time_division();
    const detail::IdTicks* ticks = table.ticks_at(ticks_per_beat);
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
    bool use_duration = uses_duration(current_program);
    tracks.reserve_notes(seq.size(), 1 + std::size_t{cfg.use_velocities} + use_duration);
    auto duration_ticks = [&](std::size_t i) -> long long {
      return ticks ? ticks->duration[static_cast<std::size_t>(seq.id(i))] : -1;
    };
    for (std::size_t ti = 0; ti < seq.size(); ++ti) {
      const detail::IdInfo& tok = seq[ti];
      switch (tok.type) {
        case TokType::kTimeShift: {
          const long long t = duration_ticks(ti);
          if (t >= 0) current_tick += t;
          break;
        }
        case TokType::kRest: {
          current_tick = std::max(previous_note_end, current_tick);
          const long long t = ticks ? ticks->rest[static_cast<std::size_t>(seq.id(ti))] : -1;
          if (t >= 0) current_tick += t;
          break;
        }
        case TokType::kPitch:
        case TokType::kPitchDrum:
        case TokType::kPitchIntervalTime:
        case TokType::kPitchIntervalChord: {
          if (!tok.has_int) continue;
          long long pitch = tok.value;
          if (tok.type == TokType::kPitchIntervalTime)
            pitch = prev_onset[current_program] + tok.value;
          else if (tok.type == TokType::kPitchIntervalChord)
            pitch = prev_chord[current_program] + tok.value;
          if (pitch < cfg.pitch_range.first || pitch > cfg.pitch_range.second) continue;
          if (tok.type != TokType::kPitchIntervalChord) prev_onset[current_program] = pitch;
          prev_chord[current_program] = pitch;
          long long vel = 100, dur = 0;
          if (cfg.use_velocities) {
            if (ti + 1 >= seq.size()) continue;
            const detail::IdInfo& v = seq[ti + 1];
            if (v.type != TokType::kVelocity || !v.has_int || v.value < 0 || v.value > 127)
              continue;
            vel = v.value;
          }
          if (use_duration) {
            if (ti + dur_offset >= seq.size()) continue;
            if (seq[ti + dur_offset].type != TokType::kDuration) continue;
            dur = duration_ticks(ti + dur_offset);
            if (dur < 0) continue;
          } else {
            dur = static_cast<long long>(cfg.default_note_duration.value * ticks_per_beat);
          }
          tracks.at(current_program)
              .notes.push_back(Note{static_cast<tick_t>(current_tick), static_cast<tick_t>(dur),
                                    static_cast<std::int8_t>(pitch),
                                    static_cast<std::int8_t>(vel)});
          previous_note_end = std::max(previous_note_end, current_tick + dur);
          break;
        }
        case TokType::kTimeSig: {
          TimeSignature ts;
          if (!detail::time_signature_at(seq.value(ti), current_tick, ts) ||
              !tpb_per_ts().count(ts.denominator))
            continue;
          if (si == 0) time_sigs.push_back(ts);
          ticks_per_beat = tpb_per_ts().at(ts.denominator);
          ticks = table.ticks_at(ticks_per_beat);
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
          if (shared == detail::SharedEvent::kMalformed) continue;
          if (tok.type == TokType::kProgram) use_duration = uses_duration(current_program);
        }
      }
      switch (tok.type) {
        case TokType::kProgram:
        case TokType::kTempo:
        case TokType::kTimeSig:
        case TokType::kKeySig:
        case TokType::kPedal:
        case TokType::kPedalOff:
        case TokType::kPitchBend:
        case TokType::kControlChange:
        case TokType::kChord:
          previous_note_end = std::max(previous_note_end, current_tick);
          break;
        default:
          break;
      }
    }
    tracks.end_sequence(score);
  }
  globals.finish(score, tracks);
  return score;
}

}  // namespace miditok
