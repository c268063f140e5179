// The bar-level attribute controls, each computed on the (non-empty, time-sorted) notes of a bar.
#include "miditok/attribute_controls/bar_attribute_controls.h"

#include <algorithm>
#include <array>
#include <limits>
#include <string>

#include "duration_presence.h"
#include "miditok/core/error.h"

namespace miditok {

// ---- BarOnsetPolyphony ----

namespace {
std::vector<std::string> bar_polyphony_tokens(int lo, int hi) {
  std::vector<std::string> tokens;
  for (const char* type : {"ACBarOnsetPolyphonyMin", "ACBarOnsetPolyphonyMax"}) {
    for (int v = lo; v <= hi; ++v) tokens.push_back(std::string(type) + "_" + std::to_string(v));
  }
  return tokens;
}
}  // namespace

BarOnsetPolyphony::BarOnsetPolyphony(int polyphony_min, int polyphony_max)
    : BarAttributeControl(bar_polyphony_tokens(polyphony_min, polyphony_max)),
      min_(polyphony_min),
      max_(polyphony_max) {
  if (polyphony_min > polyphony_max) {
    throw ConfigError("BarOnsetPolyphony: polyphony_min (" + std::to_string(polyphony_min) +
                      ") must be <= polyphony_max (" + std::to_string(polyphony_max) + ")");
  }
}

std::vector<AcEvent> BarOnsetPolyphony::compute_on_bar(std::span<const Note> bar_notes,
                                                       tick_t) const {
  // Notes are sorted by time: count runs of equal onsets.
  int lo = std::numeric_limits<int>::max(), hi = 0;
  for (std::size_t i = 0; i < bar_notes.size();) {
    std::size_t j = i;
    while (j < bar_notes.size() && bar_notes[j].time == bar_notes[i].time) ++j;
    lo = std::min(lo, static_cast<int>(j - i));
    hi = std::max(hi, static_cast<int>(j - i));
    i = j;
  }
  return {{"ACBarOnsetPolyphonyMin", std::to_string(std::clamp(lo, min_, max_)), 0},
          {"ACBarOnsetPolyphonyMax", std::to_string(std::clamp(hi, min_, max_)), 0}};
}

// ---- BarPitchClass ----

namespace {
std::vector<std::string> pitch_class_tokens() {
  std::vector<std::string> tokens;
  for (int pc = 0; pc < 12; ++pc) tokens.push_back("ACBarPitchClass_" + std::to_string(pc));
  return tokens;
}
}  // namespace

BarPitchClass::BarPitchClass() : BarAttributeControl(pitch_class_tokens()) {}

std::vector<AcEvent> BarPitchClass::compute_on_bar(std::span<const Note> bar_notes, tick_t) const {
  std::array<bool, 12> present{};
  for (const Note& n : bar_notes)
    present[static_cast<std::size_t>(((n.pitch % 12) + 12) % 12)] = true;
  std::vector<AcEvent> events;
  for (int pc = 0; pc < 12; ++pc) {
    if (present[static_cast<std::size_t>(pc)]) {
      events.push_back({"ACBarPitchClass", std::to_string(pc), 0});
    }
  }
  return events;
}

// ---- BarNoteDensity ----

namespace {
std::vector<std::string> bar_density_tokens(int hi) {
  std::vector<std::string> tokens;
  for (int v = 0; v < hi; ++v) tokens.push_back("ACBarNoteDensity_" + std::to_string(v));
  tokens.push_back("ACBarNoteDensity_" + std::to_string(hi) + "+");
  return tokens;
}
}  // namespace

BarNoteDensity::BarNoteDensity(int density_max)
    : BarAttributeControl(bar_density_tokens(density_max)), max_(density_max) {
  if (density_max < 1) {
    throw ConfigError("BarNoteDensity: density_max must be >= 1, got " +
                      std::to_string(density_max));
  }
}

std::vector<AcEvent> BarNoteDensity::compute_on_bar(std::span<const Note> bar_notes, tick_t) const {
  const auto n = static_cast<long long>(bar_notes.size());
  if (n >= max_) return {{"ACBarNoteDensity", std::to_string(max_) + "+", 0}};
  return {{"ACBarNoteDensity", std::to_string(n), 0}};
}

// ---- BarNoteDuration ----

BarNoteDuration::BarNoteDuration()
    : BarAttributeControl(detail::note_value_tokens("ACBarNoteDuration")) {}

std::vector<AcEvent> BarNoteDuration::compute_on_bar(std::span<const Note> bar_notes,
                                                     tick_t ticks_per_quarter) const {
  return detail::note_value_events("ACBarNoteDuration", bar_notes, ticks_per_quarter, 0);
}

}  // namespace miditok
