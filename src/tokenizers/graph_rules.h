// The token-type graph rules REMI, TSD and MIDILike share (private to src/tokenizers/): MidiTok
// writes them out once per tokenization; here they are written once, over each tokenization's time
// types (TimeShift, or Position and Bar) and, for MIDILike, its NoteOff. What differs stays in
// the tokenizations' own *_graph.cpp: MIDILike's notes and pedal durations, drum tokens, and the
// TimeShift self-link without rests.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>

#include "miditok/tokenizer/config.h"

namespace miditok::detail {

using TypeSet = std::set<std::string>;
using TypeGraph = std::map<std::string, TypeSet>;

/// What makes one tokenization's graph differ from another's.
struct GraphShape {
  std::string first;       ///< the type a note starts with (Pitch, NoteOn or Program)
  TypeSet time_next;       ///< time types that may follow an event ({TimeShift} / {Position, Bar})
  std::string time_prev;   ///< the time type events may follow (TimeShift / Position)
  std::string rest_after;  ///< the type a Rest may follow besides the events ("" for none)
  std::string note_off;    ///< MIDILike with durations: "NoteOff", which events may follow
  bool note_off_after_globals = false;  ///< NoteOff may follow Tempo, TimeSig and KeySig
  bool time_sig_after_bar = false;      ///< REMI: TimeSig follows Bar (not time_prev) and Tempo
                                        ///< (TSD, MIDILike: Tempo follows TimeSig)
  bool bar_end_tokens = false;          ///< REMI: Bar may follow Program and Bar
};

/// Builds a token-type graph rule by rule, in MidiTok's order.
class GraphRules {
 public:
  /// Rules for a config and a tokenization's shape, into an empty graph.
  GraphRules(const TokenizerConfig& config, GraphShape shape) : c_(config), g_(std::move(shape)) {}

  /// REMI and TSD: Program, Pitch, Velocity, Duration and pitch intervals, then the time types'
  /// own rules (time_rules, set after the note types); returns the note's last type.
  std::string add_note_rules(const TypeGraph& time_rules);
  /// Chord, Tempo, TimeSig and KeySig.
  void add_global_rules();
  /// REMI and TSD: where Pedal and PedalOff (or a pedal's Duration) stand.
  void add_pedal_rules();
  /// What may follow and precede pedals, for every tokenization (after its own pedal rules).
  void add_pedal_links();
  /// PitchBend, ControlChange, Rest, then the Program links of program_changes.
  void add_event_rules();
  /// REMI and TSD: the global, pedal and event rules, in that order.
  void add_non_note_rules() {
    add_global_rules();
    if (c_.use_sustain_pedals) {
      add_pedal_rules();
      add_pedal_links();
    }
    add_event_rules();
  }
  /// REMI and TSD: PitchDrum is followed as Pitch is, and follows what Pitch follows.
  void add_pitch_drums();
  /// ControlChange may follow and precede every type (the last rule).
  void link_control_changes();

  /// The graph built so far.
  TypeGraph& graph() { return dic_; }

 private:
  TypeSet with_time(TypeSet s) const {
    s.insert(g_.time_next.begin(), g_.time_next.end());
    return s;
  }
  void add(const std::string& key, const TypeSet& types) {
    dic_[key].insert(types.begin(), types.end());
  }

  const TokenizerConfig& c_;
  GraphShape g_;
  TypeGraph dic_;
};

}  // namespace miditok::detail
