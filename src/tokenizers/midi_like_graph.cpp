// MIDILike's token-type graph (midi_like.py _create_token_types_graph): its own note, NoteOff and
// pedal-duration rules, then the rules it shares with REMI and TSD (graph_rules.h) over TimeShift,
// NoteOff following and preceding the events when notes have durations.
#include <utility>
#include <vector>

#include "graph_rules.h"
#include "miditok/tokenizers/midi_like.h"

namespace miditok {

std::map<std::string, std::set<std::string>> MIDILike::create_token_types_graph() const {
  using S = std::set<std::string>;
  const auto& c = config_;
  const bool dur = c.using_note_duration_tokens();
  const bool iv = c.use_pitch_intervals, ped_dur = c.sustain_pedal_duration;
  const std::string first = c.use_programs && !c.program_changes ? "Program" : "NoteOn";
  detail::GraphShape shape;
  shape.first = first;
  shape.time_next = {"TimeShift"};
  shape.time_prev = "TimeShift";
  shape.rest_after = shape.note_off = dur ? "NoteOff" : "";
  // NoteOff may follow global tokens only when they are not announced by Program tokens.
  shape.note_off_after_globals = dur && (!c.use_programs || c.program_changes);
  detail::GraphRules rules(c, shape);
  auto& dic = rules.graph();
  auto add = [&](const std::string& k, const S& v) { dic[k].insert(v.begin(), v.end()); };
  if (c.use_programs) {
    dic["Program"] = {"NoteOn"};
    if (dur) dic["Program"].insert("NoteOff");
  }
  const std::string last = c.use_velocities ? "Velocity" : "NoteOn";
  if (c.use_velocities) {
    dic["NoteOn"] = {"Velocity"};
    dic["Velocity"] = {first, "TimeShift"};
  } else {
    dic["NoteOn"] = {first, "TimeShift"};
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
        dic[dur ? "NoteOff" : last].insert(tt);
        dic["TimeShift"].insert(tt);
      }
    }
  }
  if (c.program_changes) {
    dic[last].insert("Program");
    if (dur) dic["NoteOff"].insert("Program");
  }
  rules.add_global_rules();
  if (c.use_sustain_pedals) {
    dic["TimeShift"].insert("Pedal");
    if (dur) {
      dic["NoteOff"].insert("Pedal");
      if (!ped_dur) dic["NoteOff"].insert("PedalOff");
    }
    if (ped_dur) {
      dic["Pedal"] = {"Duration"};
      dic["Duration"] = {first, "TimeShift", "Pedal"};
      if (dur) dic["Duration"].insert("NoteOff");
    } else {
      dic["PedalOff"] = {"Pedal", "PedalOff", first, "TimeShift"};
      dic["Pedal"] = {"Pedal", first, "TimeShift"};
      if (dur) {
        dic["Pedal"].insert("NoteOff");
        dic["PedalOff"].insert("NoteOff");
      }
      dic["TimeShift"].insert("PedalOff");
    }
    rules.add_pedal_links();
  }
  rules.add_event_rules();
  if (!c.use_rests) dic["TimeShift"].insert("TimeShift");
  if (c.use_pitchdrum_tokens) {
    std::vector<std::pair<std::string, std::string>> pairs{{"DrumOn", "NoteOn"}};
    if (dur) pairs.emplace_back("DrumOff", "NoteOff");
    for (const auto& [drum, note] : pairs) {
      dic[drum] = dic[note];
      for (auto& [k, v] : dic)
        if (v.count(note)) v.insert(drum);
    }
  }
  rules.link_control_changes();
  return std::move(dic);
}

}  // namespace miditok
