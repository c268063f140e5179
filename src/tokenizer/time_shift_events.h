// TimeShift time events, shared by the tokenizations that move the time with TimeShift tokens
// (TSD, MIDILike): Rest tokens after the notes end (when rests are on), then the remaining gap as
// TimeShift tokens, each decomposed greedily (midi_tokenizer.py _time_ticks_to_tokens).
#pragma once

#include <vector>

#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok::detail {

/// End tick an event brings to "the notes end" (for rests), or -1 when it brings none.
using NoteEndFn = long long (*)(const Event&);

/// Inserts Rest and TimeShift events before each event at a new tick, as MidiTok's TSD and
/// MIDILike _add_time_events; `note_end` says which events move the notes end.
std::vector<Event> add_time_shift_events(const MusicTokenizer& tok, std::vector<Event> events,
                                         int time_division, NoteEndFn note_end);

/// The stable sort by time then add_time_shift_events, reading the events in time order through
/// their sorted keys instead of reordering them first (the result is the same).
std::vector<Event> sort_and_add_time_shift_events(const MusicTokenizer& tok,
                                                  const std::vector<Event>& events,
                                                  int time_division, NoteEndFn note_end);

}  // namespace miditok::detail
