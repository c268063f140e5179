// TSD's token-type graph: which token type may follow which (tsd.py _create_token_types_graph),
// the rules it shares with REMI and MIDILike (graph_rules.h) over TimeShift.
#include "graph_rules.h"
#include "miditok/tokenizers/tsd.h"

namespace miditok {

std::map<std::string, std::set<std::string>> TSD::create_token_types_graph() const {
  const auto& c = config_;
  const std::string first = c.use_programs && !c.program_changes ? "Program" : "Pitch";
  const bool dur = c.using_note_duration_tokens();
  detail::GraphShape shape;
  shape.first = first;
  shape.time_next = {"TimeShift"};
  shape.time_prev = "TimeShift";
  shape.rest_after = dur ? "Duration" : c.use_velocities ? "Velocity" : first;
  detail::GraphRules rules(c, shape);
  rules.add_note_rules({{"TimeShift", {first, "TimeShift"}}});
  rules.add_non_note_rules();
  auto& dic = rules.graph();
  if (!c.use_rests) dic["TimeShift"].insert("TimeShift");
  rules.add_pitch_drums();
  rules.link_control_changes();
  return std::move(dic);
}

}  // namespace miditok
