// Attribute controls (MidiTok's AttributeControl): values computed from one track, emitted as extra
// tokens so a model learns to generate conditioned on them. A track-level control yields events at
// time -1 (they open the track's sequence once sorted); a bar-level control yields events stamped
// with their bar's tick, computed on the notes of that bar only.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "miditok/core/types.h"
#include "miditok/score/track.h"

namespace miditok {

/// One attribute-control event: its token is "<type>_<value>" (e.g. "ACBarNoteDensity_18+").
struct AcEvent {
  std::string type;
  std::string value;
  tick_t time = -1;

  /// The token string "<type>_<value>".
  std::string token() const { return type + "_" + value; }
  bool operator==(const AcEvent&) const = default;
};

/// A control's tokens are added to the vocabulary; compute() gives the events of one track.
class AttributeControl {
 public:
  virtual ~AttributeControl() = default;

  /// MidiTok's class name of the control (e.g. "TrackOnsetPolyphony").
  virtual std::string_view name() const = 0;
  /// True for a bar-level control (its indexes are bar indexes), false for a track-level one.
  virtual bool is_bar_level() const = 0;
  /// The tokens this control can produce, in MidiTok's vocabulary order.
  const std::vector<std::string>& tokens() const { return tokens_; }

  /// Events of `track`; bar-level controls use only the bars listed in `bar_indexes` (sorted).
  std::vector<AcEvent> compute(const Track& track, tick_t ticks_per_quarter,
                               std::span<const tick_t> bars_ticks,
                               std::span<const tick_t> beats_ticks,
                               std::span<const int> bar_indexes) const;

  /// Same as compute() on a track given by its notes and its end tick (symusic's Track.end()).
  virtual std::vector<AcEvent> compute_notes(std::span<const Note> notes, tick_t track_end,
                                             tick_t ticks_per_quarter,
                                             std::span<const tick_t> bars_ticks,
                                             std::span<const tick_t> beats_ticks,
                                             std::span<const int> bar_indexes) const = 0;

 protected:
  explicit AttributeControl(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {}

 private:
  std::vector<std::string> tokens_;
};

/// Base of the bar-level controls: splits the track's notes per bar and computes each listed bar
/// that holds at least one note, on that bar's notes only.
class BarAttributeControl : public AttributeControl {
 public:
  bool is_bar_level() const final { return true; }
  std::vector<AcEvent> compute_notes(std::span<const Note> notes, tick_t track_end,
                                     tick_t ticks_per_quarter, std::span<const tick_t> bars_ticks,
                                     std::span<const tick_t> beats_ticks,
                                     std::span<const int> bar_indexes) const final;

 protected:
  using AttributeControl::AttributeControl;
  /// Events of one bar from its notes (non-empty, sorted by time); times are set by the caller.
  virtual std::vector<AcEvent> compute_on_bar(std::span<const Note> bar_notes,
                                              tick_t ticks_per_quarter) const = 0;
};

/// Shared, immutable handle on a control (a tokenizer holds a list of them).
using AttributeControlPtr = std::shared_ptr<const AttributeControl>;

/// Symusic's Track.end(): the latest end or time of its notes, controls, bends, pedals, lyrics.
tick_t track_end_tick(const Track& track);

}  // namespace miditok
