// REMI's token-type graph: which token type may follow which (used by tokens_errors).
#include "miditok/tokenizers/remi.h"

namespace miditok {

std::map<std::string, std::set<std::string>> REMI::create_token_types_graph() const {
  const auto& c = config_;
  const bool dur = c.using_note_duration_tokens();
  std::map<std::string, std::set<std::string>> dic;
  std::string first;
  if (c.use_programs) {
    first = c.program_changes ? "Pitch" : "Program";
    dic["Program"] = {"Pitch"};
  } else {
    first = "Pitch";
  }
  if (c.use_velocities) {
    dic["Pitch"] = {"Velocity"};
    dic["Velocity"] =
        dur ? std::set<std::string>{"Duration"} : std::set<std::string>{first, "Position", "Bar"};
  } else if (dur) {
    dic["Pitch"] = {"Duration"};
  } else {
    dic["Pitch"] = {first, "Bar", "Position"};
  }
  if (dur) dic["Duration"] = {first, "Position", "Bar"};
  dic["Bar"] = {"Position", "Bar"};
  dic["Position"] = {first};
  const std::set<std::string> intervals{"PitchIntervalTime", "PitchIntervalChord"};
  auto add_all = [](std::set<std::string>& s, const std::set<std::string>& o) {
    s.insert(o.begin(), o.end());
  };
  if (c.use_pitch_intervals) {
    for (const char* tt : {"PitchIntervalTime", "PitchIntervalChord"}) {
      dic[tt] = c.use_velocities ? std::set<std::string>{"Velocity"}
                : dur            ? std::set<std::string>{"Duration"}
                      : std::set<std::string>{first, "PitchIntervalTime", "PitchIntervalChord",
                                              "Bar", "Position"};
      if (c.use_programs && c.one_token_stream_for_programs) {
        dic["Program"].insert(tt);
      } else {
        if (dur)
          dic["Duration"].insert(tt);
        else if (c.use_velocities)
          dic["Velocity"].insert(tt);
        else
          dic["Pitch"].insert(tt);
        dic["Position"].insert(tt);
      }
    }
  }
  const std::string after_note = dur ? "Duration" : c.use_velocities ? "Velocity" : first;
  if (c.program_changes) {
    dic[after_note].insert("Program");
    if (bar_end_tokens_) dic["Program"].insert("Bar");
  }
  if (c.use_chords) {
    dic["Chord"] = {first};
    dic["Position"].insert("Chord");
    if (c.use_programs) dic["Program"].insert("Chord");
    if (c.use_pitch_intervals) add_all(dic["Chord"], intervals);
  }
  if (c.use_tempos) {
    dic["Position"].insert("Tempo");
    dic["Tempo"] = {first, "Position", "Bar"};
    if (c.use_chords) dic["Tempo"].insert("Chord");
    if (c.use_rests) dic["Tempo"].insert("Rest");
    if (c.use_pitch_intervals) add_all(dic["Tempo"], intervals);
  }
  if (c.use_time_signatures) {
    dic["Bar"] = {"TimeSig"};
    if (bar_end_tokens_) dic["Bar"].insert("Bar");
    dic["TimeSig"] = {first, "Position", "Bar"};
    if (c.use_chords) dic["TimeSig"].insert("Chord");
    if (c.use_rests) dic["TimeSig"].insert("Rest");
    if (c.use_tempos) dic["Tempo"].insert("TimeSig");
    if (c.use_pitch_intervals) add_all(dic["TimeSig"], intervals);
  }
  if (c.use_key_signatures) {
    dic["Position"].insert("KeySig");
    dic["KeySig"] = {first, "Position", "Bar", "KeySig"};
    if (c.use_chords) dic["KeySig"].insert("Chord");
    if (c.use_rests) dic["KeySig"].insert("Rest");
    if (c.use_tempos) dic["Tempo"].insert("KeySig");
    if (c.use_time_signatures) dic["TimeSig"].insert("KeySig");
    if (c.use_pitch_intervals) add_all(dic["KeySig"], intervals);
  }
  const bool spd = c.sustain_pedal_duration;
  if (c.use_sustain_pedals) {
    dic["Position"].insert("Pedal");
    if (spd) {
      dic["Pedal"] = {"Duration"};
      if (dur) {
        dic["Duration"].insert("Pedal");
      } else if (c.use_velocities) {
        dic["Duration"] = {first, "Bar", "Position"};
        dic["Velocity"].insert("Pedal");
      } else {
        dic["Duration"] = {first, "Bar", "Position"};
        dic["Pitch"].insert("Pedal");
      }
    } else {
      dic["PedalOff"] = {"Pedal", "PedalOff", first, "Position", "Bar"};
      dic["Pedal"] = {"Pedal", first, "Position", "Bar"};
      dic["Position"].insert("PedalOff");
    }
    if (c.use_chords) {
      dic["Pedal"].insert("Chord");
      if (!spd) {
        dic["PedalOff"].insert("Chord");
        dic["Chord"].insert("PedalOff");
      }
    }
    if (c.use_rests) {
      dic["Pedal"].insert("Rest");
      if (!spd) dic["PedalOff"].insert("Rest");
    }
    if (c.use_tempos) {
      dic["Tempo"].insert("Pedal");
      if (!spd) dic["Tempo"].insert("PedalOff");
    }
    if (c.use_time_signatures) {
      dic["TimeSig"].insert("Pedal");
      if (!spd) dic["TimeSig"].insert("PedalOff");
    }
    if (c.use_key_signatures) {
      dic["KeySig"].insert("Pedal");
      if (!spd) dic["KeySig"].insert("PedalOff");
    }
    if (c.use_pitch_intervals) {
      if (spd) {
        add_all(dic["Duration"], intervals);
      } else {
        add_all(dic["Pedal"], intervals);
        add_all(dic["PedalOff"], intervals);
      }
    }
  }
  const bool prog_tokens = c.use_programs && !c.program_changes;
  if (c.use_pitch_bends) {
    dic["PitchBend"] = {first, "Position", "Bar"};
    if (prog_tokens) {
      dic["Program"].insert("PitchBend");
    } else {
      dic["Position"].insert("PitchBend");
      if (c.use_tempos) dic["Tempo"].insert("PitchBend");
      if (c.use_time_signatures) dic["TimeSig"].insert("PitchBend");
      if (c.use_key_signatures) dic["KeySig"].insert("PitchBend");
      if (c.use_sustain_pedals) {
        dic["Pedal"].insert("PitchBend");
        if (spd)
          dic["Duration"].insert("PitchBend");
        else
          dic["PedalOff"].insert("PitchBend");
      }
    }
    if (c.use_chords) dic["PitchBend"].insert("Chord");
    if (c.use_rests) dic["PitchBend"].insert("Rest");
  }
  if (c.use_control_changes) {
    dic["ControlChange"] = {first, "ControlChange", "Position", "Bar"};
    if (prog_tokens) {
      dic["Program"].insert("ControlChange");
    } else {
      dic["Position"].insert("ControlChange");
      if (c.use_tempos) dic["Tempo"].insert("ControlChange");
      if (c.use_time_signatures) dic["TimeSig"].insert("ControlChange");
      if (c.use_sustain_pedals) {
        dic["Pedal"].insert("ControlChange");
        if (spd)
          dic["Duration"].insert("ControlChange");
        else
          dic["PedalOff"].insert("ControlChange");
        dic["ControlChange"].insert("Pedal");
        if (!spd) dic["ControlChange"].insert("PedalOff");
      }
    }
    if (c.use_pitch_bends) {
      dic["PitchBend"].insert("ControlChange");
      dic["ControlChange"].insert("PitchBend");
    }
    if (c.use_pitch_intervals) add_all(dic["ControlChange"], intervals);
    if (c.use_chords) dic["ControlChange"].insert("Chord");
    if (c.use_rests) dic["ControlChange"].insert("Rest");
  }
  if (c.use_rests) {
    dic["Rest"] = {"Rest", first, "Position", "Bar"};
    dic[after_note].insert("Rest");
    if (c.use_chords) dic["Rest"].insert("Chord");
    if (c.use_tempos) dic["Rest"].insert("Tempo");
    if (c.use_time_signatures) dic["Rest"].insert("TimeSig");
    if (c.use_key_signatures) dic["Rest"].insert("KeySig");
    if (c.use_sustain_pedals) {
      dic["Rest"].insert("Pedal");
      if (spd) {
        dic["Duration"].insert("Rest");
      } else {
        dic["Rest"].insert("PedalOff");
        dic["PedalOff"].insert("Rest");
      }
    }
    if (c.use_pitch_bends) dic["Rest"].insert("PitchBend");
    if (c.use_control_changes) dic["Rest"].insert("ControlChange");
    if (c.use_pitch_intervals) add_all(dic["Rest"], intervals);
  }
  if (c.program_changes)
    for (const char* tt : {"Position", "Rest", "PitchBend", "ControlChange", "Pedal", "PedalOff",
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
    std::vector<std::string> types;
    for (const auto& [k, v] : dic) types.push_back(k);
    for (const auto& t : types) dic[t].insert("ControlChange");
    for (const auto& t : types) dic["ControlChange"].insert(t);
  }
  return dic;
}

}  // namespace miditok
