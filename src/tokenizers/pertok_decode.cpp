// PerTok decoding: tokens to a Score at the tokenizer's ticks_per_quarter, as MidiTok's
// PerTok._tokens_to_score (a note is Pitch [MicroTiming] [Velocity] [Duration] at fixed offsets),
// except that PedalOff closes its pedal (MidiTok fails there).
#include <algorithm>
#include <map>

#include "../tokenizer/decode_helpers.h"
#include "miditok/tokenizers/pertok.h"

namespace miditok {

namespace {

constexpr int kDefaultVelocity = 100;

}  // namespace

Score PerTok::ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                           const std::optional<std::vector<ProgramSpec>>& programs) const {
  using detail::TokType;
  const auto table_ptr = id_table();
  const detail::IdTable& table = *table_ptr;
  constexpr auto kNotBeatTicks = detail::IdTable::kNotBeatTicks;
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
    const detail::IdSeq seq(table, sequences[si]);
    // a token holding "MicroTiming" (MidiTok's test), its value as an integer in `v`
    auto microtiming = [&](std::size_t i, long long& v) {
      const detail::IdInfo& e = seq[i];
      if (e.type != TokType::kMicroTiming &&
          (seq.id(i) == table.unknown() ||
           tokens()[static_cast<std::size_t>(seq.id(i))].find("MicroTiming") == std::string::npos))
        return false;
      v = e.value;
      return true;
    };
    auto beat_ticks = [&](std::size_t i) {
      return table.beat_ticks[static_cast<std::size_t>(seq.id(i))];
    };
    double current_tick = 0.0;
    long long curr_bar = 0;
    double curr_bar_tick = 0.0;
    int current_program = 0;
    detail::PerProgram<long long> prev_onset(-128), prev_chord(-128);
    std::map<int, long long> active_pedals;
    const detail::SharedEventTargets targets{globals, active_pedals};
    double ticks_per_bar = tpb * 4;
    if (!one) {
      bool is_drum = false;
      if (programs) {
        current_program = (*programs)[si].first;
        is_drum = (*programs)[si].second;
      } else {
        std::tie(current_program, is_drum) = detail::sequence_program_of(
            seq.size(), [&](std::size_t i) { return std::pair(seq.type(i), seq.value(i)); },
            cfg.use_programs);
      }
      tracks.start_sequence(current_program, is_drum);
    }
    bool use_dur = uses_duration(current_program);
    auto onset = [&](int p) -> long long& { return prev_onset[p]; };
    auto chord = [&](int p) -> long long& { return prev_chord[p]; };
    for (std::size_t ti = 0; ti < seq.size(); ++ti) {
      const detail::IdInfo& tok = seq[ti];
      long long v = 0;
      switch (tok.type) {
        case TokType::kBar:
          ++curr_bar;
          current_tick += ticks_per_bar * static_cast<double>(curr_bar) - current_tick;
          curr_bar_tick = current_tick;
          break;
        case TokType::kTimeShift:
          if (beat_ticks(ti) != kNotBeatTicks) current_tick += static_cast<double>(beat_ticks(ti));
          break;
        case TokType::kPosition:
          if (tok.has_int) current_tick = curr_bar_tick + static_cast<double>(tok.value);
          break;
        case TokType::kPitch:
        case TokType::kPitchDrum:
        case TokType::kPitchIntervalTime:
        case TokType::kPitchIntervalChord: {
          if (!tok.has_int) continue;
          long long pitch = tok.value;
          if (tok.type == TokType::kPitchIntervalTime) pitch = onset(current_program) + tok.value;
          if (tok.type == TokType::kPitchIntervalChord) pitch = chord(current_program) + tok.value;
          if (pitch < cfg.pitch_range.first || pitch > cfg.pitch_range.second) continue;
          if (tok.type != TokType::kPitchIntervalChord) onset(current_program) = pitch;
          chord(current_program) = pitch;
          // A note needs its following tokens; an unfinished sequence drops it (MidiTok too).
          if ((use_microtiming_ && ti + mt_offset >= seq.size()) ||
              (cfg.use_velocities && ti + vel_offset >= seq.size()) ||
              (use_dur && ti + dur_offset >= seq.size()))
            continue;
          double mt = 0.0;
          if (use_microtiming_ && microtiming(ti + mt_offset, v)) {
            if (!seq[ti + mt_offset].has_int) continue;
            mt = static_cast<double>(v);
          }
          long long vel = kDefaultVelocity;
          if (cfg.use_velocities) {
            const detail::IdInfo& e = seq[ti + vel_offset];
            if (e.type != TokType::kVelocity || !e.has_int) continue;
            vel = e.value;
          }
          long long dur = static_cast<long long>(cfg.default_note_duration.value * tpb);
          if (use_dur) {
            if (seq[ti + dur_offset].type != TokType::kDuration ||
                beat_ticks(ti + dur_offset) == kNotBeatTicks)
              continue;
            dur = beat_ticks(ti + dur_offset);
          }
          mt += current_tick;
          Note n{static_cast<tick_t>(mt), static_cast<tick_t>(dur), static_cast<std::int8_t>(pitch),
                 static_cast<std::int8_t>(vel)};
          tracks.at(current_program).notes.push_back(n);
          break;
        }
        case TokType::kProgram:
          if (!tok.has_int) continue;
          current_program = static_cast<int>(tok.value);
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
          break;
        case TokType::kTimeSig: {
          TimeSignature ts;
          if (!detail::time_signature_at(seq.value(ti), static_cast<long long>(current_tick), ts))
            continue;
          ticks_per_bar = ts.denominator / 4.0 * ts.numerator * tpb;
          if (si == 0) globals.time_signatures.push_back(ts);
          break;
        }
        case TokType::kPedal:
        case TokType::kPedalOff: {
          int pedal_prog = current_program;
          if (cfg.use_programs) {
            if (!tok.has_int) continue;
            pedal_prog = static_cast<int>(tok.value);
          }
          const auto now = static_cast<tick_t>(current_tick);
          if (tok.type == TokType::kPedal) {
            active_pedals.try_emplace(pedal_prog, now);
          } else if (auto it = active_pedals.find(pedal_prog); it != active_pedals.end()) {
            const auto pedal_onset = static_cast<tick_t>(it->second);
            tracks.at(pedal_prog).pedals.push_back(Pedal{pedal_onset, now - pedal_onset});
            active_pedals.erase(it);
          }
          break;
        }
        case TokType::kControlChange: {
          const std::string_view val = seq.value(ti);
          const auto p = val.find('-');
          long long num = 0, value = 0;
          if (p == std::string_view::npos || !detail::parse_int(val.substr(0, p), num) ||
              !detail::parse_int(val.substr(p + 1), value))
            continue;
          double mt = 0.0;
          if (use_microtiming_ && ti + mt_offset < seq.size() && microtiming(ti + mt_offset, v) &&
              seq[ti + mt_offset].has_int)
            mt = static_cast<double>(v);
          tracks.at(current_program)
              .controls.push_back(ControlChange{static_cast<tick_t>(current_tick + mt),
                                                static_cast<std::uint8_t>(num),
                                                static_cast<std::uint8_t>(value)});
          break;
        }
        default:
          // Tempo, KeySig and PitchBend as the other tokenizations decode them; PerTok's own
          // Program (duration per program), Pedal (no pedal durations) and ControlChange
          // (microtiming) come first.
          detail::decode_shared_event_at(tok.type, seq.value(ti), tok.has_int, tok.value, si == 0,
                                         cfg, static_cast<long long>(current_tick), current_program,
                                         tracks, targets,
                                         [] { return std::optional<long long>(-1); });
      }
    }
    tracks.end_sequence(score);
  }
  globals.finish(score, tracks);
  return score;
}

}  // namespace miditok
