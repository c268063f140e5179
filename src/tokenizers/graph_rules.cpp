// The token-type graph rules REMI, TSD and MIDILike share (remi.py, tsd.py and midi_like.py
// _create_token_types_graph), in MidiTok's order: a rule that sets a type's successors comes
// before the rules adding to them.
#include "graph_rules.h"

namespace miditok::detail {

namespace {

const TypeSet kIntervals{"PitchIntervalTime", "PitchIntervalChord"};

}  // namespace

std::string GraphRules::add_note_rules(const TypeGraph& time_rules) {
  const bool dur = c_.using_note_duration_tokens();
  const std::string& first = g_.first;
  if (c_.use_programs) dic_["Program"] = {"Pitch"};
  if (c_.use_velocities) {
    dic_["Pitch"] = {"Velocity"};
    dic_["Velocity"] = dur ? TypeSet{"Duration"} : with_time({first});
  } else if (dur) {
    dic_["Pitch"] = {"Duration"};
  } else {
    dic_["Pitch"] = with_time({first});
  }
  if (dur) dic_["Duration"] = with_time({first});
  for (const auto& [type, next] : time_rules) dic_[type] = next;
  if (c_.use_pitch_intervals) {
    for (const char* tt : {"PitchIntervalTime", "PitchIntervalChord"}) {
      dic_[tt] = c_.use_velocities ? TypeSet{"Velocity"}
                 : dur             ? TypeSet{"Duration"}
                                   : with_time({first, "PitchIntervalTime", "PitchIntervalChord"});
      if (c_.use_programs && c_.one_token_stream_for_programs) {
        dic_["Program"].insert(tt);
      } else {
        dic_[dur ? "Duration" : c_.use_velocities ? "Velocity" : "Pitch"].insert(tt);
        dic_[g_.time_prev].insert(tt);
      }
    }
  }
  const std::string after_note = dur ? "Duration" : c_.use_velocities ? "Velocity" : first;
  if (c_.program_changes) {
    dic_[after_note].insert("Program");
    if (g_.bar_end_tokens) dic_["Program"].insert("Bar");
  }
  return after_note;
}

void GraphRules::add_global_rules() {
  const bool chords = c_.use_chords, rests = c_.use_rests, iv = c_.use_pitch_intervals;
  const bool tempos = c_.use_tempos, ts = c_.use_time_signatures;
  const std::string& first = g_.first;
  const std::string& prev = g_.time_prev;
  auto after_globals = [&](const std::string& type) {
    if (g_.note_off_after_globals) dic_[type].insert("NoteOff");
    if (chords) dic_[type].insert("Chord");
    if (rests) dic_[type].insert("Rest");
  };
  if (chords) {
    dic_["Chord"] = {first};
    dic_[prev].insert("Chord");
    if (!g_.note_off.empty()) dic_[g_.note_off].insert("Chord");
    if (c_.use_programs) dic_["Program"].insert("Chord");
    if (iv) add("Chord", kIntervals);
  }
  if (tempos) {
    dic_[prev].insert("Tempo");
    dic_["Tempo"] = with_time({first});
    after_globals("Tempo");
    if (iv) add("Tempo", kIntervals);
  }
  if (ts) {
    if (g_.time_sig_after_bar) {
      dic_["Bar"] = {"TimeSig"};
      if (g_.bar_end_tokens) dic_["Bar"].insert("Bar");
    } else {
      dic_[prev].insert("TimeSig");
    }
    dic_["TimeSig"] = with_time({first});
    after_globals("TimeSig");
    if (tempos) {
      if (g_.time_sig_after_bar)
        dic_["Tempo"].insert("TimeSig");
      else
        dic_["TimeSig"].insert("Tempo");
    }
    if (iv) add("TimeSig", kIntervals);
  }
  if (c_.use_key_signatures) {
    dic_[prev].insert("KeySig");
    dic_["KeySig"] = with_time({first, "KeySig"});
    after_globals("KeySig");
    if (tempos) dic_["Tempo"].insert("KeySig");
    if (ts) dic_["TimeSig"].insert("KeySig");
    if (iv) add("KeySig", kIntervals);
  }
}

void GraphRules::add_pedal_rules() {
  const std::string& first = g_.first;
  dic_[g_.time_prev].insert("Pedal");
  if (c_.sustain_pedal_duration) {
    dic_["Pedal"] = {"Duration"};
    if (c_.using_note_duration_tokens()) {
      dic_["Duration"].insert("Pedal");
    } else {
      dic_["Duration"] = with_time({first});
      dic_[c_.use_velocities ? "Velocity" : "Pitch"].insert("Pedal");
    }
  } else {
    dic_["PedalOff"] = with_time({"Pedal", "PedalOff", first});
    dic_["Pedal"] = with_time({"Pedal", first});
    dic_[g_.time_prev].insert("PedalOff");
  }
}

void GraphRules::add_pedal_links() {
  const bool spd = c_.sustain_pedal_duration;
  if (c_.use_chords) {
    dic_["Pedal"].insert("Chord");
    if (!spd) {
      dic_["PedalOff"].insert("Chord");
      dic_["Chord"].insert("PedalOff");
    }
  }
  if (c_.use_rests) {
    dic_["Pedal"].insert("Rest");
    if (!spd) dic_["PedalOff"].insert("Rest");
  }
  for (auto [on, type] :
       {std::pair{c_.use_tempos, "Tempo"}, std::pair{c_.use_time_signatures, "TimeSig"},
        std::pair{c_.use_key_signatures, "KeySig"}})
    if (on) {
      dic_[type].insert("Pedal");
      if (!spd) dic_[type].insert("PedalOff");
    }
  if (c_.use_pitch_intervals) {
    if (spd) {
      add("Duration", kIntervals);
    } else {
      add("Pedal", kIntervals);
      add("PedalOff", kIntervals);
    }
  }
}

void GraphRules::add_event_rules() {
  const bool chords = c_.use_chords, rests = c_.use_rests, iv = c_.use_pitch_intervals;
  const bool tempos = c_.use_tempos, ts = c_.use_time_signatures, keys = c_.use_key_signatures;
  const bool pedals = c_.use_sustain_pedals, spd = c_.sustain_pedal_duration;
  const bool bends = c_.use_pitch_bends, ccs = c_.use_control_changes;
  const bool prog_tokens = c_.use_programs && !c_.program_changes;
  const std::string& first = g_.first;
  const std::string& off = g_.note_off;
  if (bends) {
    dic_["PitchBend"] = with_time({first});
    if (!off.empty()) dic_["PitchBend"].insert(off);
    if (prog_tokens) {
      dic_["Program"].insert("PitchBend");
    } else {
      dic_[g_.time_prev].insert("PitchBend");
      if (!off.empty()) dic_[off].insert("PitchBend");
      if (tempos) dic_["Tempo"].insert("PitchBend");
      if (ts) dic_["TimeSig"].insert("PitchBend");
      if (keys) dic_["KeySig"].insert("PitchBend");
      if (pedals) {
        dic_["Pedal"].insert("PitchBend");
        dic_[spd ? "Duration" : "PedalOff"].insert("PitchBend");
      }
    }
    if (chords) dic_["PitchBend"].insert("Chord");
    if (rests) dic_["PitchBend"].insert("Rest");
  }
  if (ccs) {
    dic_["ControlChange"] = with_time({first, "ControlChange"});
    if (!off.empty()) dic_["ControlChange"].insert(off);
    if (prog_tokens) {
      dic_["Program"].insert("ControlChange");
    } else {
      dic_[g_.time_prev].insert("ControlChange");
      if (!off.empty()) dic_[off].insert("ControlChange");
      if (tempos) dic_["Tempo"].insert("ControlChange");
      if (ts) dic_["TimeSig"].insert("ControlChange");
      if (pedals) {
        dic_["Pedal"].insert("ControlChange");
        dic_[spd ? "Duration" : "PedalOff"].insert("ControlChange");
        dic_["ControlChange"].insert("Pedal");
        if (!spd) dic_["ControlChange"].insert("PedalOff");
      }
    }
    if (bends) {
      dic_["PitchBend"].insert("ControlChange");
      dic_["ControlChange"].insert("PitchBend");
    }
    if (iv) add("ControlChange", kIntervals);
    if (chords) dic_["ControlChange"].insert("Chord");
    if (rests) dic_["ControlChange"].insert("Rest");
  }
  if (rests) {
    dic_["Rest"] = with_time({"Rest", first});
    if (!g_.rest_after.empty()) dic_[g_.rest_after].insert("Rest");
    if (chords) dic_["Rest"].insert("Chord");
    if (tempos) dic_["Rest"].insert("Tempo");
    if (ts) dic_["Rest"].insert("TimeSig");
    if (keys) dic_["Rest"].insert("KeySig");
    if (pedals) {
      dic_["Rest"].insert("Pedal");
      if (spd) {
        dic_["Duration"].insert("Rest");
      } else {
        dic_["Rest"].insert("PedalOff");
        dic_["PedalOff"].insert("Rest");
      }
    }
    if (bends) dic_["Rest"].insert("PitchBend");
    if (ccs) dic_["Rest"].insert("ControlChange");
    if (iv) add("Rest", kIntervals);
  }
  if (c_.program_changes)
    for (const std::string& tt :
         {g_.time_prev, std::string("Rest"), std::string("PitchBend"), std::string("ControlChange"),
          std::string("Pedal"), std::string("PedalOff"), std::string("Tempo"),
          std::string("TimeSig"), std::string("KeySig"), std::string("Chord")})
      if (dic_.count(tt)) {
        dic_["Program"].insert(tt);
        dic_[tt].insert("Program");
      }
}

void GraphRules::add_pitch_drums() {
  if (!c_.use_pitchdrum_tokens) return;
  dic_["PitchDrum"] = dic_["Pitch"];
  for (auto& [k, v] : dic_)
    if (v.count("Pitch")) v.insert("PitchDrum");
}

void GraphRules::link_control_changes() {
  if (!c_.use_control_changes) return;
  TypeSet types;
  for (auto& [k, v] : dic_) {
    types.insert(k);
    v.insert("ControlChange");
  }
  add("ControlChange", types);
}

}  // namespace miditok::detail
