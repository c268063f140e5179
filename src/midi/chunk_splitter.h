// The per-chunk state of the SMF reader (symusic 0.6.0's TrackManager/NoteManager): tracks keyed
// by (channel, program), per-channel straggler tracks, FIFO pairing of note on/off per (channel,
// pitch), the sustain pedal state. midi_reader.cpp parses the bytes and feeds it one event at a
// time. Included by midi_reader.cpp only: the class has internal linkage, so the compiler sees
// every use of it from the event loop (measured: an external-linkage class in its own .cpp made
// the Maestro parse 10-17% slower).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "miditok/score/score.h"
#include "pedal_masks.h"

namespace miditok {
namespace {  // NOLINT(google-build-namespaces): one includer, see above

// The per-chunk state of symusic's TrackManager/NoteManager: tracks keyed by (channel, program),
// per-channel straggler tracks, FIFO queues of open notes per (channel, pitch), pedal state.
// The chunk's notes go to one buffer in onset order, tagged with their track, and are handed out
// to the tracks (exactly sized) when the chunk ends: a note-off then reaches its note in two
// loads (queue head, note) instead of a chain through the track's own vector. The formal tracks'
// controls go to one buffer too (no vector growth per track: it was 7% of the instructions of a
// parse of the corpus); both buffers are kept by the thread for its next file.
class ChunkSplitter {
 public:
  ChunkSplitter() {
    slot_.fill(-1);
    head_.fill(-1);
    tail_.fill(-1);
    current_.fill(-1);
  }

  // A note of the chunk with its track (in what would be Note's padding).
  struct ChunkNote {
    tick_t time;
    tick_t end;  // the note-off's tick (time - 1 while open: the duration is then -1)
    std::int8_t pitch;
    std::int8_t velocity;
    std::uint16_t track;
    std::int32_t next_open;  // the next open note of its (channel, pitch), or -1
    // The note-off stores its tick only (no load of the onset in the event loop).
    tick_t duration() const {
      return static_cast<tick_t>(static_cast<std::uint32_t>(end) -
                                 static_cast<std::uint32_t>(time));
    }
  };
  // A ChunkNote as a Note: the iterator vector::assign copies the chunk's notes through.
  struct AsNote {
    using iterator_category = std::forward_iterator_tag;
    using value_type = Note;
    using difference_type = std::ptrdiff_t;
    using pointer = const Note*;
    using reference = Note;
    const ChunkNote* p;
    Note operator*() const { return Note{p->time, p->duration(), p->pitch, p->velocity}; }
    AsNote& operator++() {
      ++p;
      return *this;
    }
    AsNote operator++(int) { return AsNote{p++}; }
    bool operator==(const AsNote&) const = default;
  };
  // The chunk's note and control buffers as the event loop holds them: in locals, not in members
  // that every byte-typed store of the loop could alias and force to be reloaded (the control
  // count was a member stored and reloaded at each control change: 1-2% of the corpus's parse).
  struct BufferCursor {
    ChunkNote* notes;
    std::size_t size;
    std::size_t cap;
    ControlChange* controls;
    std::uint16_t* control_track;
    std::size_t num_controls;
    std::size_t control_cap;
  };
  BufferCursor cursor() const {
    return {notes_.get(),         num_notes_,    note_cap_,   controls_.get(),
            control_track_.get(), num_controls_, control_cap_};
  }
  // How many more notes and controls both buffers hold. The reader's loop needs no test per
  // event: a note or a control takes at least 3 bytes (delta, 2 data bytes), so the next
  // 3 * room() - 1 bytes cannot add more than room() - 1 of them.
  static std::size_t room(const BufferCursor& c) {
    return std::min(c.cap - c.size, c.control_cap - c.num_controls);
  }
  // Grows the buffers to hold at least `want` more of each.
  void ensure_room(BufferCursor& c, std::size_t want) {
    while (c.cap - c.size < want) c = grow_notes(c);
    while (c.control_cap - c.num_controls < want) c = grow_controls(c);
  }
  void commit(BufferCursor c) {
    num_notes_ = c.size;
    num_controls_ = c.num_controls;
  }

  void reset() {
    for (auto key : keys_) slot_[key] = -1;
    for (auto key : open_keys_) head_[key] = tail_[key] = -1;
    keys_.clear();
    open_keys_.clear();
    tracks_.clear();
    num_notes_ = 0;
    num_controls_ = 0;
    pedals_done_ = 0;
    for (std::uint32_t used = used_stragglers_; used != 0; used &= used - 1) {
      stragglers_[static_cast<std::size_t>(__builtin_ctz(used))] = Track{};
    }
    used_stragglers_ = 0;
    program_.fill(0);
    current_.fill(-1);
    // symusic initialises `std::array<unit, 16> last_pedal_on{-1}`: only channel 0 gets -1.
    pedal_on_.fill(0);
    pedal_on_[0] = -1;
    name_.clear();
  }

  void set_program(std::uint8_t channel, std::uint8_t program) {
    program_[channel] = program;
    current_[channel] = slot_[key_of(channel)];
  }
  Track& track(std::size_t idx) { return tracks_[idx]; }
  void set_name(std::string name) { name_ = std::move(name); }

  // The formal track of the channel's current program, else the channel's straggler.
  Track& existing_or_straggler(std::uint8_t channel) {
    const int idx = current_[channel];
    return idx >= 0 ? tracks_[static_cast<std::size_t>(idx)] : straggler(channel);
  }

  // The formal track of the channel's current program, created (absorbing the straggler) if new.
  std::size_t formal(std::uint8_t channel) {
    if (current_[channel] >= 0) [[likely]]
      return static_cast<std::size_t>(current_[channel]);
    return new_formal(channel);
  }

  // Frees the buffers after a large file (up to 256 Ki notes, 4 MiB, and 256 Ki controls,
  // 2.5 MiB, they are kept for the next).
  void trim() {
    if (note_cap_ > (std::size_t{1} << 18)) {
      notes_.reset();
      note_cap_ = 0;
    }
    if (control_cap_ > (std::size_t{1} << 18)) {
      controls_.reset();
      control_track_.reset();
      control_cap_ = 0;
    }
  }

 private:
  [[gnu::noinline]] BufferCursor grow_notes(BufferCursor c) {
    const std::size_t cap = std::max<std::size_t>(1024, 2 * note_cap_);
    auto grown = std::make_unique_for_overwrite<ChunkNote[]>(cap);
    std::copy(notes_.get(), notes_.get() + c.size, grown.get());
    notes_ = std::move(grown);
    note_cap_ = cap;
    c.notes = notes_.get();
    c.cap = cap;
    return c;
  }

  [[gnu::noinline]] BufferCursor grow_controls(BufferCursor c) {
    num_controls_ = c.num_controls;
    const std::size_t cap = std::max<std::size_t>(1024, 2 * control_cap_);
    auto grown = std::make_unique_for_overwrite<ControlChange[]>(cap);
    auto grown_track = std::make_unique_for_overwrite<std::uint16_t[]>(cap);
    std::copy(controls_.get(), controls_.get() + num_controls_, grown.get());
    std::copy(control_track_.get(), control_track_.get() + num_controls_, grown_track.get());
    controls_ = std::move(grown);
    control_track_ = std::move(grown_track);
    control_cap_ = cap;
    c.controls = controls_.get();
    c.control_track = control_track_.get();
    c.control_cap = cap;
    return c;
  }

  [[gnu::noinline]] std::size_t new_formal(std::uint8_t channel) {
    const std::uint16_t key = key_of(channel);
    const std::size_t idx = tracks_.size();
    tracks_.push_back(std::move(stragglers_[channel]));
    stragglers_[channel] = Track{};
    Track& track = tracks_.back();
    track.program = program_[channel];
    track.is_drum = channel == 9;
    slot_[key] = static_cast<std::int32_t>(idx);
    current_[channel] = static_cast<std::int32_t>(idx);
    keys_.push_back(key);
    return idx;
  }

 public:
  void note_on(BufferCursor& c, std::uint8_t channel, std::uint8_t pitch, tick_t time,
               std::uint8_t velocity) {
    const std::size_t idx = formal(channel);
    ChunkNote* const notes = c.notes;  // room() >= 1: the reader's loop made sure
    const auto n = static_cast<std::int32_t>(c.size++);
    notes[static_cast<std::size_t>(n)] =
        ChunkNote{time,
                  static_cast<tick_t>(static_cast<std::uint32_t>(time) - 1),
                  static_cast<std::int8_t>(pitch),
                  static_cast<std::int8_t>(velocity),
                  static_cast<std::uint16_t>(idx),
                  -1};
    const std::uint16_t key = static_cast<std::uint16_t>(channel * 128 + pitch);
    if (head_[key] < 0) {
      if (tail_[key] == -1) open_keys_.push_back(key);
      head_[key] = n;
    } else {
      notes[static_cast<std::size_t>(tail_[key])].next_open = n;
    }
    tail_[key] = n;
  }

  void note_off(const BufferCursor& c, std::uint8_t channel, std::uint8_t pitch, tick_t time) {
    const std::uint16_t key = static_cast<std::uint16_t>(channel * 128 + pitch);
    const std::int32_t n = head_[key];
    if (n < 0) return;
    ChunkNote& note = c.notes[static_cast<std::size_t>(n)];
    note.end = time;
    const std::int32_t next = note.next_open;
    head_[key] = next;
    if (next < 0) tail_[key] = -2;  // empty, key already listed in open_keys_
  }

  // A formal track's controls go to the chunk's control buffer (handed out by finish(), exactly
  // sized, like the notes: no vector growth per track); a straggler's go to it directly. The
  // sustain pedal of the buffered controls is worked out after the loop (pedals()): done here, it
  // was a tenth of a Maestro file's parse.
  void control(BufferCursor& c, std::uint8_t channel, std::uint8_t number, std::uint8_t value,
               tick_t time) {
    const int idx = current_[channel];
    if (idx >= 0) [[likely]] {  // room() >= 1: the reader's loop made sure
      c.control_track[c.num_controls] = static_cast<std::uint16_t>(idx);
      c.controls[c.num_controls++] = ControlChange{time, number, value};
    } else {
      straggler_control(c, channel, ControlChange{time, number, value});
    }
  }

  // Appends the chunk's non-empty tracks to the score in (channel, program) order.
  void finish(Score& score) {
    // Hand the notes out to their tracks; notes never closed (negative duration) are dropped.
    const ChunkNote* const notes = notes_.get();
    const std::size_t num = num_notes_;
    note_count_.assign(tracks_.size(), 0);
    if (tracks_.size() == 1) {  // the common case: one track per chunk, no per-note lookup
      note_count_[0] = static_cast<std::uint32_t>(num);
      // Built from the buffer (no zero-fill of a resize first); the open notes, if any (a queue
      // still holds one), are dropped after.
      std::vector<Note>& dst = tracks_[0].notes;
      dst.assign(AsNote{notes}, AsNote{notes + num});
      const bool open = std::any_of(open_keys_.begin(), open_keys_.end(),
                                    [this](std::uint16_t key) { return head_[key] >= 0; });
      if (open) std::erase_if(dst, [](const Note& n) { return n.duration < 0; });
    } else if (!tracks_.empty()) {
      for (std::size_t i = 0; i < num; ++i) ++note_count_[notes[i].track];
      out_.resize(tracks_.size());
      for (std::size_t t = 0; t < tracks_.size(); ++t) {
        tracks_[t].notes.resize(note_count_[t]);
        out_[t] = tracks_[t].notes.data();
      }
      Note** const out = out_.data();
      for (std::size_t i = 0; i < num; ++i) {
        const ChunkNote& n = notes[i];
        if (n.duration() < 0) continue;
        *out[n.track]++ = Note{n.time, n.duration(), n.pitch, n.velocity};
      }
      for (std::size_t t = 0; t < tracks_.size(); ++t) {
        tracks_[t].notes.resize(static_cast<std::size_t>(out_[t] - tracks_[t].notes.data()));
      }
    }
    pedals(pedals_done_, num_controls_);
    hand_out_controls();
    std::sort(keys_.begin(), keys_.end());
    for (auto key : keys_) {
      const auto idx = static_cast<std::size_t>(slot_[key]);
      Track& track = tracks_[idx];
      // A track whose notes were all left open still counts as non-empty (as in symusic).
      if (note_count_[idx] == 0 && track.controls.empty() && track.pitch_bends.empty() &&
          track.pedals.empty() && track.lyrics.empty()) {
        continue;
      }
      track.name = name_;
      score.tracks.push_back(std::move(track));
    }
  }

 private:
  // A straggler's control: the pedal state first catches up with the buffered controls, so that
  // the channel's pedal sees its controls in order.
  [[gnu::noinline]] void straggler_control(const BufferCursor& c, std::uint8_t channel,
                                           ControlChange control) {
    num_controls_ = c.num_controls;
    pedals(pedals_done_, c.num_controls);
    Track& track = straggler(channel);
    track.controls.push_back(control);
    pedal(pedal_on_[channel], control, track.pedals);
  }

  // The sustain pedal (control 64) goes down at a value >= 64 when up (`on` then holds the time it
  // went down) and up below 64 when down (`on` = -1), which ends a pedal. Whether a control is 64
  // is data the branch predictor cannot learn (the corpus's piano files mix controls 64 and 67 at
  // random): the state is updated by selects, and the only branch is on a release (rare).
  static void pedal(tick_t& on, ControlChange control, std::vector<Pedal>& out) {
    const tick_t was = on;
    const std::uint32_t is_pedal = control.number == 64;
    const std::uint32_t up = control.value < 64;
    const std::uint32_t was_down = (~static_cast<std::uint32_t>(was)) >> 31;
    if ((is_pedal & up & was_down) != 0) [[unlikely]] {  // one branch, on the rare release
      out.push_back(Pedal{was, static_cast<tick_t>(static_cast<std::uint32_t>(control.time) -
                                                   static_cast<std::uint32_t>(was))});
    }
    const tick_t pressed = was < 0 ? control.time : was;
    const tick_t next = up ? -1 : pressed;
    on = is_pedal ? next : was;
  }

  // The pedals of the buffered controls [from, to), in order: a release goes to the control's
  // track (the channel's current track when it came). One track (the common case): its channel's
  // state stays in a register.
  void pedals(std::size_t from, std::size_t to) {
    pedals_done_ = to;
    const ControlChange* const buf = controls_.get();
    if (from == to) return;
    if (tracks_.size() == 1) {
      tick_t& state = pedal_on_[keys_[0] >> 7];
      std::vector<Pedal>& out = tracks_[0].pedals;
      if (state >= -1 && one_channel_pedals(buf + from, buf + to, state, out)) return;
      tick_t on = state;
      for (std::size_t i = from; i < to; ++i) pedal(on, buf[i], out);
      state = on;
      return;
    }
    const std::uint16_t* const track = control_track_.get();
    for (std::size_t i = from; i < to; ++i) {
      const std::size_t idx = track[i];
      pedal(pedal_on_[keys_[idx] >> 7], buf[i], tracks_[idx].pedals);
    }
  }

  // Appends the chunk's buffered controls to their tracks, after those the tracks absorbed from
  // their stragglers (which came earlier in the chunk).
  void hand_out_controls() {
    const ControlChange* const buf = controls_.get();
    const std::uint16_t* const track = control_track_.get();
    const std::size_t num = num_controls_;
    if (num == 0) return;
    if (tracks_.size() == 1) {
      tracks_[0].controls.insert(tracks_[0].controls.end(), buf, buf + num);
      return;
    }
    std::vector<std::uint32_t>& count = control_count_;
    count.assign(tracks_.size(), 0);
    for (std::size_t i = 0; i < num; ++i) ++count[track[i]];
    control_out_.resize(tracks_.size());
    for (std::size_t t = 0; t < tracks_.size(); ++t) {
      std::vector<ControlChange>& dst = tracks_[t].controls;
      const std::size_t old = dst.size();
      dst.resize(old + count[t]);
      control_out_[t] = dst.data() + old;
    }
    for (std::size_t i = 0; i < num; ++i) {
      *control_out_[track[i]]++ = buf[i];
    }
  }

  Track& straggler(std::uint8_t channel) {
    used_stragglers_ |= 1u << channel;
    return stragglers_[channel];
  }

  std::uint16_t key_of(std::uint8_t channel) const {
    return static_cast<std::uint16_t>(channel * 128 + program_[channel]);
  }

  std::array<std::int32_t, 16 * 128> slot_{};
  std::array<std::int32_t, 16 * 128> head_{};
  std::array<std::int32_t, 16 * 128> tail_{};
  std::array<std::int32_t, 16> current_{};  // slot_ of each channel's current program
  std::vector<std::uint16_t> keys_;
  std::vector<std::uint16_t> open_keys_;
  std::vector<Track> tracks_;
  std::unique_ptr<ChunkNote[]> notes_;  // the chunk's notes in onset order
  std::size_t note_cap_ = 0;
  std::size_t num_notes_ = 0;
  std::unique_ptr<ControlChange[]> controls_;  // the formal tracks' controls of the chunk, in order
  std::unique_ptr<std::uint16_t[]> control_track_;  // the track of each
  std::size_t control_cap_ = 0;
  std::size_t num_controls_ = 0;
  std::size_t pedals_done_ = 0;  // the buffered controls whose pedal state is worked out
  std::vector<ControlChange*> control_out_;
  std::vector<std::uint32_t> control_count_;
  std::vector<Note*> out_;                 // finish(): where each track's next note goes
  std::vector<std::uint32_t> note_count_;  // finish(): per track, its notes, closed or not
  std::array<Track, 16> stragglers_;
  std::uint32_t used_stragglers_ = 0;  // a bit per channel whose straggler may hold events
  std::array<std::uint8_t, 16> program_{};
  std::array<tick_t, 16> pedal_on_{};
  std::string name_;
};

}  // namespace
}  // namespace miditok
