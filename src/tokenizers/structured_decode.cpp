// Structured decoding: ids back to a Score (structured.py _tokens_to_score), tolerant of
// malformed sequences (unknown values and incomplete notes are skipped, never crash).
#include "../tokenizer/decode_helpers.h"
#include "miditok/tokenizers/structured.h"

namespace miditok {

Score Structured::ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                               const std::optional<std::vector<ProgramSpec>>& programs) const {
  using detail::TokType;
  const auto table_ptr = id_table();
  const detail::IdTable& table = *table_ptr;
  const auto& cfg = config_;
  const bool one = cfg.one_token_stream_for_programs;
  Score score;
  score.ticks_per_quarter = time_division();
  const std::size_t dur_offset = cfg.use_velocities ? 2 : 1;
  const int ticks_per_beat = time_division();
  const detail::IdTicks* ticks = table.ticks_at(ticks_per_beat);
  detail::DecodedTracks tracks(one);
  long long current_tick = 0;
  int current_program = 0;  // kept from one sequence to the next, as MidiTok does
  for (std::size_t si = 0; si < sequences.size(); ++si) {
    const detail::IdSeq seq(table, sequences[si]);
    auto duration_ticks = [&](std::size_t i) -> long long {
      return ticks ? ticks->duration[static_cast<std::size_t>(seq.id(i))] : -1;
    };
    if (!one) {
      current_tick = 0;
      bool drum = false;
      if (programs) {
        std::tie(current_program, drum) = (*programs)[si];
      } else if (cfg.use_programs) {
        for (std::size_t ti = 0; ti < seq.size(); ++ti) {
          long long p = 0;
          if (detail::tok_is(seq.type(ti).substr(0, 7), "Program") &&
              detail::parse_int(seq.value(ti), p)) {
            current_program = static_cast<int>(p);
            if (current_program == -1) drum = true, current_program = 0;
            break;
          }
        }
      }
      tracks.start_sequence(current_program, drum);
    }
    bool use_duration = uses_duration(current_program);
    for (std::size_t ti = 0; ti < seq.size(); ++ti) {
      const detail::IdInfo& tok = seq[ti];
      if (tok.type == TokType::kTimeShift) {
        if (seq.value(ti) == "0.0.1") continue;
        const long long t = duration_ticks(ti);
        if (t >= 0) current_tick += t;
      } else if (tok.type == TokType::kPitch || tok.type == TokType::kPitchDrum) {
        long long vel = 100, dur = 0;
        if (cfg.use_velocities) {
          if (ti + 1 >= seq.size()) continue;
          const detail::IdInfo& v = seq[ti + 1];
          if (v.type != TokType::kVelocity || !v.has_int || v.value < 0 || v.value > 127) continue;
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
        if (!tok.has_int || tok.value < 0 || tok.value > 127) continue;
        tracks.at(current_program)
            .notes.push_back(Note{static_cast<tick_t>(current_tick), static_cast<tick_t>(dur),
                                  static_cast<std::int8_t>(tok.value),
                                  static_cast<std::int8_t>(vel)});
      } else if (tok.type == TokType::kProgram) {
        if (!tok.has_int || tok.value < -1 || tok.value > 127) continue;
        current_program = static_cast<int>(tok.value);
        use_duration = uses_duration(current_program);
      }
    }
    tracks.end_sequence(score);
  }
  tracks.finish(score);
  return score;
}

}  // namespace miditok
