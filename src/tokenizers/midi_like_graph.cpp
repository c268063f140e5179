// MIDILike's token-type graph (midi_like.py _create_token_types_graph).
#include "miditok/tokenizers/midi_like.h"

namespace miditok {

std::map<std::string, std::set<std::string>> MIDILike::create_token_types_graph() const {
  using S = std::set<std::string>;
  const auto& c = config_;
  const bool dur = c.using_note_duration_tokens();
  const bool rests = c.use_rests, tempos = c.use_tempos, ts = c.use_time_signatures;
  const bool keys = c.use_key_signatures, chords = c.use_chords, iv = c.use_pitch_intervals;
  const bool pedals = c.use_sustain_pedals, ped_dur = c.sustain_pedal_duration;
  // NoteOff may follow global tokens only when they are not announced by Program tokens.
  const bool global_noteoff = dur && (!c.use_programs || c.program_changes);
  const S intervals{"PitchIntervalTime", "PitchIntervalChord"};
  std::map<std::string, S> dic;
  auto add = [&](const std::string& k, const S& v) { dic[k].insert(v.begin(), v.end()); };
  std::string first = "NoteOn";
  if (c.use_programs) {
    first = c.program_changes ? "NoteOn" : "Program";
    dic["Program"] = {"NoteOn"};
    if (dur) dic["Program"].insert("NoteOff");
  }
  std::string last;
  if (c.use_velocities) {
    dic["NoteOn"] = {"Velocity"};
    dic["Velocity"] = {first, "TimeShift"};
    last = "Velocity";
  } else {
    dic["NoteOn"] = {first, "TimeShift"};
    last = "NoteOn";
  }
  dic["TimeShift"] = {first, "TimeShift"};
  if (dur) {
    dic["NoteOff"] = {"NoteOff", first, "TimeShift"};
    dic["TimeShift"].insert("NoteOff");
  }
  if (iv) {
    for (const char* tt : {"PitchIntervalTime", "PitchIntervalChord"}) {
      dic[tt] = {last};
      if (!c.use_velocities) add(tt, {"PitchIntervalTime", "PitchIntervalChord", "TimeShift"});
      if (c.use_programs && c.one_token_stream_for_programs) {
        dic["Program"].insert(tt);
      } else {
        dic[last].insert(tt);
        if (dur)
          dic["NoteOff"].insert(tt);
        else if (c.use_velocities)
          dic["Velocity"].insert(tt);
        else
          dic["NoteOn"].insert(tt);
        dic["TimeShift"].insert(tt);
      }
    }
  }
  if (c.program_changes) {
    dic[last].insert("Program");
    if (dur) dic["NoteOff"].insert("Program");
  }
  if (chords) {
    dic["Chord"] = {first};
    dic["TimeShift"].insert("Chord");
    if (dur) dic["NoteOff"].insert("Chord");
    if (c.use_programs) dic["Program"].insert("Chord");
    if (iv) add("Chord", intervals);
  }
  if (tempos) {
    dic["TimeShift"].insert("Tempo");
    dic["Tempo"] = {first, "TimeShift"};
    if (global_noteoff) dic["Tempo"].insert("NoteOff");
    if (chords) dic["Tempo"].insert("Chord");
    if (rests) dic["Tempo"].insert("Rest");
    if (iv) add("Tempo", intervals);
  }
  if (ts) {
    dic["TimeShift"].insert("TimeSig");
    dic["TimeSig"] = {first, "TimeShift"};
    if (global_noteoff) dic["TimeSig"].insert("NoteOff");
    if (chords) dic["TimeSig"].insert("Chord");
    if (rests) dic["TimeSig"].insert("Rest");
    if (tempos) dic["TimeSig"].insert("Tempo");
    if (iv) add("TimeSig", intervals);
  }
  if (keys) {
    dic["TimeShift"].insert("KeySig");
    dic["KeySig"] = {first, "TimeShift", "KeySig"};
    if (global_noteoff) dic["KeySig"].insert("NoteOff");
    if (chords) dic["KeySig"].insert("Chord");
    if (rests) dic["KeySig"].insert("Rest");
    if (tempos) dic["Tempo"].insert("KeySig");
    if (ts) dic["TimeSig"].insert("KeySig");
    if (iv) add("KeySig", intervals);
  }
  if (pedals) {
    dic["TimeShift"].insert("Pedal");
    if (dur) {
      dic["NoteOff"].insert("Pedal");
      if (!ped_dur) dic["NoteOff"].insert("PedalOff");
    }
    if (ped_dur) {
      dic["Pedal"] = {"Duration"};
      dic["Duration"] = {first, "TimeShift", "Pedal"};
      if (dur) dic["Duration"].insert("NoteOff");
      if (iv) add("Duration", intervals);
    } else {
      dic["PedalOff"] = {"Pedal", "PedalOff", first, "TimeShift"};
      dic["Pedal"] = {"Pedal", first, "TimeShift"};
      if (dur) {
        dic["Pedal"].insert("NoteOff");
        dic["PedalOff"].insert("NoteOff");
      }
      dic["TimeShift"].insert("PedalOff");
      if (iv) {
        add("Pedal", intervals);
        add("PedalOff", intervals);
      }
    }
    if (chords) {
      dic["Pedal"].insert("Chord");
      if (!ped_dur) {
        dic["PedalOff"].insert("Chord");
        dic["Chord"].insert("PedalOff");
      }
    }
    if (rests) {
      dic["Pedal"].insert("Rest");
      if (!ped_dur) dic["PedalOff"].insert("Rest");
    }
    if (tempos) {
      dic["Tempo"].insert("Pedal");
      if (!ped_dur) dic["Tempo"].insert("PedalOff");
    }
    if (ts) {
      dic["TimeSig"].insert("Pedal");
      if (!ped_dur) dic["TimeSig"].insert("PedalOff");
    }
    if (keys) {
      dic["KeySig"].insert("Pedal");
      if (!ped_dur) dic["KeySig"].insert("PedalOff");
    }
  }
  if (c.use_pitch_bends) {
    dic["PitchBend"] = {first, "TimeShift"};
    if (dur) dic["PitchBend"].insert("NoteOff");
    if (c.use_programs && !c.program_changes) {
      dic["Program"].insert("PitchBend");
    } else {
      dic["TimeShift"].insert("PitchBend");
      if (dur) dic["NoteOff"].insert("PitchBend");
      if (tempos) dic["Tempo"].insert("PitchBend");
      if (ts) dic["TimeSig"].insert("PitchBend");
      if (keys) dic["KeySig"].insert("PitchBend");
      if (pedals) {
        dic["Pedal"].insert("PitchBend");
        dic[ped_dur ? "Duration" : "PedalOff"].insert("PitchBend");
      }
    }
    if (chords) dic["PitchBend"].insert("Chord");
    if (rests) dic["PitchBend"].insert("Rest");
  }
  if (c.use_control_changes) {
    dic["ControlChange"] = {first, "ControlChange", "TimeShift"};
    if (dur) dic["ControlChange"].insert("NoteOff");
    if (c.use_programs && !c.program_changes) {
      dic["Program"].insert("ControlChange");
    } else {
      dic["TimeShift"].insert("ControlChange");
      if (dur) dic["NoteOff"].insert("ControlChange");
      if (tempos) dic["Tempo"].insert("ControlChange");
      if (ts) dic["TimeSig"].insert("ControlChange");
      if (pedals) {
        dic["Pedal"].insert("ControlChange");
        dic[ped_dur ? "Duration" : "PedalOff"].insert("ControlChange");
        dic["ControlChange"].insert("Pedal");
        if (!ped_dur) dic["ControlChange"].insert("PedalOff");
      }
    }
    if (c.use_pitch_bends) {
      dic["PitchBend"].insert("ControlChange");
      dic["ControlChange"].insert("PitchBend");
    }
    if (iv) add("ControlChange", intervals);
    if (chords) dic["ControlChange"].insert("Chord");
    if (rests) dic["ControlChange"].insert("Rest");
  }
  if (rests) {
    dic["Rest"] = {"Rest", first, "TimeShift"};
    if (dur) dic["NoteOff"].insert("Rest");
    if (chords) dic["Rest"].insert("Chord");
    if (tempos) dic["Rest"].insert("Tempo");
    if (ts) dic["Rest"].insert("TimeSig");
    if (keys) dic["Rest"].insert("KeySig");
    if (pedals) {
      dic["Rest"].insert("Pedal");
      if (ped_dur) {
        dic["Duration"].insert("Rest");
      } else {
        dic["Rest"].insert("PedalOff");
        dic["PedalOff"].insert("Rest");
      }
    }
    if (c.use_pitch_bends) dic["Rest"].insert("PitchBend");
    if (c.use_control_changes) dic["Rest"].insert("ControlChange");
    if (iv) add("Rest", intervals);
  } else {
    dic["TimeShift"].insert("TimeShift");
  }
  if (c.program_changes)
    for (const char* tt : {"TimeShift", "Rest", "PitchBend", "ControlChange", "Pedal", "PedalOff",
                           "Tempo", "TimeSig", "KeySig", "Chord"})
      if (dic.count(tt)) {
        dic["Program"].insert(tt);
        dic[tt].insert("Program");
      }
  if (c.use_pitchdrum_tokens) {
    std::vector<std::pair<std::string, std::string>> pairs{{"DrumOn", "NoteOn"}};
    if (dur) pairs.emplace_back("DrumOff", "NoteOff");
    for (const auto& [drum, note] : pairs) {
      dic[drum] = dic[note];
      for (auto& [k, v] : dic)
        if (v.count(note)) v.insert(drum);
    }
  }
  if (c.use_control_changes) {
    S types;
    for (auto& [k, v] : dic) {
      types.insert(k);
      v.insert("ControlChange");
    }
    add("ControlChange", types);
  }
  return dic;
}

}  // namespace miditok
