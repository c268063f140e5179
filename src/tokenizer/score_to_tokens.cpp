// Encoding and decoding workflow of MusicTokenizer: global and per-track events, the stable
// sort by time, program changes, time events (hook), then tokens and ids (decode: decode.cpp).
#include <algorithm>
#include <cmath>
#include <iterator>

#include "event_order.h"
#include "event_push.h"
#include "int_value.h"
#include "miditok/core/error.h"
#include "miditok/tokenizer/encode_limits.h"
#include "miditok/tokenizer/music_tokenizer.h"
#include "numeric.h"
#include "score_helpers.h"

namespace miditok {

namespace {

/// The id at `index` of a table of ids by value, -1 (found by token string later, or reported
/// unknown) when the index is outside it.
token_id_t id_at(const std::vector<token_id_t>& ids, int index) {
  return index >= 0 && static_cast<std::size_t>(index) < ids.size()
             ? ids[static_cast<std::size_t>(index)]
             : token_id_t{-1};
}

/// The id of an event made without one, by its token string (TokenError when unknown): out of
/// line, off the id loop's common path.
[[gnu::noinline]] token_id_t id_by_token(const MusicTokenizer& tok, const Event& e) {
  return tok.token_to_id(e.str());
}

}  // namespace

std::vector<Event> MusicTokenizer::create_global_events(const Score& score) const {
  std::vector<Event> events;
  if (config_.use_time_signatures)
    for (const auto& ts : score.time_signatures)
      events.push_back(Event{"TimeSig",
                             std::to_string(ts.numerator) + "/" + std::to_string(ts.denominator),
                             ts.time, 0, 0});
  if (config_.use_tempos)
    for (const auto& t : score.tempos)
      events.push_back(Event{"Tempo", python_float_repr(detail::py_round2(t.qpm())), t.time, 0, 0});
  if (config_.use_key_signatures)
    for (const auto& k : score.key_signatures)
      events.push_back(Event{"KeySig",
                             std::to_string(static_cast<int>(k.key)) + ":" +
                                 std::to_string(static_cast<int>(k.tonality)),
                             k.time, 0, 0});
  return events;
}

void MusicTokenizer::create_track_events(const Track& track, const TpbSections* tpb,
                                         std::vector<Event>& events) const {
  const auto& cfg = config_;
  const int program = track.is_drum ? -1 : track.program;
  const bool use_durations = uses_duration(program);
  const bool prog_tokens = cfg.use_programs && !cfg.program_changes;
  events.reserve(events.size() + track.notes.size() * 5 + track.pedals.size() * 2 +
                 track.pitch_bends.size() * 2 + track.controls.size() * 2 + 8);
  const token_id_t prog_id = program_ids_[static_cast<std::size_t>(program + 1)];
  const EventValue prog_str = detail::int_value(program);
  long long max_time_interval = 0;
  if (cfg.use_pitch_intervals)
    max_time_interval = static_cast<long long>(
        std::nearbyint((*tpb)[0].second * cfg.pitch_intervals_max_time_dist.value));
  long long previous_note_onset = -max_time_interval - 1;
  int previous_pitch_onset = -128, previous_pitch_chord = -128;

  if (cfg.use_sustain_pedals) {
    std::size_t tpb_idx = 0;
    for (const auto& pedal : track.pedals) {
      events.push_back(Event{"Pedal", detail::int_value(program), pedal.time, program, 0,
                             id_at(pedal_ids_, program + 1)});
      if (cfg.sustain_pedal_duration) {
        while (tpb_idx + 1 < tpb->size() && pedal.time >= (*tpb)[tpb_idx].first) ++tpb_idx;
        const auto& table = tpb_ticks_to_tokens_.at((*tpb)[tpb_idx].second);
        auto it = table.find(pedal.duration);
        if (it == table.end())
          throw TokenError("pedal duration of " + std::to_string(pedal.duration) +
                           " ticks has no Duration token (the score must be preprocessed)");
        events.push_back(
            Event{"Duration", it->second.first, pedal.time, program, 0, it->second.second});
      } else {
        events.push_back(Event{"PedalOff", detail::int_value(program), pedal.end(), program, 0,
                               id_at(pedal_off_ids_, program + 1)});
      }
    }
  }
  if (cfg.use_pitch_bends)
    for (const auto& pb : track.pitch_bends) {
      if (prog_tokens)
        events.push_back(Event{"Program", detail::int_value(program), pb.time, program, 0});
      events.push_back(Event{"PitchBend", detail::int_value(pb.value), pb.time, program, 0});
    }
  if (cfg.use_control_changes)
    for (const auto& cc : track.controls) {
      if (prog_tokens)
        events.push_back(Event{"Program", detail::int_value(program), cc.time, program, 0});
      events.push_back(Event{"ControlChange",
                             std::to_string(cc.number) + "-" + std::to_string(cc.value), cc.time,
                             program, 0});
    }
  if (cfg.use_chords && !track.is_drum && !track.notes.empty()) {
    auto chords =
        detail::detect_chords(track.notes, *tpb, cfg.chord_maps, program,
                              cfg.chord_tokens_with_root_note, first_beat_res_, cfg.chord_unknown);
    for (auto& c : chords) {
      if (prog_tokens) detail::push_event(events, "Program", prog_str, c.time, program, 0, prog_id);
      events.push_back(c);
    }
  }
  std::size_t tpb_idx = 0;
  // The Duration cells of the ticks-per-beat section of the current note (cells_k: its index).
  std::size_t cells_k = static_cast<std::size_t>(-1);
  const std::vector<DurationCell>* cells = nullptr;
  for (const auto& note : track.notes) {
    const tick_t end = note.end();
    if (prog_tokens)
      detail::push_event(events, "Program", prog_str, note.time, program, end, prog_id);
    bool absolute = true;
    if (cfg.use_pitch_intervals && !track.is_drum) {
      if (note.time >= (*tpb)[tpb_idx].first && tpb_idx + 1 < tpb->size()) {
        ++tpb_idx;
        max_time_interval = static_cast<long long>(
            std::nearbyint((*tpb)[tpb_idx].second * cfg.pitch_intervals_max_time_dist.value));
      }
      if (note.time != previous_note_onset) {
        if (note.time - previous_note_onset <= max_time_interval &&
            std::abs(note.pitch - previous_pitch_onset) <= cfg.max_pitch_interval) {
          const int interval = note.pitch - previous_pitch_onset;
          events.push_back(Event{"PitchIntervalTime", detail::int_value(interval), note.time,
                                 program, end, id_at(interval_time_ids_, interval + 127)});
          absolute = false;
        }
        previous_pitch_onset = previous_pitch_chord = note.pitch;
      } else {
        if (std::abs(note.pitch - previous_pitch_chord) <= cfg.max_pitch_interval) {
          const int interval = note.pitch - previous_pitch_chord;
          events.push_back(Event{"PitchIntervalChord", detail::int_value(interval), note.time,
                                 program, end, id_at(interval_chord_ids_, interval + 127)});
          absolute = false;
        } else {
          previous_pitch_onset = note.pitch;
        }
        previous_pitch_chord = note.pitch;
      }
      previous_note_onset = note.time;
    }
    if (absolute) {
      const bool drum = cfg.use_pitchdrum_tokens && track.is_drum;
      const std::string_view name =
          drum ? (note_on_off_ ? "DrumOn" : "PitchDrum") : (note_on_off_ ? "NoteOn" : "Pitch");
      const auto pidx = static_cast<std::size_t>(static_cast<std::uint8_t>(note.pitch) & 127);
      const token_id_t pid = note_on_off_ ? (drum ? drum_on_ids_[pidx] : note_on_ids_[pidx])
                                          : (drum ? pitchdrum_ids_[pidx] : pitch_ids_[pidx]);
      detail::push_event(events, name, detail::small_int_value(note.pitch), note.time, program, end,
                         pid);
    }
    if (cfg.use_velocities)
      detail::push_event(
          events, "Velocity", detail::small_int_value(note.velocity), note.time, program, 0,
          velocity_ids_[static_cast<std::size_t>(static_cast<std::uint8_t>(note.velocity) & 127)]);
    if (use_durations) {
      if (note_on_off_) {
        if (prog_tokens) detail::push_event(events, "Program", prog_str, end, program, 0, prog_id);
        const bool drum = cfg.use_pitchdrum_tokens && track.is_drum;
        const auto pidx = static_cast<std::size_t>(static_cast<std::uint8_t>(note.pitch) & 127);
        detail::push_event(events, drum ? "DrumOff" : "NoteOff",
                           detail::small_int_value(note.pitch), end, program, end,
                           drum ? drum_off_ids_[pidx] : note_off_ids_[pidx]);
      } else if (!traits_.quantize_durations) {
        const GridDuration& d = grid_durations_[nearest_duration(note.duration)];
        detail::push_event(events, "Duration", d.value, note.time, program, 0, d.id);
      } else {
        std::size_t k = tpb_idx;
        while (k + 1 < tpb->size() && note.time >= (*tpb)[k].first) ++k;
        if (k != cells_k) {
          const auto found = tpb_duration_cells_.find((*tpb)[k].second);
          cells = found == tpb_duration_cells_.end() ? nullptr : &found->second;
          cells_k = k;
        }
        if (cells != nullptr && note.duration >= 0 &&
            static_cast<std::size_t>(note.duration) < cells->size()) {
          const DurationCell& cell = (*cells)[static_cast<std::size_t>(note.duration)];
          if (!cell.value.empty()) {
            detail::push_event(events, "Duration", cell.value, note.time, program, 0, cell.id);
            continue;
          }
        }
        const auto& table = tpb_ticks_to_tokens_.at((*tpb)[k].second);
        auto it = table.find(note.duration);
        if (it == table.end())
          throw TokenError("note duration of " + std::to_string(note.duration) +
                           " ticks has no Duration token (the score must be preprocessed)");
        events.push_back(
            Event{"Duration", it->second.first, note.time, program, 0, it->second.second});
      }
    }
  }
}

namespace {

// Puts the control events where MidiTok's stable sort of [global, controls, track events] puts
// them relative to the others: between the global and the track events when those are not
// sorted by time (sort_events sorts them all later); when they are, merged in directly (after
// the events of earlier ticks and the global ones of their tick, before the track events of their
// tick), which any stable, time-major sort keeps as is, so sorting stays a linear check.
void insert_attribute_control_events(std::vector<Event>& events, std::size_t n_global,
                                     std::vector<Event> acs) {
  if (acs.empty()) return;
  const auto by_time = [](const Event& a, const Event& b) { return a.time < b.time; };
  detail::stable_sort_by_time(acs);
  if (!std::is_sorted(events.begin(), events.end(), by_time)) {
    events.insert(events.begin() + static_cast<std::ptrdiff_t>(n_global),
                  std::make_move_iterator(acs.begin()), std::make_move_iterator(acs.end()));
    return;
  }
  std::vector<Event> merged;
  merged.reserve(events.size() + acs.size());
  std::size_t i = 0;
  for (Event& ac : acs) {
    while (i < events.size() &&
           (events[i].time < ac.time || (events[i].time == ac.time && i < n_global)))
      merged.push_back(std::move(events[i++]));
    merged.push_back(std::move(ac));
  }
  for (; i < events.size(); ++i) merged.push_back(std::move(events[i]));
  events = std::move(merged);
}

void insert_program_change_events(std::vector<Event>& events) {
  int previous_program = 0;
  bool has_previous = false;
  std::string_view previous_type;
  // One pass into a new vector (inserting in place was quadratic in the number of changes).
  std::vector<Event> out;
  out.reserve(events.size() + events.size() / 4 + 1);
  for (auto& e : events) {
    const bool global = e.type == "TimeSig" || e.type == "Tempo";
    if ((!has_previous || e.program != previous_program) && e.type != "Pedal" &&
        e.type != "PedalOff" && !global && !(e.type == "Duration" && previous_type == "Pedal")) {
      previous_program = e.program;
      has_previous = true;
      out.push_back(Event{"Program", std::to_string(e.program), e.time, 0, 0});
    }
    previous_type = e.type;
    out.push_back(std::move(e));
  }
  events = std::move(out);
}

}  // namespace

void MusicTokenizer::sort_events(std::vector<Event>& events) const {
  detail::stable_sort_by_time(events);
}

void MusicTokenizer::add_attribute_control_events(const Track& track, const TrackAcIndexes& indexes,
                                                  tick_t ticks_per_quarter,
                                                  std::span<const tick_t> bars_ticks,
                                                  std::span<const tick_t> beats_ticks,
                                                  std::vector<Event>& events) const {
  std::vector<AcEvent> acs = compute_track_attribute_controls(
      attribute_controls_, indexes, track, ticks_per_quarter, bars_ticks, beats_ticks);
  std::string token;
  for (AcEvent& ac : acs) {
    token.assign(ac.type).append(1, '_').append(ac.value);
    const auto it = ac_tokens_.find(std::string_view(token));
    if (it == ac_tokens_.end() || it->second.second < 0)
      throw TokenError("attribute control token \"" + token + "\" is not in the " + class_name_ +
                       " vocabulary");
    events.push_back(
        Event{it->second.first, std::move(ac.value), ac.time, 0, 0, it->second.second});
  }
}

std::vector<TokSequence> MusicTokenizer::score_to_tokens(
    const Score& score, bool with_tokens, const AcIndexes& ac_indexes,
    std::span<const tick_t> bars_ticks, std::span<const tick_t> beats_ticks) const {
  const auto& cfg = config_;
  const bool one = cfg.one_token_stream_for_programs;
  auto global = create_global_events(score);
  TpbSections tpb_store;
  const TpbSections* tpb = nullptr;
  if (!note_on_off_ || (cfg.use_sustain_pedals && cfg.sustain_pedal_duration) || cfg.use_chords ||
      cfg.use_pitch_intervals) {
    if (cfg.use_time_signatures && !score.time_signatures.empty())
      tpb_store = detail::score_ticks_per_beat(score);
    else
      tpb_store = {{detail::score_end(score), time_division_}};
    tpb = &tpb_store;
  }
  std::vector<std::vector<Event>> all;
  // Per sequence: sort_events done (else left to sort_and_add_time_events).
  std::vector<bool> sorted;
  if (one) {
    all.emplace_back(global);
    std::size_t total = all[0].size();
    for (const auto& track : score.tracks) total += track.notes.size() * 5 + 8;
    all[0].reserve(total);
    for (std::size_t ti = 0; ti < score.tracks.size(); ++ti) {
      // No control exists in one-stream mode: indexes given here raise (as MidiTok's IndexError).
      if (auto it = ac_indexes.find(static_cast<int>(ti)); it != ac_indexes.end())
        add_attribute_control_events(score.tracks[ti], it->second, score.ticks_per_quarter,
                                     bars_ticks, beats_ticks, all[0]);
      create_track_events(score.tracks[ti], tpb, all[0]);
    }
    if (cfg.program_changes) {
      sort_events(all[0]);
      insert_program_change_events(all[0]);
      sorted.push_back(true);
    } else {
      sorted.push_back(false);  // sort_and_add_time_events below
    }
  } else {
    if (score.tracks.empty()) {
      all.emplace_back(global);
      if (all[0].size() > 2) sort_events(all[0]);
      sorted.push_back(true);
    }
    for (std::size_t ti = 0; ti < score.tracks.size(); ++ti) {
      all.emplace_back(global);
      create_track_events(score.tracks[ti], tpb, all.back());
      // MidiTok's _create_track_events puts the controls' events before the track's own, so
      // the stable sort keeps them first among the events of their tick; track-level ones
      // (time -1) open the sequence and get time 0 after sorting.
      const auto it = ac_indexes.find(static_cast<int>(ti));
      if (it == ac_indexes.end()) {
        sorted.push_back(false);  // sort_and_add_time_events below
        continue;
      }
      std::vector<Event> acs;
      add_attribute_control_events(score.tracks[ti], it->second, score.ticks_per_quarter,
                                   bars_ticks, beats_ticks, acs);
      insert_attribute_control_events(all.back(), global.size(), std::move(acs));
      sort_events(all.back());
      for (Event& e : all.back()) {
        if (!e.type.starts_with("ACTrack")) break;
        e.time = 0;
      }
      sorted.push_back(true);
    }
  }
  std::vector<TokSequence> out;
  for (std::size_t i = 0; i < all.size(); ++i) {
    TokSequence seq;
    seq.events = sorted[i] ? add_time_events(std::move(all[i]), score.ticks_per_quarter)
                           : sort_and_add_time_events(std::move(all[i]), score.ticks_per_quarter);
    if (!one && cfg.program_changes && !score.tracks.empty()) {
      const auto& t = score.tracks[i];
      const int program = t.is_drum ? -1 : t.program;
      seq.events.insert(seq.events.begin(),
                        Event{"Program", detail::int_value(program), 0, 0, 0,
                              program_ids_[static_cast<std::size_t>(program + 1)]});
    }
    if (with_tokens) {
      complete_sequence(seq);
    } else {
      // Most events carry their id; the others are looked up by their token string.
      const std::size_t n = seq.events.size();
      seq.ids.resize(n);
      const Event* events = seq.events.data();
      token_id_t* ids = seq.ids.data();
      for (std::size_t k = 0; k < n; ++k) {
        const token_id_t id = events[k].id;
        ids[k] = id >= 0 ? id : id_by_token(*this, events[k]);
      }
    }
    out.push_back(std::move(seq));
  }
  return out;
}

std::vector<TokSequence> MusicTokenizer::encode(const Score& input, bool no_preprocess,
                                                bool with_tokens,
                                                const AcIndexes& attribute_controls_indexes,
                                                bool encode_ids) const {
  Score pre;
  const Score* score = &input;
  check_encode_limits(input);  // before anything sized by the score's length is built
  if (!no_preprocess) {
    pre = preprocess_score(input);
    score = &pre;
    check_encode_limits(pre);
  }
  auto seqs = encode_score(*score, with_tokens, attribute_controls_indexes);
  if (encode_ids) encode_token_ids(seqs);
  return seqs;
}

std::vector<TokSequence> MusicTokenizer::encode_score(
    const Score& score, bool with_tokens, const AcIndexes& attribute_controls_indexes) const {
  auto bars = detail::bars_ticks(score, true);
  auto beats = detail::beats_ticks(score, true);
  auto seqs = score_to_tokens(score, with_tokens, attribute_controls_indexes, bars, beats);
  for (auto& s : seqs) {
    s.ticks_bars = bars;
    s.ticks_beats = beats;
  }
  return seqs;
}

}  // namespace miditok
