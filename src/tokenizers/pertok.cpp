// PerTok: configuration (additional_params), duration values in ticks, vocabulary and time
// events (Bar, TimeShift or Position, MicroTiming), as MidiTok's tokenizations/pertok.py. The
// decoder is in pertok_decode.cpp.
#include "miditok/tokenizers/pertok.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "../tokenizer/decode_helpers.h"
#include "../tokenizer/numeric.h"
#include "miditok/core/error.h"

namespace miditok {

namespace {

bool is_microtime_event(std::string_view t) {
  return t == "Pitch" || t == "Pedal" || t == "PedalOff" || t == "PitchIntervalChord" ||
         t == "PitchBend" || t == "ControlChange" || t == "Chord" || t == "PitchDrum" ||
         t == "Program";
}

}  // namespace

PerTok::PerTok(const TokenizerConfig& config) : MusicTokenizer("PerTok", config) { initialize(); }

std::unique_ptr<MusicTokenizer> PerTok::clone() const { return std::make_unique<PerTok>(*this); }

void PerTok::configure(TokenizationTraits& traits) {
  nlohmann::json ap;
  try {
    ap = nlohmann::json::parse(config_.additional_params);
  } catch (const std::exception&) {
    ap = nlohmann::json::object();
  }
  if (!ap.is_object()) ap = nlohmann::json::object();
  auto number = [&](const char* key) {
    if (!ap.contains(key) || !ap[key].is_number())
      throw ConfigError(std::string("PerTok: config.additional_params must have a number for ") +
                        key);
    return ap[key].get<double>();
  };
  // Bounded before the casts: a double past int's range would be undefined behaviour.
  const auto bounded = [&](const char* key, double lo, double hi) {
    const double v = number(key);
    if (!(v >= lo && v <= hi)) {
      throw ConfigError(std::string("PerTok: ") + key + " must be within " + std::to_string(lo) +
                        " and " + std::to_string(hi) + " (docs/limits.md)");
    }
    return v;
  };
  tpq_ = static_cast<int>(bounded("ticks_per_quarter", 1, config_limits::kMaxTicksPerQuarter));
  if (!ap.contains("use_microtiming") || !ap["use_microtiming"].is_boolean())
    throw ConfigError("PerTok: config.additional_params must have use_microtiming (a boolean)");
  use_microtiming_ = ap["use_microtiming"].get<bool>();
  max_mt_shift_ = 0.0;
  num_mt_bins_ = 0;
  if (use_microtiming_) {
    max_mt_shift_ = bounded("max_microtiming_shift", 0, config_limits::kMaxBeat) * tpq_;
    num_mt_bins_ =
        static_cast<int>(bounded("num_microtiming_bins", 1, config_limits::kMaxMicrotimingBins));
  } else if (ap.contains("max_microtiming_shift") && ap["max_microtiming_shift"].is_number()) {
    max_mt_shift_ = ap["max_microtiming_shift"].get<double>() * tpq_;
  }
  use_position_toks_ = ap.contains("use_position_toks") && ap["use_position_toks"].is_boolean() &&
                       ap["use_position_toks"].get<bool>();
  // MidiTok looks pedal durations up at the score's ticks per beat, which PerTok's tables lack.
  if (config_.use_sustain_pedals && config_.sustain_pedal_duration)
    throw ConfigError("PerTok does not support sustain_pedal_duration (pedal Duration tokens)");

  // Its Duration / TimeShift values: (beat, ticks, tpq), in ticks of its own grid.
  std::vector<TimeTuple> durations;
  std::vector<long long> duration_ticks;
  for (const auto& br : config_.beat_res)
    for (int beat = br.start; beat < br.end; ++beat)
      for (int sub = 0; sub < br.res; ++sub) {
        if (beat == 0 && sub == 0) continue;
        const int subres = sub != 0 ? tpq_ / br.res * sub : 0;
        durations.emplace_back(beat, subres, tpq_);
        duration_ticks.push_back(static_cast<long long>(beat) * tpq_ + subres);
      }
  if (durations.empty()) throw ConfigError("PerTok: beat_res gives no time value");
  min_timeshift_ = static_cast<long long>(
      static_cast<double>(*std::min_element(duration_ticks.begin(), duration_ticks.end())) * 0.5);
  std::set<long long> uniq(duration_ticks.begin(), duration_ticks.end());
  position_locations_ = {0};
  position_locations_.insert(position_locations_.end(), uniq.begin(), uniq.end());
  microtiming_values_.clear();
  if (use_microtiming_)
    for (double v : detail::linspace(-max_mt_shift_, max_mt_shift_, num_mt_bins_ + 1))
      microtiming_values_.push_back(static_cast<int>(v));  // numpy's cast truncates
  traits.ticks_per_quarter = tpq_;
  traits.durations = std::move(durations);
}

TokenizationTraits PerTok::describe_traits() const {
  TokenizationTraits traits;
  traits.quantize_durations = false;  // a note's Duration is the nearest value (nearest_duration)
  return traits;
}

std::vector<std::string> PerTok::create_base_vocabulary() const {
  std::vector<std::string> vocab{"Bar_None"};
  add_note_tokens_to_vocab_list(vocab);
  if (use_position_toks_) {
    for (long long p : position_locations_) vocab.push_back("Position_" + std::to_string(p));
  } else {
    for (const auto& d : durations()) vocab.push_back("TimeShift_" + time_tuple_str(d));
  }
  // MidiTok tests any(use_note_duration_programs): program 0 alone counts as none.
  const auto& dp = config_.use_note_duration_programs;
  if (std::any_of(dp.begin(), dp.end(), [](int p) { return p != 0; }))
    for (const auto& d : durations()) vocab.push_back("Duration_" + time_tuple_str(d));
  for (int v : microtiming_values_) vocab.push_back("MicroTiming_" + std::to_string(v));
  add_additional_tokens_to_vocab_list(vocab);
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (auto& t : vocab)
    if (seen.insert(t).second) out.push_back(std::move(t));
  return out;
}

std::map<std::string, std::set<std::string>> PerTok::create_token_types_graph() const { return {}; }

int PerTok::count_tokens_errors(const std::vector<std::string>& tokens) const {
  (void)tokens;
  return 0;  // as MidiTok: PerTok does not check its sequences
}

std::vector<Event> PerTok::add_time_events(std::vector<Event> events, int time_division) const {
  (void)time_division;
  std::vector<Event> out;
  out.reserve(events.size() * 2 + 8);
  double previous_tick = 0.0;
  double ticks_per_bar = tpq_ * 4.0;
  long long curr_bar = 0;
  double bar_time = 0.0;
  double microtiming = 0.0;
  const auto min_ts = static_cast<double>(min_timeshift_);
  for (auto& e : events) {
    const auto etime = static_cast<double>(e.time);
    while (etime > static_cast<double>(curr_bar + 1) * ticks_per_bar - min_ts) {
      bar_time += ticks_per_bar;
      out.push_back(Event{"Bar", "None", static_cast<tick_t>(bar_time), 0, 0});
      ++curr_bar;
      previous_tick = static_cast<double>(curr_bar) * ticks_per_bar;
    }
    if (e.type == "TimeSig") {
      int num = 0, den = 0;
      if (detail::parse_time_sig(e.value, num, den)) ticks_per_bar = den / 4.0 * num * tpq_;
    }
    const double time_delta = etime - previous_tick;
    const bool micro = is_microtime_event(e.type);
    if (micro) {
      if (use_position_toks_) {
        const double in_bar = etime - bar_time;
        long long pos = position_locations_[0];
        double best = std::fabs(static_cast<double>(pos) - in_bar);
        for (long long p : position_locations_)
          if (std::fabs(static_cast<double>(p) - in_bar) < best)
            pos = p, best = std::fabs(static_cast<double>(p) - in_bar);
        microtiming = in_bar - static_cast<double>(pos);
        if (time_delta >= min_ts) {
          out.push_back(Event{"Position", std::to_string(pos), e.time, 0, 0});
          previous_tick = bar_time + static_cast<double>(pos);
        }
      } else {
        double timeshift = 0.0;
        if (time_delta >= min_ts) {
          const TimeTuple& ts = durations()[nearest_duration(time_delta)];
          out.push_back(Event{"TimeShift", time_tuple_str(ts), e.time, 0, 0});
          timeshift = static_cast<double>(
              static_cast<long long>(std::get<0>(ts)) * std::get<2>(ts) + std::get<1>(ts));
          previous_tick += timeshift;
        }
        microtiming = time_delta - timeshift;
      }
    }
    const tick_t t = e.time;
    out.push_back(std::move(e));
    if (use_microtiming_ && micro) {
      int best_v = microtiming_values_[0];
      double best = std::fabs(best_v - microtiming);
      for (int v : microtiming_values_)
        if (std::fabs(v - microtiming) < best) best_v = v, best = std::fabs(v - microtiming);
      out.push_back(Event{"MicroTiming", std::to_string(best_v), t, 0, 0});
    }
  }
  return out;
}

}  // namespace miditok
