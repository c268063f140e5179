// MusicTokenizer::preprocess_score: MidiTok's preprocessing steps, in its order and with its
// rounding (midi_tokenizer.py preprocess_score and the _preprocess_* methods).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>

#include "miditok/core/error.h"
#include "miditok/preprocess/controls.h"
#include "miditok/preprocess/time_grid.h"
#include "miditok/tokenizer/music_tokenizer.h"
#include "numeric.h"
#include "score_helpers.h"

namespace miditok {

/// (section end tick, ticks per step) pairs used to re-round times per meter section.
using Factors = std::vector<std::pair<tick_t, tick_t>>;

struct PreprocessAccess {
  const MusicTokenizer& tok;

  static void adjust_time_to_tpb(std::vector<tick_t>& times, const Factors& rf) {
    std::vector<tick_t> ends;
    for (const auto& f : rf) ends.push_back(f.first);
    auto idx = detail::searchsorted_left(times, ends);
    idx.back() = times.size();
    std::size_t first = 0;
    tick_t grid_start = 0;
    for (std::size_t s = 0; s < rf.size(); ++s) {
      const tick_t step = rf[s].second;
      const std::size_t last = idx[s];
      if (step != 1 && first < last)
        for (std::size_t i = first; i < last; ++i)
          times[i] = static_cast<tick_t>(
              std::nearbyint(static_cast<double>(times[i] - grid_start) / step) * step +
              grid_start);
      first = last;
      grid_start = rf[s].first;
    }
  }

  static void adjust_unsorted(std::vector<tick_t>& times, const Factors& rf) {
    for (auto& t : times) {
      std::size_t s = 0;
      while (s + 1 < rf.size() && rf[s].first <= t) ++s;  // searchsorted(rf[:-1,0], side=right)
      const tick_t step = rf[s].second;
      const tick_t start = s == 0 ? 0 : rf[s - 1].first;
      t = static_cast<tick_t>(std::nearbyint(static_cast<double>(t - start) / step) * step + start);
    }
  }

  template <class E>
  static void adjust_onsets_offsets(std::vector<E>& evs, const Factors& rf, int min_duration) {
    std::vector<tick_t> on, off;
    for (const auto& e : evs) on.push_back(e.time), off.push_back(e.time + e.duration);
    adjust_time_to_tpb(on, rf);
    adjust_unsorted(off, rf);
    for (std::size_t i = 0; i < evs.size(); ++i) {
      if (off[i] <= on[i]) {
        std::size_t s = 0;
        while (s + 1 < rf.size() && rf[s].first <= on[i]) ++s;
        off[i] = on[i] + min_duration * rf[s].second;
      }
      evs[i].time = on[i];
      evs[i].duration = off[i] - on[i];
    }
  }

  template <class E>
  void adjust_durations(std::vector<E>& evs, const TpbSections& tpb) const {
    if (evs.empty() || !tok.preprocess_adjust_durations_) return;
    std::size_t first = 0;
    const tick_t last_event = evs.back().time;
    for (std::size_t k = 0; k < tpb.size(); ++k) {
      std::size_t last = evs.size();
      bool to_end = k + 1 == tpb.size() || tpb[k].first > last_event;
      if (!to_end) {
        std::size_t j = first;
        while (j < evs.size() && evs[j].time < tpb[k].first) ++j;
        last = j == evs.size() ? first : j;  // np.argmax of all-False is 0
      }
      auto it = tok.tpb_to_time_array_.find(tpb[k].second);
      if (it == tok.tpb_to_time_array_.end())
        throw TokenError("no Duration bins for " + std::to_string(tpb[k].second) +
                         " ticks per beat");
      for (std::size_t i = first; i < last; ++i)
        evs[i].duration = detail::closest(it->second, evs[i].duration);
      first = last;
      if (to_end) break;
    }
  }

  void preprocess_notes(Track& track, const Factors* rf, const TpbSections* tpb) const {
    const auto& cfg = tok.config_;
    const auto range =
        track.is_drum && cfg.use_pitchdrum_tokens ? cfg.drums_pitch_range : cfg.pitch_range;
    std::vector<Note> notes;
    notes.reserve(track.notes.size());
    for (const auto& n : track.notes)
      if (n.pitch >= range.first && n.pitch <= range.second) notes.push_back(n);
    if (notes.empty()) {
      track.notes.clear();
      return;
    }
    if (cfg.use_velocities)
      for (auto& n : notes)
        n.velocity = static_cast<std::int8_t>(
            detail::closest(tok.velocities_, static_cast<int>(n.velocity)));
    const int program = track.is_drum ? -1 : track.program;
    const bool uses_dur = tok.uses_duration(program);
    if (rf) {
      if (tok.note_on_off_ && uses_dur) {
        adjust_onsets_offsets(notes, *rf, 1);
      } else {
        std::vector<tick_t> times;
        for (const auto& n : notes) times.push_back(n.time);
        adjust_time_to_tpb(times, *rf);
        for (std::size_t i = 0; i < notes.size(); ++i) notes[i].time = times[i];
      }
    }
    if (!tok.note_on_off_ && tpb && uses_dur) adjust_durations(notes, *tpb);
    if (cfg.remove_duplicated_notes) {
      std::stable_sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) {
        return std::tie(a.time, a.pitch, a.duration, a.velocity) <
               std::tie(b.time, b.pitch, b.duration, b.velocity);
      });
      std::vector<Note> kept;
      for (std::size_t i = 0; i < notes.size(); ++i)
        if (i == 0 || notes[i].time != notes[i - 1].time || notes[i].pitch != notes[i - 1].pitch)
          kept.push_back(notes[i]);
      notes = std::move(kept);
    }
    track.notes = std::move(notes);
  }

  void preprocess_pitch_bends(std::vector<PitchBend>& pbs, const Factors* rf) const {
    for (auto& p : pbs) p.value = detail::closest(tok.pitch_bends_, p.value);
    if (rf) {
      std::vector<tick_t> times;
      for (const auto& p : pbs) times.push_back(p.time);
      adjust_time_to_tpb(times, *rf);
      for (std::size_t i = 0; i < pbs.size(); ++i) pbs[i].time = times[i];
    }
    if (pbs.size() <= 1) return;
    std::vector<PitchBend> out;
    std::size_t i = 0;
    while (i < pbs.size()) {
      std::size_t j = i + 1;
      while (j < pbs.size() && pbs[j].time == pbs[j - 1].time) ++j;
      std::size_t best = i;
      for (std::size_t k = i; k < j; ++k)
        if (std::abs(pbs[k].value) > std::abs(pbs[best].value)) best = k;
      PitchBend pb = pbs[i];
      pb.value = pbs[best].value;
      out.push_back(pb);
      i = j;
    }
    pbs = std::move(out);
  }

  void preprocess_pedals(std::vector<Pedal>& pedals, const Factors* rf,
                         const TpbSections* tpb) const {
    const auto& cfg = tok.config_;
    if (rf) {
      if (cfg.sustain_pedal_duration && tpb) {
        std::vector<tick_t> times;
        for (const auto& p : pedals) times.push_back(p.time);
        adjust_time_to_tpb(times, *rf);
        for (std::size_t i = 0; i < pedals.size(); ++i) pedals[i].time = times[i];
      } else {
        adjust_onsets_offsets(pedals, *rf, 1);
      }
    }
    // Merge overlapping pedals (end >= next start).
    std::vector<long long> end(pedals.size());
    for (std::size_t i = 0; i < pedals.size(); ++i) end[i] = pedals[i].end();
    std::vector<bool> del(pedals.size(), false);
    std::vector<std::size_t> overlap;
    for (std::size_t i = 0; i + 1 < pedals.size(); ++i)
      if (end[i] >= pedals[i + 1].time) overlap.push_back(i);
    if (!overlap.empty()) {
      std::vector<std::size_t> firsts;
      long long prev = -2;
      for (auto idx : overlap) {
        if (static_cast<long long>(idx) - prev > 1) firsts.push_back(idx);
        prev = static_cast<long long>(idx);
      }
      for (auto idx : firsts) {
        std::size_t ip = 1;
        while (idx + ip < pedals.size() && end[idx] >= pedals[idx + ip].time) {
          pedals[idx].duration = static_cast<tick_t>(
              std::max<long long>(pedals[idx].duration, end[idx + ip] - pedals[idx].time));
          end[idx] = pedals[idx].time + static_cast<long long>(pedals[idx].duration);
          del[idx + ip] = true;
          ++ip;
        }
      }
      std::vector<Pedal> kept;
      for (std::size_t i = 0; i < pedals.size(); ++i)
        if (!del[i]) kept.push_back(pedals[i]);
      pedals = std::move(kept);
    }
    if (cfg.sustain_pedal_duration && tpb) adjust_durations(pedals, *tpb);
  }

  std::vector<Tempo> preprocess_tempos(std::vector<Tempo> tempos, const Factors* rf) const {
    const auto& cfg = tok.config_;
    auto default_tempo =
        Tempo{0, static_cast<std::int32_t>(std::round(60000000.0 / tok.default_tempo_))};
    if (tempos.empty()) return {default_tempo};
    for (auto& t : tempos)
      t.mspq =
          static_cast<std::int32_t>(detail::closest(tok.tempos_mspq_, static_cast<double>(t.mspq)));
    if (rf) {
      std::vector<tick_t> times;
      for (const auto& t : tempos) times.push_back(t.time);
      adjust_time_to_tpb(times, *rf);
      for (std::size_t i = 0; i < tempos.size(); ++i) tempos[i].time = times[i];
    }
    std::vector<Tempo> out;
    for (std::size_t i = 0; i < tempos.size(); ++i)
      if (i + 1 == tempos.size() || tempos[i + 1].time != tempos[i].time) out.push_back(tempos[i]);
    if (cfg.delete_equal_successive_tempo_changes) {
      std::vector<Tempo> dedup;
      for (std::size_t i = 0; i < out.size(); ++i)
        if (i == 0 || out[i].mspq != out[i - 1].mspq) dedup.push_back(out[i]);
      out = std::move(dedup);
    }
    if (!out.empty()) {
      if (cfg.delete_equal_successive_tempo_changes && out[0].qpm() == tok.default_tempo_)
        out[0].time = 0;
      else if (out[0].time != 0)
        out.insert(out.begin(), default_tempo);
    } else {
      out.push_back(default_tempo);
    }
    return out;
  }

  std::vector<KeySignature> preprocess_key_signatures(std::vector<KeySignature> ks,
                                                      const Factors* rf) const {
    std::stable_sort(ks.begin(), ks.end(),
                     [](const KeySignature& a, const KeySignature& b) { return a.time < b.time; });
    if (rf) {
      std::vector<tick_t> times;
      for (const auto& k : ks) times.push_back(k.time);
      adjust_time_to_tpb(times, *rf);
      for (std::size_t i = 0; i < ks.size(); ++i) ks[i].time = times[i];
    }
    // {time: ks} keeps the first insertion position with the last value.
    std::vector<KeySignature> out;
    for (const auto& k : ks) {
      auto it = std::find_if(out.begin(), out.end(),
                             [&](const KeySignature& o) { return o.time == k.time; });
      if (it != out.end())
        *it = k;
      else
        out.push_back(k);
    }
    if (out.empty() || out[0].time != 0) out.insert(out.begin(), KeySignature{0, 0, 0});
    return out;
  }

  void preprocess_time_signatures(std::vector<TimeSignature>& ts, int tpq) const {
    auto eq = [](const TimeSignature& a, const TimeSignature& b) {
      return a.numerator == b.numerator && a.denominator == b.denominator;
    };
    auto tpbar = [tpq](const TimeSignature& t) {
      return static_cast<long long>(detail::ticks_per_beat_of(t.denominator, tpq)) * t.numerator;
    };
    std::size_t i = 0;
    long long ticks_per_bar = tpbar(ts[0]);
    long long previous_tick = 0;
    while (i < ts.size()) {
      if (i >= 1 && eq(ts[i], ts[i - 1])) {
        ts.erase(ts.begin() + static_cast<std::ptrdiff_t>(i));
        continue;
      }
      if (i >= 1 && ts[i].time < ts[i - 1].time) ts[i].time = ts[i - 1].time;
      if (ticks_per_bar > 0) {
        long long diff = ts[i].time - previous_tick;
        long long q =
            diff >= 0 ? diff / ticks_per_bar : -((-diff + ticks_per_bar - 1) / ticks_per_bar);
        long long rest = diff - q * ticks_per_bar;
        if (rest > 0) ts[i].time = static_cast<tick_t>(previous_tick + (q + 1) * ticks_per_bar);
      }
      ticks_per_bar = tpbar(ts[i]);
      previous_tick = ts[i].time;
      if (i >= 1 && ts[i].time == ts[i - 1].time) {
        ts.erase(ts.begin() + static_cast<std::ptrdiff_t>(i - 1));
        if (i >= 2 && eq(ts[i - 1], ts[i - 2])) {
          ts.erase(ts.begin() + static_cast<std::ptrdiff_t>(i - 1));
          ticks_per_bar = tpbar(ts[i - 2]);
          previous_tick = ts[i - 2].time;
          --i;
        }
        continue;
      }
      ++i;
    }
    if (!ts.empty()) {
      if (tok.config_.delete_equal_successive_time_sig_changes && ts[0].numerator == 4 &&
          ts[0].denominator == 4)
        ts[0].time = 0;
      else if (ts[0].time != 0)
        ts.insert(ts.begin(), TimeSignature{0, 4, 4});
    } else {
      ts.push_back(TimeSignature{0, 4, 4});
    }
  }

  Factors resampling_factors(const Score& s) const {
    const int mnpb = tok.config_.max_num_pos_per_beat();
    const auto& ts = s.time_signatures;
    auto step = [&](const TimeSignature& t) {
      return static_cast<tick_t>(std::floor(s.ticks_per_quarter / (mnpb * (t.denominator / 4.0))));
    };
    Factors rf;
    for (std::size_t i = 0; i + 1 < ts.size(); ++i) rf.emplace_back(ts[i + 1].time, step(ts[i]));
    rf.emplace_back(detail::score_end(s) + 1, step(ts.back()));
    for (std::size_t i = rf.size() - 1; i > 0; --i)
      if (rf[i].second == rf[i - 1].second) {
        rf[i - 1].first = rf[i].first;
        rf.erase(rf.begin() + static_cast<std::ptrdiff_t>(i));
      }
    return rf;
  }
};

Score MusicTokenizer::preprocess_score(const Score& input) const {
  PreprocessAccess pa{*this};
  const auto& cfg = config_;
  std::vector<TimeSignature> ts = input.time_signatures;
  int new_tpq = 0;
  if (cfg.use_time_signatures) {
    std::vector<TimeSignature> kept;
    for (const auto& t : ts)
      if (std::find(time_signatures_.begin(), time_signatures_.end(),
                    std::pair<int, int>{t.numerator, t.denominator}) != time_signatures_.end())
        kept.push_back(t);
    ts = std::move(kept);
    if (ts.empty() || ts[0].time != 0) ts.insert(ts.begin(), TimeSignature{0, 4, 4});
    int max_den = 0;
    for (const auto& t : ts) max_den = std::max<int>(max_den, t.denominator);
    new_tpq = static_cast<int>(cfg.max_num_pos_per_beat() * max_den / 4.0);
  } else {
    ts = {TimeSignature{0, 4, 4}};
    new_tpq = cfg.max_num_pos_per_beat();
  }
  Score score;
  if (preprocess_fixed_tpq_ > 0) {  // PerTok: its own tpq, the score's time signatures
    score = input.ticks_per_quarter != preprocess_fixed_tpq_
                ? detail::resample(input, preprocess_fixed_tpq_, 1)
                : input;
    ts.clear();  // MidiTok keeps those the vocabulary lacks and fails on them: dropped here
    for (const auto& t : score.time_signatures)
      if (!cfg.use_time_signatures ||
          std::find(time_signatures_.begin(), time_signatures_.end(),
                    std::pair<int, int>{t.numerator, t.denominator}) != time_signatures_.end())
        ts.push_back(t);
  } else if (input.ticks_per_quarter != new_tpq) {
    if (input.ticks_per_quarter <= 0) throw MidiError("the score has no valid ticks per quarter");
    const double f = static_cast<double>(new_tpq) / input.ticks_per_quarter;
    for (auto& t : ts) t.time = static_cast<tick_t>(t.time * f);
    score = detail::resample(input, new_tpq, 1);
  } else {
    score = input;
  }
  score.time_signatures = std::move(ts);
  if (cfg.use_time_signatures && !score.time_signatures.empty())
    pa.preprocess_time_signatures(score.time_signatures, score.ticks_per_quarter);

  TpbSections tpb_sections;
  const TpbSections* tpb = nullptr;
  if (!note_on_off_ || (cfg.use_sustain_pedals && cfg.sustain_pedal_duration)) {
    if (cfg.use_time_signatures && !score.time_signatures.empty())
      tpb_sections = detail::score_ticks_per_beat(score);
    else
      tpb_sections = {{detail::score_end(score), score.ticks_per_quarter}};
    tpb = &tpb_sections;
  }
  Factors rf_store;
  const Factors* rf = nullptr;
  if (cfg.use_time_signatures) {
    std::set<int> dens;
    for (const auto& t : score.time_signatures) dens.insert(t.denominator);
    if (dens.size() > 1) {
      rf_store = pa.resampling_factors(score);
      rf = &rf_store;
    }
  }
  if (cfg.use_control_changes) {
    // Before merging tracks, while the original event order and times are available.
    std::vector<int> numbers = cfg.control_change_numbers;
    const ControlChangeValueBins bins =
        make_control_change_value_bins(numbers, cfg.control_change_n_bins);
    std::array<bool, 128> allowed{};
    for (int n : numbers)
      if (n >= 0 && n < 128) allowed[static_cast<std::size_t>(n)] = true;
    std::vector<TickSection> sections;
    if (rf)
      for (const auto& f : *rf) sections.push_back(TickSection{f.first, f.second});
    for (std::size_t k = 0; k < score.tracks.size() && k < input.tracks.size(); ++k) {
      auto& controls = score.tracks[k].controls;
      if (controls.empty()) continue;
      std::vector<tick_t> original;
      original.reserve(input.tracks[k].controls.size());
      for (const auto& c : input.tracks[k].controls) original.push_back(c.time);
      preprocess_control_changes(controls, original, bins, allowed, sections);
    }
  }
  if (cfg.use_programs && cfg.one_token_stream_for_programs && merge_same_program_tracks_)
    detail::merge_same_program_tracks(score.tracks);

  auto is_empty = [&](const Track& t) {
    bool e = t.notes.empty();
    if (cfg.use_control_changes) e = e && t.controls.empty();
    if (cfg.use_sustain_pedals) e = e && t.pedals.empty();
    if (cfg.use_pitch_bends) e = e && t.pitch_bends.empty();
    return e;
  };
  for (std::size_t k = score.tracks.size(); k-- > 0;) {
    Track& t = score.tracks[k];
    const int program = t.is_drum ? -1 : t.program;
    if (is_empty(t) || (cfg.use_programs && !cfg.has_program(program))) {
      score.tracks.erase(score.tracks.begin() + static_cast<std::ptrdiff_t>(k));
      continue;
    }
    if (!t.notes.empty()) pa.preprocess_notes(t, rf, tpb);
    if (cfg.use_pitch_bends && !t.pitch_bends.empty()) pa.preprocess_pitch_bends(t.pitch_bends, rf);
    if (cfg.use_sustain_pedals && !t.pedals.empty()) pa.preprocess_pedals(t.pedals, rf, tpb);
    if (is_empty(t)) score.tracks.erase(score.tracks.begin() + static_cast<std::ptrdiff_t>(k));
  }
  if (cfg.use_tempos) score.tempos = pa.preprocess_tempos(score.tempos, rf);
  if (cfg.use_key_signatures)
    score.key_signatures = pa.preprocess_key_signatures(score.key_signatures, rf);
  return score;
}

}  // namespace miditok
