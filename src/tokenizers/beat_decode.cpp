// BEAT decoding (MidiTok's BEAT._tokens_to_score): onsets and sustains of each Pattern become
// notes, extended across steps and beats while the sustain follows the note's end; repeated
// Program blocks of a beat are separate tracks by order of occurrence. Also BEAT's error count
// (token-type successions and descending pitch codes within each block).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>

#include "../tokenizer/decode_helpers.h"
#include "miditok/preprocess/globals.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/tokenizers/beat.h"

namespace miditok {

using detail::parse_int;
using detail::split_token;

namespace {

/// A decoded track: (program, occurrence within a beat) and its notes.
struct BeatTrack {
  int program;
  int occurrence;
  std::vector<Note> notes;
};

/// The four step states (base-3 digits, most significant first: 0 rest, 1 onset, 2 sustain) of
/// each of the 81 Pattern values.
constexpr auto kPatternStates = [] {
  std::array<std::array<std::uint8_t, 4>, 81> states{};
  for (int p = 0; p < 81; ++p)
    for (int k = 0, d = 27; k < 4; ++k, d /= 3)
      states[static_cast<std::size_t>(p)][static_cast<std::size_t>(k)] =
          static_cast<std::uint8_t>(p / d % 3);
  return states;
}();

}  // namespace

Score BEAT::ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                         const std::optional<std::vector<ProgramSpec>>& programs) const {
  using detail::TokType;
  (void)programs;  // the programs are in the sequence
  const auto table_ptr = id_table();
  const detail::IdSeq tokens(*table_ptr, sequences.at(0));
  const tick_t tpq = time_division();
  Score score;
  score.ticks_per_quarter = tpq;
  long long ticks_per_beat = tpq;
  long long ticks_per_bar = 4LL * tpq;
  long long bar_start = -1;
  long long current_tick = 0;
  std::vector<BeatTrack> tracks;  // in order of first appearance, as MidiTok's dict
  std::map<std::pair<int, int>, std::size_t> track_index;
  std::array<int, 129> occurrences{};
  std::pair<int, int> current{0, 0};  // (program, occurrence in the beat)
  // The note of each (track, pitch) a sustain state may extend: its index in the track's notes
  // at active[track * 128 + pitch], -1 for none (a flat table: four probes per note).
  std::vector<std::int64_t> active;
  const auto active_slot = [&](std::size_t track, long long pitch) -> std::int64_t& {
    const std::size_t i = track * 128 + static_cast<std::size_t>(pitch);
    if (i >= active.size()) active.resize((track + 1) * 128, -1);
    return active[i];
  };
  long long previous_pitch = -1;
  bool has_previous = false;
  const auto track_of = [&](int program, int occurrence) {
    auto [it, inserted] = track_index.try_emplace({program, occurrence}, tracks.size());
    if (inserted) tracks.push_back(BeatTrack{program, occurrence, {}});
    return it->second;
  };
  const auto at_bar = [&] { return static_cast<tick_t>(std::max(bar_start, 0LL)); };
  for (std::size_t ti = 0; ti < tokens.size(); ++ti) {
    const detail::IdInfo& tok = tokens[ti];
    switch (tok.type) {
      case TokType::kBar:
        bar_start = bar_start < 0 ? 0 : bar_start + ticks_per_bar;
        current_tick = bar_start - ticks_per_beat;
        has_previous = false;
        break;
      case TokType::kBeat:
        current_tick += ticks_per_beat;
        has_previous = false;
        occurrences.fill(0);
        break;
      case TokType::kTimeSig: {
        int num = 0, den = 0;
        if (!detail::parse_time_sig(tokens.value(ti), num, den) || (den & (den - 1)) != 0) continue;
        score.time_signatures.push_back(TimeSignature{at_bar(), static_cast<std::uint8_t>(num),
                                                      static_cast<std::uint8_t>(den)});
        ticks_per_beat = compute_ticks_per_beat(den, tpq);
        ticks_per_bar = num * ticks_per_beat;
        current_tick = bar_start - ticks_per_beat;
        break;
      }
      case TokType::kTempo: {
        const double qpm = std::strtod(std::string(tokens.value(ti)).c_str(), nullptr);
        if (qpm > 0) score.tempos.push_back(Tempo{at_bar(), qpm_to_mspq(qpm)});
        break;
      }
      case TokType::kKeySig: {
        const std::string_view value = tokens.value(ti);
        const auto p = value.find(':');
        long long k = 0, t = 0;
        if (p != std::string_view::npos && parse_int(value.substr(0, p), k) &&
            parse_int(value.substr(p + 1), t))
          score.key_signatures.push_back(
              KeySignature{at_bar(), static_cast<std::int8_t>(k), static_cast<std::uint8_t>(t)});
        break;
      }
      case TokType::kProgram: {
        if (!tok.has_int || tok.value < -1 || tok.value > 127) continue;
        const int program = static_cast<int>(tok.value);
        int& occ = occurrences[static_cast<std::size_t>(program + 1)];
        current = {program, occ++};
        track_of(current.first, current.second);
        has_previous = false;
        break;
      }
      case TokType::kPitch:
      case TokType::kPitchDrum: {
        if (!tok.has_int) continue;
        const long long pitch = !has_previous || tok.type == TokType::kPitchDrum
                                    ? tok.value
                                    : previous_pitch - tok.value;
        previous_pitch = pitch;
        has_previous = true;
        if (pitch < 0 || pitch > 127 || ti + 1 >= tokens.size()) continue;
        const detail::IdInfo& pat = tokens[ti + 1];
        if (pat.type != TokType::kPattern || !pat.has_int || pat.value < 0 || pat.value >= 81)
          continue;
        const long long pattern = pat.value;
        long long velocity = 100;  // MidiTok's DEFAULT_VELOCITY
        if (config_.use_velocities) {
          if (ti + 2 >= tokens.size()) continue;
          const detail::IdInfo& vel = tokens[ti + 2];
          if (vel.type != TokType::kVelocity || !vel.has_int) continue;
          velocity = vel.value;
        }
        // Before any Program token the notes go to MidiTok's initial track (0, 0), which its
        // first onset creates.
        auto found = track_index.find(current);
        std::size_t track = found == track_index.end() ? tracks.size() : found->second;
        const long long step = detail::floor_div(ticks_per_beat, 4);
        // track_of below gives `track` again: the note's slot stays the same over the steps
        std::int64_t& active_note = active_slot(track, pitch);
        for (std::size_t k = 0; k < 4; ++k) {
          const long long tick = current_tick + static_cast<long long>(k) * step;
          const int state = kPatternStates[static_cast<std::size_t>(pattern)][k];
          if (state == 1) {
            track = track_of(current.first, current.second);
            auto& notes = tracks[track].notes;
            notes.push_back(Note{static_cast<tick_t>(tick), static_cast<tick_t>(step),
                                 static_cast<std::int8_t>(pitch),
                                 static_cast<std::int8_t>(velocity)});
            active_note = static_cast<std::int64_t>(notes.size()) - 1;
          } else if (state == 2 && active_note >= 0 &&
                     tracks[track].notes[static_cast<std::size_t>(active_note)].end() == tick) {
            tracks[track].notes[static_cast<std::size_t>(active_note)].duration +=
                static_cast<tick_t>(step);
          } else {
            active_note = -1;
          }
        }
        break;
      }
      default:
        break;
    }
  }
  for (BeatTrack& t : tracks) {
    Track track = detail::make_decoded_track(t.program);
    std::stable_sort(t.notes.begin(), t.notes.end(), [](const Note& a, const Note& b) {
      return std::tie(a.time, a.duration, a.pitch) < std::tie(b.time, b.duration, b.pitch);
    });
    track.notes = std::move(t.notes);
    score.tracks.push_back(std::move(track));
  }
  return score;
}

int BEAT::count_tokens_errors(const std::vector<std::string>& tokens) const {
  int errors = 0;
  std::string_view previous_type;
  bool has_previous_type = false;
  long long previous_pitch = 0;
  bool has_previous = false;
  const auto& graph = tokens_types_graph();
  for (const auto& token : tokens) {
    auto [type, value] = split_token(token);
    bool invalid = false;
    if (has_previous_type) {
      auto it = graph.find(std::string(previous_type));
      invalid = it == graph.end() || !it->second.contains(std::string(type));
    }
    if (detail::tok_is(type, "Bar") || detail::tok_is(type, "Beat") ||
        detail::tok_is(type, "Program")) {
      has_previous = false;
    } else if (detail::tok_is(type, "Pitch") || detail::tok_is(type, "PitchDrum")) {
      long long code = 0;
      parse_int(value, code);
      const long long pitch =
          !has_previous || detail::tok_is(type, "PitchDrum") ? code : previous_pitch - code;
      invalid = invalid || pitch < 0 || pitch > 127 ||
                (detail::tok_is(type, "Pitch") && has_previous && code <= 0);
      previous_pitch = pitch;
      has_previous = true;
    }
    errors += invalid ? 1 : 0;
    previous_type = type;
    has_previous_type = true;
  }
  return errors;
}

}  // namespace miditok
