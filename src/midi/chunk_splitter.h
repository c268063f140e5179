// The per-chunk state of the SMF reader (symusic 0.6.0's TrackManager/NoteManager): tracks keyed
// by (channel, program), per-channel straggler tracks, FIFO pairing of note on/off per (channel,
// pitch), the sustain pedal state. midi_reader.cpp parses the bytes and feeds it one event at a
// time. Included by midi_reader.cpp only: the class has internal linkage, so the compiler sees
// every use of it from the event loop (measured: an external-linkage class in its own .cpp made
// the Maestro parse 10-17% slower).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "miditok/score/score.h"

namespace miditok {
namespace {  // NOLINT(google-build-namespaces): one includer, see above

// The per-chunk state of symusic's TrackManager/NoteManager: tracks keyed by (channel, program),
// per-channel straggler tracks, FIFO queues of open notes per (channel, pitch), pedal state.
// The chunk's notes go to one vector in onset order, tagged with their track, and are handed out
// to the tracks (exactly sized) when the chunk ends: a note-off then reaches its note in two
// loads (queue head, note) instead of a chain through the track's own vector.
class ChunkSplitter {
 public:
  ChunkSplitter() {
    slot_.fill(-1);
    head_.fill(-1);
    tail_.fill(-1);
    current_.fill(-1);
  }

  void reset() {
    for (auto key : keys_) slot_[key] = -1;
    for (auto key : open_keys_) head_[key] = tail_[key] = -1;
    keys_.clear();
    open_keys_.clear();
    tracks_.clear();
    num_notes_ = 0;
    note_count_.clear();
    for (auto& s : stragglers_) s = Track{};
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
    return idx >= 0 ? tracks_[static_cast<std::size_t>(idx)] : stragglers_[channel];
  }

  // The formal track of the channel's current program, created (absorbing the straggler) if new.
  std::size_t formal(std::uint8_t channel) {
    if (current_[channel] >= 0) [[likely]]
      return static_cast<std::size_t>(current_[channel]);
    return new_formal(channel);
  }

  // Frees the note buffer after a large file (up to 256 Ki notes, 4 MiB, it is kept for the next).
  void trim() {
    if (note_cap_ > (std::size_t{1} << 18)) {
      notes_.reset();
      note_cap_ = 0;
    }
  }

 private:
  [[gnu::noinline]] void grow_notes() {
    const std::size_t cap = std::max<std::size_t>(1024, 2 * note_cap_);
    auto grown = std::make_unique_for_overwrite<ChunkNote[]>(cap);
    std::copy(notes_.get(), notes_.get() + num_notes_, grown.get());
    notes_ = std::move(grown);
    note_cap_ = cap;
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
    note_count_.push_back(0);
    keys_.push_back(key);
    return idx;
  }

 public:
  void note_on(std::uint8_t channel, std::uint8_t pitch, tick_t time, std::uint8_t velocity) {
    const std::size_t idx = formal(channel);
    if (num_notes_ == note_cap_) [[unlikely]]
      grow_notes();
    const auto n = static_cast<std::int32_t>(num_notes_++);
    notes_[static_cast<std::size_t>(n)] = ChunkNote{time,
                                                    -1,
                                                    static_cast<std::int8_t>(pitch),
                                                    static_cast<std::int8_t>(velocity),
                                                    static_cast<std::uint16_t>(idx),
                                                    -1};
    ++note_count_[idx];
    const std::uint16_t key = static_cast<std::uint16_t>(channel * 128 + pitch);
    if (head_[key] < 0) {
      if (tail_[key] == -1) open_keys_.push_back(key);
      head_[key] = n;
    } else {
      notes_[static_cast<std::size_t>(tail_[key])].next_open = n;
    }
    tail_[key] = n;
  }

  void note_off(std::uint8_t channel, std::uint8_t pitch, tick_t time) {
    const std::uint16_t key = static_cast<std::uint16_t>(channel * 128 + pitch);
    const std::int32_t n = head_[key];
    if (n < 0) return;
    ChunkNote& note = notes_[static_cast<std::size_t>(n)];
    note.duration = static_cast<tick_t>(static_cast<std::uint32_t>(time) -
                                        static_cast<std::uint32_t>(note.time));
    const std::int32_t next = note.next_open;
    head_[key] = next;
    if (next < 0) tail_[key] = -2;  // empty, key already listed in open_keys_
  }

  void control(std::uint8_t channel, std::uint8_t number, std::uint8_t value, tick_t time) {
    Track& track = existing_or_straggler(channel);
    track.controls.push_back(ControlChange{time, number, value});
    if (number != 64) return;
    tick_t& on = pedal_on_[channel];
    if (value >= 64) {
      if (on < 0) on = time;
    } else if (on >= 0) {
      track.pedals.push_back(Pedal{on, static_cast<tick_t>(static_cast<std::uint32_t>(time) -
                                                           static_cast<std::uint32_t>(on))});
      on = -1;
    }
  }

  // Appends the chunk's non-empty tracks to the score in (channel, program) order.
  void finish(Score& score) {
    // Hand the notes out to their tracks; notes never closed (negative duration) are dropped.
    out_.resize(tracks_.size());
    for (std::size_t t = 0; t < tracks_.size(); ++t) {
      tracks_[t].notes.resize(note_count_[t]);
      out_[t] = tracks_[t].notes.data();
    }
    Note** const out = out_.data();
    for (std::size_t i = 0; i < num_notes_; ++i) {
      const ChunkNote& n = notes_[i];
      if (n.duration < 0) continue;
      *out[n.track]++ = Note{n.time, n.duration, n.pitch, n.velocity};
    }
    for (std::size_t t = 0; t < tracks_.size(); ++t) {
      tracks_[t].notes.resize(static_cast<std::size_t>(out_[t] - tracks_[t].notes.data()));
    }
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
  // A note of the chunk with its track (in what would be Note's padding).
  struct ChunkNote {
    tick_t time;
    tick_t duration;
    std::int8_t pitch;
    std::int8_t velocity;
    std::uint16_t track;
    std::int32_t next_open;  // the next open note of its (channel, pitch), or -1
  };

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
  std::vector<Note*> out_;                 // finish(): where each track's next note goes
  std::vector<std::uint32_t> note_count_;  // per track: its notes, closed or not
  std::array<Track, 16> stragglers_;
  std::array<std::uint8_t, 16> program_{};
  std::array<tick_t, 16> pedal_on_{};
  std::string name_;
};

}  // namespace
}  // namespace miditok
