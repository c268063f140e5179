// Score helpers of the tokenizer core: symusic's end semantics and MidiTok's utils.
#include "score_helpers.h"

#include <algorithm>

#include "miditok/preprocess/time_grid.h"
#include "miditok/preprocess/tracks.h"
#include "miditok/tokenizer/chords.h"

namespace miditok::detail {

tick_t score_end(const Score& s) { return miditok::score_end(s); }

TpbSections score_ticks_per_beat(const Score& s) {
  TpbSections out;
  for (const auto& sec : get_score_ticks_per_beat(s)) out.emplace_back(sec.end_tick, sec.value);
  return out;
}

std::vector<tick_t> bars_ticks(const Score& s, bool only_notes_onsets) {
  return get_bars_ticks(s, only_notes_onsets);
}

std::vector<tick_t> beats_ticks(const Score& s, bool only_notes_onsets) {
  return get_beats_ticks(s, only_notes_onsets);
}

void merge_same_program_tracks(std::vector<Track>& tracks) {
  miditok::merge_same_program_tracks(tracks, true);
}

std::vector<Event> detect_chords(const std::vector<Note>& notes, const TpbSections& tpb,
                                 const std::vector<std::pair<std::string, std::vector<int>>>& maps,
                                 int program, bool specify_root_note, int beat_res,
                                 const std::optional<std::pair<int, int>>& unknown_range) {
  std::vector<TickSection> sections;
  sections.reserve(tpb.size());
  for (const auto& [end, value] : tpb) sections.push_back(TickSection{end, value});
  ChordDetectionParams params;
  params.specify_root_note = specify_root_note;
  params.beat_res = beat_res;
  params.unknown_chords_num_notes_range = unknown_range;
  std::vector<Event> out;
  for (auto& c : miditok::detect_chords(notes, sections, maps, params))
    out.push_back(Event{"Chord", std::move(c.value), c.time, program, 0});
  return out;
}

}  // namespace miditok::detail
