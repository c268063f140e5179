// TimeShift / Rest time events (TSD and MIDILike _add_time_events).
#include "time_shift_events.h"

#include <algorithm>

#include "decode_helpers.h"
#include "miditok/preprocess/time_grid.h"
#include "score_helpers.h"

namespace miditok::detail {

std::vector<Event> add_time_shift_events(const MusicTokenizer& tok, std::vector<Event> events,
                                         int time_division, NoteEndFn note_end) {
  const auto& cfg = tok.config();
  std::vector<Event> out;
  out.reserve(events.size() * 5 / 4 + 8);
  long long previous_tick = 0, previous_note_end = 0;
  int ticks_per_beat = compute_ticks_per_beat(4, time_division);
  auto min_rest = [&](int tpb) -> long long {
    return tok.rests().empty() ? 0 : MusicTokenizer::time_token_to_ticks(tok.rests()[0], tpb);
  };
  for (auto& e : events) {
    if (e.time != previous_tick) {
      if (cfg.use_rests && e.time - previous_note_end >= min_rest(ticks_per_beat)) {
        previous_tick = std::max(previous_note_end, previous_tick);
        auto [values, ticks] = tok.time_ticks_to_tokens(static_cast<tick_t>(e.time - previous_tick),
                                                        ticks_per_beat, true);
        for (std::size_t k = 0; k < values.size(); ++k) {
          out.push_back(Event{"Rest", MusicTokenizer::time_tuple_str(values[k]),
                              static_cast<tick_t>(previous_tick), 0, 0});
          previous_tick += ticks[k];
        }
      }
      if (e.time != previous_tick) {
        auto [values, ticks] = tok.time_ticks_to_tokens(static_cast<tick_t>(e.time - previous_tick),
                                                        ticks_per_beat, false);
        for (std::size_t k = 0; k < values.size(); ++k) {
          out.push_back(Event{"TimeShift", MusicTokenizer::time_tuple_str(values[k]),
                              static_cast<tick_t>(previous_tick), 0, 0});
          previous_tick += ticks[k];
        }
      }
      previous_tick = e.time;
    }
    if (e.type == "TimeSig") {
      int num = 0, den = 0;
      if (parse_time_sig(e.value, num, den))
        ticks_per_beat = compute_ticks_per_beat(den, time_division);
    }
    const long long end = note_end(e);
    if (end > previous_note_end) previous_note_end = end;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace miditok::detail
