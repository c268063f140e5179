// BEAT encoding (MidiTok's BEAT._score_to_tokens) without a dense piano roll: symusic's
// Track.pianoroll(["frame", "onset"], encode_velocity=True) is read only at the four steps of
// each beat by a sweep over the notes sorted by onset. The roll semantics are kept: a later note
// of the list overwrites an earlier one on the ticks they share (frame), and on its onset tick.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <string>

#include "miditok/core/error.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/score/score_ops.h"
#include "miditok/tokenizers/beat.h"

namespace miditok {

namespace {

/// A set of pitches 0-127 as two words, iterated in ascending or descending order.
struct PitchMask {
  std::array<std::uint64_t, 2> w{};
  void set(int p) { w[static_cast<std::size_t>(p >> 6)] |= std::uint64_t{1} << (p & 63); }
  void reset(int p) { w[static_cast<std::size_t>(p >> 6)] &= ~(std::uint64_t{1} << (p & 63)); }
  bool test(int p) const { return (w[static_cast<std::size_t>(p >> 6)] >> (p & 63)) & 1U; }
  bool empty() const { return (w[0] | w[1]) == 0; }
  void clear() { w = {}; }
  template <class F>
  void for_each(F&& f) const {  // ascending
    for (std::size_t i = 0; i < 2; ++i)
      for (std::uint64_t b = w[i]; b != 0; b &= b - 1)
        f(static_cast<int>(i * 64 + static_cast<std::size_t>(std::countr_zero(b))));
  }
  template <class F>
  void for_each_descending(F&& f) const {
    for (std::size_t i = 2; i-- > 0;)
      for (std::uint64_t b = w[i]; b != 0;) {
        const int bit = 63 - std::countl_zero(b);
        b &= ~(std::uint64_t{1} << bit);
        f(static_cast<int>(i * 64) + bit);
      }
  }
};

/// The frame and onset planes of one track's piano roll, read at non-decreasing ticks.
class RollReader {
 public:
  explicit RollReader(const Track& track) {
    notes_.reserve(track.notes.size());
    for (std::size_t i = 0; i < track.notes.size(); ++i) {
      const Note& n = track.notes[i];
      if (n.pitch < 0) continue;  // outside the roll's pitch range [0, 128)
      notes_.push_back(RollNote{n.time, n.duration > 0 ? n.end() : n.time,
                                static_cast<std::uint32_t>(i), static_cast<std::uint8_t>(n.pitch),
                                static_cast<std::uint8_t>(n.velocity)});
    }
    std::stable_sort(notes_.begin(), notes_.end(),
                     [](const RollNote& a, const RollNote& b) { return a.start < b.start; });
  }

  /// Moves to tick t: frame(p) and onset(p) then give the roll's values there (0: none).
  void seek(tick_t t) {
    if (started_ && t <= tick_) restart();
    started_ = true;
    tick_ = t;
    onsets_.for_each([this](int p) { onset_[static_cast<std::size_t>(p)] = 0; });
    onsets_.clear();
    for (; next_ < notes_.size() && notes_[next_].start <= t; ++next_) {
      const RollNote& n = notes_[next_];
      const auto p = static_cast<std::size_t>(n.pitch);
      if (n.start == t) {  // in onset then list order: the last one written wins
        onset_[p] = n.value;
        onsets_.set(n.pitch);
      }
      if (n.end > t) {
        active_[p].push_back(n);
        active_mask_.set(n.pitch);
      }
    }
    frames_.clear();
    active_mask_.for_each([this, t](int pitch) {
      auto& list = active_[static_cast<std::size_t>(pitch)];
      std::erase_if(list, [t](const RollNote& n) { return n.end <= t; });
      if (list.empty()) {
        active_mask_.reset(pitch);
        return;
      }
      const RollNote* top = &list[0];
      for (const RollNote& n : list)
        if (n.index > top->index) top = &n;
      frame_[static_cast<std::size_t>(pitch)] = top->value;
      frames_.set(pitch);
    });
  }
  /// Pitches with a note sounding at the current tick (their frame value may be 0).
  const PitchMask& frames() const { return frames_; }
  /// Pitches with a note starting at the current tick.
  const PitchMask& onsets() const { return onsets_; }
  std::uint8_t frame(int p) const { return frame_[static_cast<std::size_t>(p)]; }
  std::uint8_t onset(int p) const { return onset_[static_cast<std::size_t>(p)]; }

 private:
  struct RollNote {
    tick_t start;
    tick_t end;  ///< start for notes without duration: they only write their onset
    std::uint32_t index;
    std::uint8_t pitch;
    std::uint8_t value;
  };
  void restart() {
    next_ = 0;
    active_mask_.for_each([this](int p) { active_[static_cast<std::size_t>(p)].clear(); });
    active_mask_.clear();
  }
  std::vector<RollNote> notes_;
  std::size_t next_ = 0;
  bool started_ = false;
  tick_t tick_ = 0;
  std::array<std::vector<RollNote>, 128> active_;
  PitchMask active_mask_, frames_, onsets_;
  std::array<std::uint8_t, 128> frame_{}, onset_{};
};

/// np_get_closest over the velocity bins for one float value (ties go to the upper bin).
int closest_velocity(const std::vector<std::pair<int, token_id_t>>& bins, double value,
                     token_id_t& id) {
  const auto n = bins.size();
  std::size_t idx = static_cast<std::size_t>(
      std::lower_bound(bins.begin(), bins.end(), value,
                       [](const auto& b, double v) { return static_cast<double>(b.first) < v; }) -
      bins.begin());
  const double prev = bins[idx > 0 ? idx - 1 : 0].first;
  const double cur = bins[std::min(idx, n - 1)].first;
  if (idx == n || std::fabs(value - prev) < std::fabs(value - cur)) idx = idx > 0 ? idx - 1 : 0;
  id = bins[idx].second;
  return bins[idx].first;
}

constexpr std::array<int, 4> kDigitWeights{27, 9, 3, 1};

}  // namespace

std::vector<TokSequence> BEAT::encode_score(const Score& score, bool with_tokens,
                                            const AcIndexes& attribute_controls_indexes) const {
  (void)attribute_controls_indexes;  // BEAT has no attribute controls
  const tick_t tpq = score.ticks_per_quarter;
  std::vector<Event> globals = create_global_events(score);
  tick_t end_tick = std::max<tick_t>(score_end(score), 1);
  for (const Event& e : globals) end_tick = std::max(end_tick, e.time + 1);
  std::vector<tick_t> bars = get_bars_ticks(score);
  const TimeSignature four_four{0, 4, 4};
  while (bars.back() < end_tick) {
    const TimeSignature* ts = nullptr;
    for (const auto& t : score.time_signatures)
      if (t.time <= bars.back()) ts = &t;
    tick_t bar_ticks = compute_ticks_per_bar(ts ? *ts : four_four, tpq);
    if (bar_ticks <= 0) bar_ticks = compute_ticks_per_bar(four_four, tpq);
    bars.push_back(bars.back() + bar_ticks);
  }
  std::vector<TickSection> sections;
  if (score.time_signatures.empty()) {  // MidiTok fails (IndexError): one 4/4 section here
    sections.push_back({score_end(score) + 1, tpq});
  } else {
    get_score_ticks_per_beat(score, sections);
  }

  std::vector<std::size_t> order(score.tracks.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto key = [&](std::size_t i) {
    const Track& t = score.tracks[i];
    return t.is_drum ? 128 : int{t.program};
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  std::array<int, 129> tracks_per_program{};
  std::vector<RollReader> rolls;
  rolls.reserve(order.size());
  for (std::size_t i : order) {
    const Track& t = score.tracks[i];
    ++tracks_per_program[static_cast<std::size_t>((t.is_drum ? -1 : int{t.program}) + 1)];
    rolls.emplace_back(t);
  }

  TokSequence seq;
  auto& events = seq.events;
  auto& ids = seq.ids;
  const auto emit = [&](std::string_view type, EventValue value, tick_t time, token_id_t id) {
    events.push_back(Event{type, value, time, 0, 0, id});
    ids.push_back(id);
  };
  const bool use_vel = config_.use_velocities;
  const bool pitchdrum = config_.use_pitchdrum_tokens;
  std::array<int, 128> pattern{}, vel_sum{}, vel_count{};
  PitchMask sounding, touched, step_onsets;
  for (std::size_t b = 0; b + 1 < bars.size(); ++b) {
    const tick_t bar_start = bars[b], bar_end = bars[b + 1];
    auto sec = std::upper_bound(sections.begin(), sections.end(), bar_start,
                                [](tick_t t, const TickSection& s) { return t < s.end_tick; });
    if (sec == sections.end()) --sec;  // MidiTok fails (IndexError) past the last section
    const tick_t tpb = sec->value;
    const tick_t step = tpb / 4;
    if (step <= 0)
      throw TokenError("BEAT needs at least 4 ticks per beat, the score has " +
                       std::to_string(tpb) + " (it must be preprocessed)");
    seq.ticks_bars.push_back(bar_start);
    emit("Bar", "None", bar_start, bar_id_);
    for (const Event& g : globals)
      if (g.time == bar_start) {
        const token_id_t id = find_id(g.str());
        if (id < 0)
          throw TokenError("unknown token \"" + g.str() + "\": not in the BEAT vocabulary");
        emit(g.type, g.value, bar_start, id);
      }
    const tick_t beats_end = std::min(bar_end, end_tick);
    for (tick_t beat = bar_start; beat < beats_end; beat += tpb) {
      seq.ticks_beats.push_back(beat);
      emit("Beat", "None", beat, beat_id_);
      for (std::size_t ti = 0; ti < order.size(); ++ti) {
        const Track& track = score.tracks[order[ti]];
        RollReader& roll = rolls[ti];
        sounding.clear();
        touched.clear();
        for (std::size_t k = 0; k < 4 && static_cast<tick_t>(k) * step < tpb; ++k) {
          roll.seek(beat + static_cast<tick_t>(k) * step);
          const int w = kDigitWeights[k];
          step_onsets.clear();
          roll.onsets().for_each([&](int p) {
            if (roll.onset(p) == 0) return;
            step_onsets.set(p);
            touched.set(p);
            pattern[static_cast<std::size_t>(p)] += w;
          });
          roll.frames().for_each([&](int p) {
            const int v = roll.frame(p);
            if (v == 0) return;
            const auto pi = static_cast<std::size_t>(p);
            sounding.set(p);
            touched.set(p);
            vel_sum[pi] += v;
            ++vel_count[pi];
            if (!step_onsets.test(p)) pattern[pi] += 2 * w;
          });
        }
        const int program = track.is_drum ? -1 : int{track.program};
        if (!sounding.empty() || tracks_per_program[static_cast<std::size_t>(program + 1)] != 1) {
          emit("Program", std::to_string(program), beat,
               required_id(program >= -1 && program <= 127
                               ? program_id_[static_cast<std::size_t>(program + 1)]
                               : -1,
                           "Program", program));
          if (sounding.empty()) emit("Rest", "None", beat, rest_id_);
        }
        const bool drum_tokens = track.is_drum && pitchdrum;
        int previous = -1;
        sounding.for_each_descending([&](int p) {
          const auto pi = static_cast<std::size_t>(p);
          const int value = previous < 0 || drum_tokens ? p : previous - p;
          const auto vi = static_cast<std::size_t>(value);
          if (drum_tokens)
            emit("PitchDrum", std::to_string(value), beat,
                 required_id(pitchdrum_id_[vi], "PitchDrum", value));
          else
            emit("Pitch", std::to_string(value), beat, required_id(pitch_id_[vi], "Pitch", value));
          emit("Pattern", std::to_string(pattern[pi]), beat,
               pattern_id_[static_cast<std::size_t>(pattern[pi])]);
          if (use_vel) {
            token_id_t id = -1;
            const int vel = closest_velocity(velocity_id_,
                                             static_cast<double>(vel_sum[pi]) / vel_count[pi], id);
            emit("Velocity", std::to_string(vel), beat, required_id(id, "Velocity", vel));
          }
          previous = p;
        });
        touched.for_each([&](int p) {
          const auto pi = static_cast<std::size_t>(p);
          pattern[pi] = vel_sum[pi] = vel_count[pi] = 0;
        });
      }
      if (events.back().type == "Beat") emit("Rest", "None", beat, rest_id_);
    }
  }
  if (with_tokens) complete_sequence(seq);
  std::vector<TokSequence> out;
  out.push_back(std::move(seq));
  return out;
}

}  // namespace miditok
