// TSD's token-type graph: which token type may follow which (tsd.py _create_token_types_graph).
#include "miditok/tokenizers/tsd.h"

namespace miditok {

std::map<std::string, std::set<std::string>> TSD::create_token_types_graph() const {
  using S = std::set<std::string>;
  const auto& c = config_;
  const bool dur = c.using_note_duration_tokens();
  const bool rests = c.use_rests, tempos = c.use_tempos, ts = c.use_time_signatures;
  const bool keys = c.use_key_signatures, chords = c.use_chords, iv = c.use_pitch_intervals;
  const bool pedals = c.use_sustain_pedals, ped_dur = c.sustain_pedal_duration;
  const S intervals{"PitchIntervalTime", "PitchIntervalChord"};
  std::map<std::string, S> dic;
  auto add = [&](const std::string& k, const S& v) { dic[k].insert(v.begin(), v.end()); };
  std::string first = "Pitch";
  if (c.use_programs) {
    first = c.program_changes ? "Pitch" : "Program";
    dic["Program"] = {"Pitch"};
  }
  if (c.use_velocities) {
    dic["Pitch"] = {"Velocity"};
    dic["Velocity"] = dur ? S{"Duration"} : S{first, "TimeShift"};
  } else if (dur) {
    dic["Pitch"] = {"Duration"};
  } else {
    dic["Pitch"] = {first, "TimeShift"};
  }
  if (dur) dic["Duration"] = {first, "TimeShift"};
  dic["TimeShift"] = {first, "TimeShift"};
  if (iv) {
    for (const char* tt : {"PitchIntervalTime", "PitchIntervalChord"}) {
      dic[tt] = c.use_velocities ? S{"Velocity"}
                : dur            ? S{"Duration"}
                                 : S{first, "PitchIntervalTime", "PitchIntervalChord", "TimeShift"};
      if (c.use_programs && c.one_token_stream_for_programs) {
        dic["Program"].insert(tt);
      } else {
        if (dur)
          dic["Duration"].insert(tt);
        else if (c.use_velocities)
          dic["Velocity"].insert(tt);
        else
          dic["Pitch"].insert(tt);
        dic["TimeShift"].insert(tt);
      }
    }
  }
  const std::string after_note = dur ? "Duration" : c.use_velocities ? "Velocity" : first;
  if (c.program_changes) dic[after_note].insert("Program");
  if (chords) {
    dic["Chord"] = {first};
    dic["TimeShift"].insert("Chord");
    if (c.use_programs) dic["Program"].insert("Chord");
    if (iv) add("Chord", intervals);
  }
  if (tempos) {
    dic["TimeShift"].insert("Tempo");
    dic["Tempo"] = {first, "TimeShift"};
    if (chords) dic["Tempo"].insert("Chord");
    if (rests) dic["Tempo"].insert("Rest");
    if (iv) add("Tempo", intervals);
  }
  if (ts) {
    dic["TimeShift"].insert("TimeSig");
    dic["TimeSig"] = {first, "TimeShift"};
    if (chords) dic["TimeSig"].insert("Chord");
    if (rests) dic["TimeSig"].insert("Rest");
    if (tempos) dic["TimeSig"].insert("Tempo");
    if (iv) add("TimeSig", intervals);
  }
  if (keys) {
    dic["TimeShift"].insert("KeySig");
    dic["KeySig"] = {first, "TimeShift", "KeySig"};
    if (chords) dic["KeySig"].insert("Chord");
    if (rests) dic["KeySig"].insert("Rest");
    if (tempos) dic["Tempo"].insert("KeySig");
    if (ts) dic["TimeSig"].insert("KeySig");
    if (iv) add("KeySig", intervals);
  }
  if (pedals) {
    dic["TimeShift"].insert("Pedal");
    if (ped_dur) {
      dic["Pedal"] = {"Duration"};
      if (dur) {
        dic["Duration"].insert("Pedal");
      } else if (c.use_velocities) {
        dic["Duration"] = {first, "TimeShift"};
        dic["Velocity"].insert("Pedal");
      } else {
        dic["Duration"] = {first, "TimeShift"};
        dic["Pitch"].insert("Pedal");
      }
    } else {
      dic["PedalOff"] = {"Pedal", "PedalOff", first, "TimeShift"};
      dic["Pedal"] = {"Pedal", first, "TimeShift"};
      dic["TimeShift"].insert("PedalOff");
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
    if (iv) {
      if (ped_dur) {
        add("Duration", intervals);
      } else {
        add("Pedal", intervals);
        add("PedalOff", intervals);
      }
    }
  }
  if (c.use_pitch_bends) {
    dic["PitchBend"] = {first, "TimeShift"};
    if (c.use_programs && !c.program_changes) {
      dic["Program"].insert("PitchBend");
    } else {
      dic["TimeShift"].insert("PitchBend");
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
    if (c.use_programs && !c.program_changes) {
      dic["Program"].insert("ControlChange");
    } else {
      dic["TimeShift"].insert("ControlChange");
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
    dic[after_note].insert("Rest");
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
    dic["PitchDrum"] = dic["Pitch"];
    for (auto& [k, v] : dic)
      if (v.count("Pitch")) v.insert("PitchDrum");
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
