// REMI's token-type graph: which token type may follow which (used by tokens_errors), the rules
// it shares with TSD and MIDILike (graph_rules.h) over Position and Bar.
#include "graph_rules.h"
#include "miditok/tokenizers/remi.h"

namespace miditok {

std::map<std::string, std::set<std::string>> REMI::create_token_types_graph() const {
  const auto& c = config_;
  const std::string first = c.use_programs && !c.program_changes ? "Program" : "Pitch";
  const bool dur = c.using_note_duration_tokens();
  detail::GraphShape shape;
  shape.first = first;
  shape.time_next = {"Position", "Bar"};
  shape.time_prev = "Position";
  shape.rest_after = dur ? "Duration" : c.use_velocities ? "Velocity" : first;
  shape.time_sig_after_bar = true;
  shape.bar_end_tokens = bar_end_tokens_;
  detail::GraphRules rules(c, shape);
  rules.add_note_rules({{"Bar", {"Position", "Bar"}}, {"Position", {first}}});
  rules.add_non_note_rules();
  auto& dic = rules.graph();
  rules.add_pitch_drums();
  rules.link_control_changes();
  return std::move(dic);
}

}  // namespace miditok
