// TimeShift / Rest time events (TSD and MIDILike _add_time_events).
#include "time_shift_events.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "decode_helpers.h"
#include "event_order.h"
#include "event_push.h"
#include "miditok/preprocess/time_grid.h"
#include "score_helpers.h"

namespace miditok::detail {

namespace {

/// One Rest / TimeShift token of a decomposed gap: its value, the ticks it moves and its id
/// (-1 when the vocabulary lacks it: the id pass then reports the unknown token).
struct TimePiece {
  EventValue value;
  tick_t ticks;
  token_id_t id;
};

/// The decompositions of the gaps met in one encode, by (gap, ticks per beat, rest or shift):
/// a score repeats few distinct gaps, so each is decomposed, formatted and looked up once. The
/// last lists found sit in a small direct-mapped table in front of the map (a map lookup costs a
/// division per gap).
class GapCache {
 public:
  explicit GapCache(const MusicTokenizer& tok) : tok_(tok) {}

  const std::vector<TimePiece>& pieces(tick_t gap, int ticks_per_beat, bool rest) {
    const std::uint64_t key = (std::uint64_t{static_cast<std::uint32_t>(gap)} << 32) |
                              (std::uint64_t{static_cast<std::uint32_t>(ticks_per_beat)} << 1) |
                              std::uint64_t{rest};
    Slot& slot = slots_[(key * 0x9E3779B97F4A7C15ull) >> (64 - kSlotBits)];
    if (slot.pieces == nullptr || slot.key != key)
      slot = Slot{key, &find(key, gap, ticks_per_beat, rest)};
    return *slot.pieces;
  }

 private:
  static constexpr int kSlotBits = 6;
  struct Slot {
    std::uint64_t key = 0;
    const std::vector<TimePiece>* pieces = nullptr;  // stable: the map's nodes do not move
  };

  [[gnu::noinline]] const std::vector<TimePiece>& find(std::uint64_t key, tick_t gap,
                                                       int ticks_per_beat, bool rest) {
    auto [it, inserted] = cache_.try_emplace(key);
    if (inserted) {
      auto [values, ticks] = tok_.time_ticks_to_tokens(gap, ticks_per_beat, rest);
      const std::string prefix = rest ? "Rest_" : "TimeShift_";
      for (std::size_t k = 0; k < values.size(); ++k) {
        std::string value = MusicTokenizer::time_tuple_str(values[k]);
        const std::string token = prefix + value;
        const token_id_t id = tok_.has_token(token) ? tok_.token_to_id(token) : token_id_t{-1};
        it->second.push_back(TimePiece{EventValue(value), ticks[k], id});
      }
    }
    return it->second;
  }

  const MusicTokenizer& tok_;
  std::unordered_map<std::uint64_t, std::vector<TimePiece>> cache_;
  std::array<Slot, std::size_t{1} << kSlotBits> slots_{};
};

/// add_time_shift_events over `events` read through size() and operator[] (a vector of events,
/// or a view of them in time order).
template <class Events>
std::vector<Event> time_shift_events_of(const MusicTokenizer& tok, const Events& events,
                                        int time_division, NoteEndFn note_end) {
  const auto& cfg = tok.config();
  std::vector<Event> out;
  out.reserve(events.size() * 5 / 4 + 8);
  GapCache gaps(tok);
  long long previous_tick = 0, previous_note_end = 0;
  int ticks_per_beat = compute_ticks_per_beat(4, time_division);
  auto min_rest = [&](int tpb) -> long long {
    return tok.rests().empty() ? 0 : MusicTokenizer::time_token_to_ticks(tok.rests()[0], tpb);
  };
  auto push_gap = [&](std::string_view type, long long until, bool rest) {
    for (const auto& p :
         gaps.pieces(static_cast<tick_t>(until - previous_tick), ticks_per_beat, rest)) {
      push_event(out, type, p.value, static_cast<tick_t>(previous_tick), 0, 0, p.id);
      previous_tick += p.ticks;
    }
  };
  for (std::size_t i = 0; i < events.size(); ++i) {
    prefetch_ahead(events, i);
    const Event& e = events[i];
    if (e.time != previous_tick) {
      if (cfg.use_rests && e.time - previous_note_end >= min_rest(ticks_per_beat)) {
        previous_tick = std::max(previous_note_end, previous_tick);
        push_gap("Rest", e.time, true);
      }
      if (e.time != previous_tick) push_gap("TimeShift", e.time, false);
      previous_tick = e.time;
    }
    if (type_is(e.type, "TimeSig")) {
      int num = 0, den = 0;
      if (parse_time_sig(e.value, num, den))
        ticks_per_beat = compute_ticks_per_beat(den, time_division);
    }
    if (cfg.use_rests) {  // the notes' end only places rests
      const long long end = note_end(e);
      if (end > previous_note_end) previous_note_end = end;
    }
    out.push_back(e);
  }
  return out;
}

}  // namespace

std::vector<Event> add_time_shift_events(const MusicTokenizer& tok, std::vector<Event> events,
                                         int time_division, NoteEndFn note_end) {
  return time_shift_events_of(tok, events, time_division, note_end);
}

std::vector<Event> sort_and_add_time_shift_events(const MusicTokenizer& tok,
                                                  const std::vector<Event>& events,
                                                  int time_division, NoteEndFn note_end) {
  const std::vector<std::uint64_t> keys = sorted_time_keys(events);
  if (keys.empty()) return time_shift_events_of(tok, events, time_division, note_end);
  return time_shift_events_of(tok, EventsInOrder{events.data(), keys.data(), keys.size()},
                              time_division, note_end);
}

}  // namespace miditok::detail
