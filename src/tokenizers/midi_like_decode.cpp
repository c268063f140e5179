// MIDILike decoding: tokens back to a Score (midi_like.py _tokens_to_score). NoteOn tokens
// queue (onset, velocity) per program and pitch; a NoteOff ends the oldest one (FIFO). With
// max_duration, durations are capped and notes never ended get max_duration. Malformed
// sequences never crash: unknown values and incomplete notes are skipped.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "../tokenizer/decode_helpers.h"
#include "miditok/tokenizers/midi_like.h"

namespace miditok {

Score MIDILike::ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                             const std::optional<std::vector<ProgramSpec>>& programs) const {
  using detail::TokType;
  const auto table_ptr = id_table();
  const detail::IdTable& table = *table_ptr;
  const auto& cfg = config_;
  const bool one = cfg.one_token_stream_for_programs;
  Score score;
  score.ticks_per_quarter = time_division();
  detail::DecodedTracks tracks(one);
  detail::DecodedGlobals globals;
  auto& time_sigs = globals.time_signatures;
  std::map<int, long long> active_pedals;
  const detail::SharedEventTargets targets{globals, active_pedals};
  // program -> pitch -> FIFO of (onset, velocity); programs in config order first (MidiTok's
  // dict), then any other in order of appearance. Flat per-program pitch tables: decoding looks
  // one up per NoteOn / NoteOff.
  struct Fifo {
    std::vector<std::pair<long long, int>> items;
    std::size_t head = 0;  // items before it have ended
  };
  const int low_pitch = cfg.pitch_range.first;
  const auto num_pitches =
      static_cast<std::size_t>(std::max(0, cfg.pitch_range.second - cfg.pitch_range.first + 1));
  std::vector<int> prog_order(cfg.programs.begin(), cfg.programs.end());
  detail::PerProgram<bool> known(false);
  for (int p : prog_order) known[p] = true;
  detail::PerProgram<std::vector<Fifo>> active;  // empty: no note of the program yet
  auto queue_of = [&](int prog, int pitch) -> Fifo& {
    if (!known[prog]) {
      known[prog] = true;
      prog_order.push_back(prog);
    }
    auto& pitches = active[prog];
    if (pitches.empty()) pitches.resize(num_pitches);
    return pitches[static_cast<std::size_t>(pitch - low_pitch)];
  };
  std::optional<long long> max_duration;
  auto flush_active = [&](int prog, Track& track) {
    if (!max_duration) return;
    const auto& pitches = active[prog];
    for (std::size_t k = 0; k < pitches.size(); ++k) {
      const Fifo& q = pitches[k];
      for (std::size_t i = q.head; i < q.items.size(); ++i)
        track.notes.push_back(Note{static_cast<tick_t>(q.items[i].first),
                                   static_cast<tick_t>(*max_duration),
                                   static_cast<std::int8_t>(low_pitch + static_cast<int>(k)),
                                   static_cast<std::int8_t>(q.items[i].second)});
    }
  };

  for (std::size_t si = 0; si < sequences.size(); ++si) {
    const detail::IdSeq seq(table, sequences[si]);
    long long current_tick = 0;
    int current_program = 0;
    detail::PerProgram<long long> prev_onset(-128), prev_chord(-128);
    int ticks_per_beat = time_division();
    const detail::IdTicks* ticks = table.ticks_at(ticks_per_beat);
    active_pedals.clear();
    max_duration = max_duration_ticks(ticks_per_beat);
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
    bool uses_noteoff = uses_duration(current_program);
    tracks.reserve_notes(seq.size(), 1 + std::size_t{cfg.use_velocities} + uses_noteoff);
    auto duration_ticks = [&](std::size_t i) -> long long {
      return ticks ? ticks->duration[static_cast<std::size_t>(seq.id(i))] : -1;
    };
    bool stop = false;  // MidiTok stops a sequence ending on a NoteOn (velocities on)
    for (std::size_t ti = 0; ti < seq.size() && !stop; ++ti) {
      const detail::IdInfo& tok = seq[ti];
      switch (tok.type) {
        case TokType::kTimeShift: {
          const long long t = duration_ticks(ti);
          if (t >= 0) current_tick += t;
          break;
        }
        case TokType::kRest: {
          const long long t = ticks ? ticks->rest[static_cast<std::size_t>(seq.id(ti))] : -1;
          if (t >= 0) current_tick += t;
          break;
        }
        case TokType::kNoteOn:
        case TokType::kDrumOn:
        case TokType::kNoteOff:
        case TokType::kDrumOff:
        case TokType::kPitchIntervalTime:
        case TokType::kPitchIntervalChord: {
          if (!tok.has_int) continue;
          long long pitch = tok.value;
          if (tok.type == TokType::kPitchIntervalTime)
            pitch = prev_onset[current_program] + tok.value;
          else if (tok.type == TokType::kPitchIntervalChord)
            pitch = prev_chord[current_program] + tok.value;
          if (pitch < cfg.pitch_range.first || pitch > cfg.pitch_range.second) continue;
          if (tok.type != TokType::kNoteOff && tok.type != TokType::kDrumOff) {
            long long vel = 100;
            if (cfg.use_velocities) {
              if (ti + 1 >= seq.size()) {
                stop = true;  // last token: MidiTok stops the sequence
                continue;
              }
              // MidiTok reads the next token's value whatever its type.
              const detail::IdInfo& v = seq[ti + 1];
              if (!v.has_int || v.value < 0 || v.value > 127) continue;
              vel = v.value;
            }
            if (!uses_noteoff) {
              tracks.at(current_program)
                  .notes.push_back(
                      Note{static_cast<tick_t>(current_tick),
                           static_cast<tick_t>(cfg.default_note_duration.value * ticks_per_beat),
                           static_cast<std::int8_t>(pitch), static_cast<std::int8_t>(vel)});
            } else {
              queue_of(current_program, static_cast<int>(pitch))
                  .items.emplace_back(current_tick, static_cast<int>(vel));
            }
            prev_chord[current_program] = pitch;
            if (tok.type != TokType::kPitchIntervalChord) prev_onset[current_program] = pitch;
          } else {
            Fifo& q = queue_of(current_program, static_cast<int>(pitch));
            if (q.head == q.items.size()) continue;
            const auto [onset, vel] = q.items[q.head++];
            if (q.head == q.items.size()) {  // all ended: the storage is reused
              q.items.clear();
              q.head = 0;
            }
            long long duration = current_tick - onset;
            if (max_duration && duration > *max_duration) duration = *max_duration;
            tracks.at(current_program)
                .notes.push_back(Note{static_cast<tick_t>(onset), static_cast<tick_t>(duration),
                                      static_cast<std::int8_t>(pitch),
                                      static_cast<std::int8_t>(vel)});
          }
          break;
        }
        case TokType::kTimeSig: {
          TimeSignature ts;
          if (!detail::time_signature_at(seq.value(ti), current_tick, ts) ||
              !tpb_per_ts().count(ts.denominator))
            continue;
          ticks_per_beat = tpb_per_ts().at(ts.denominator);
          ticks = table.ticks_at(ticks_per_beat);
          max_duration = max_duration_ticks(ticks_per_beat);
          if (si == 0) time_sigs.push_back(ts);
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
          if (tok.type == TokType::kProgram) uses_noteoff = uses_duration(current_program);
        }
      }
    }
    if (!one) {
      Track& t = tracks.current();
      if (!(t.notes.empty() && t.controls.empty() && t.pitch_bends.empty())) {
        // MidiTok flushes the queue of the track's program (0 for drums), then resets it.
        const int prog = t.program;
        flush_active(prog, t);
        active[prog].clear();
      }
      tracks.end_sequence(score);
    }
  }
  if (one && max_duration)
    for (int prog : prog_order) {
      const auto& pitches = active[prog];
      if (std::any_of(pitches.begin(), pitches.end(),
                      [](const Fifo& q) { return q.head < q.items.size(); }))
        flush_active(prog, tracks.at(prog));
    }
  globals.finish(score, tracks);
  return score;
}

}  // namespace miditok
