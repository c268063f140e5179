// SMF writer reproducing symusic 0.6.0's to_midi + minimidi's to_bytes_sorted, without a heap
// allocation per message: messages are small records whose text payloads point into the Score.
#include "miditok/midi/midi_writer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <string_view>

#include "miditok/core/error.h"
#include "miditok/score/pdq_sort.h"

namespace miditok {
namespace {

// One MIDI message: a channel message (status, d0, d1) or a meta event (status 0xFF, meta type in
// d0, payload either `text` or the `fixed` bytes).
struct Message {
  std::uint32_t time;
  std::uint8_t status;
  std::uint8_t d0;
  std::uint8_t d1;
  std::uint8_t fixed_len;
  std::array<std::uint8_t, 4> fixed;
  std::string_view text;
};

bool by_time(const Message& a, const Message& b) { return a.time < b.time; }

Message channel_msg(tick_t time, std::uint8_t status, std::uint8_t d0, std::uint8_t d1) {
  return Message{static_cast<std::uint32_t>(time), status, d0, d1, 0, {}, {}};
}

Message text_meta(tick_t time, std::uint8_t type, std::string_view text) {
  return Message{static_cast<std::uint32_t>(time), 0xFF, type, 0, 0, {}, text};
}

Message fixed_meta(tick_t time, std::uint8_t type, std::initializer_list<std::uint8_t> bytes) {
  Message m{static_cast<std::uint32_t>(time), 0xFF, type, 0, 0, {}, {}};
  for (auto b : bytes) m.fixed[m.fixed_len++] = b;
  return m;
}

// minimidi's TimeSignature stores static_cast<uint8_t>(std::log2(denominator)).
std::uint8_t denominator_power(std::uint8_t denominator) {
  if (denominator == 0) return 0;
  return static_cast<std::uint8_t>(static_cast<int>(std::log2(static_cast<double>(denominator))));
}

// Two-byte channel messages (program change, channel aftertouch) carry one data byte.
bool one_data_byte(std::uint8_t status) {
  const std::uint8_t kind = status & 0xF0;
  return kind == 0xC0 || kind == 0xD0;
}

class ByteSink {
 public:
  void vlq(std::uint32_t num) {
    std::uint8_t n;
    if (num < 0x80) {
      n = 1;
    } else if (num < 0x4000) {
      n = 2;
    } else if (num < 0x200000) {
      n = 3;
    } else {
      n = 4;
    }
    for (int i = 0; i < n - 1; ++i) {
      out.push_back(static_cast<std::uint8_t>((num >> (7 * (n - i - 1))) | 0x80));
    }
    out.push_back(static_cast<std::uint8_t>(num & 0x7F));
  }
  void be(std::size_t pos, std::uint64_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) {
      out[pos + i] = static_cast<std::uint8_t>((value >> (8 * (bytes - 1 - i))) & 0xFF);
    }
  }
  std::vector<std::uint8_t> out;
};

void write_track(ByteSink& sink, const std::vector<Message>& msgs) {
  const std::size_t begin = sink.out.size();
  sink.out.insert(sink.out.end(), {'M', 'T', 'r', 'k', 0, 0, 0, 0});
  std::uint32_t prev_time = 0;
  std::uint8_t prev_status = 0;
  for (const Message& m : msgs) {
    sink.vlq(m.time - prev_time);
    prev_time = m.time;
    if (m.status == 0xFF || m.status == 0xF0 || m.status == 0xF7 || m.status != prev_status) {
      sink.out.push_back(m.status);
    }
    prev_status = m.status;
    if (m.status == 0xFF) {
      sink.out.push_back(m.d0);
      if (m.fixed_len > 0) {
        sink.vlq(m.fixed_len);
        sink.out.insert(sink.out.end(), m.fixed.begin(), m.fixed.begin() + m.fixed_len);
      } else {
        sink.vlq(static_cast<std::uint32_t>(m.text.size()));
        sink.out.insert(sink.out.end(), m.text.begin(), m.text.end());
      }
    } else {
      sink.out.push_back(m.d0);
      if (!one_data_byte(m.status)) sink.out.push_back(m.d1);
    }
  }
  // End of track, one tick after the last event.
  sink.out.insert(sink.out.end(), {0x01, 0xFF, 0x2F, 0x00});
  sink.be(begin + 4, sink.out.size() - begin - 8, 4);
}

// Appends the track's note messages in symusic's order: note-offs (and the note-ons of notes of
// zero duration) before note-ons on a tick, each group in note order, merged stably after `msgs`.
void add_notes(std::vector<Message>& msgs, const Track& track, std::uint8_t channel,
               std::vector<Note>& notes, std::vector<Message>& offs, std::vector<Message>& ons,
               std::vector<Message>& merged) {
  notes.assign(track.notes.begin(), track.notes.end());
  // symusic's sortedness check starts from tick 0, so a negative first onset forces the sort.
  bool sorted = true;
  tick_t prev = 0;
  for (const Note& n : notes) {
    sorted &= n.time >= prev;
    prev = n.time;
  }
  if (!sorted) pdq::sort_by_time(notes);
  offs.clear();
  ons.clear();
  const auto on_status = static_cast<std::uint8_t>(0x90 | channel);
  const auto off_status = static_cast<std::uint8_t>(0x80 | channel);
  for (const Note& n : notes) {
    const auto pitch = static_cast<std::uint8_t>(n.pitch);
    const auto vel = static_cast<std::uint8_t>(n.velocity);
    if (n.duration > 0) {
      offs.push_back(channel_msg(n.time + n.duration, off_status, pitch, vel));
      ons.push_back(channel_msg(n.time, on_status, pitch, vel));
    } else {
      offs.push_back(channel_msg(n.time, on_status, pitch, vel));
      ons.push_back(channel_msg(n.time, off_status, pitch, vel));
    }
  }
  std::stable_sort(offs.begin(), offs.end(), by_time);  // insertion sort in symusic: stable
  merged.clear();
  merged.reserve(offs.size() + ons.size());
  std::merge(offs.begin(), offs.end(), ons.begin(), ons.end(), std::back_inserter(merged), by_time);
  const std::size_t head = msgs.size();
  msgs.insert(msgs.end(), merged.begin(), merged.end());
  std::inplace_merge(msgs.begin(), msgs.begin() + static_cast<std::ptrdiff_t>(head), msgs.end(),
                     by_time);
}

}  // namespace

std::vector<std::uint8_t> write_midi(const Score& score) {
  std::vector<Message> init;
  init.reserve(score.time_signatures.size() + score.key_signatures.size() + score.tempos.size() +
               score.markers.size());
  for (const auto& ts : score.time_signatures) {
    init.push_back(
        fixed_meta(ts.time, 0x58, {ts.numerator, denominator_power(ts.denominator), 0x18, 0x08}));
  }
  for (const auto& ks : score.key_signatures) {
    init.push_back(fixed_meta(ks.time, 0x59, {static_cast<std::uint8_t>(ks.key), ks.tonality}));
  }
  for (const auto& t : score.tempos) {
    const auto v = static_cast<std::uint32_t>(t.mspq);
    init.push_back(fixed_meta(
        t.time, 0x51,
        {static_cast<std::uint8_t>((v >> 16) & 0xFF), static_cast<std::uint8_t>((v >> 8) & 0xFF),
         static_cast<std::uint8_t>(v & 0xFF)}));
  }
  for (const auto& m : score.markers) init.push_back(text_meta(m.time, 0x06, m.text));

  std::size_t estimate = 32;
  for (const auto& t : score.tracks) {
    estimate += 24 + t.name.size() + 8 * t.notes.size() + 4 * t.controls.size() +
                4 * t.pitch_bends.size() + 8 * t.lyrics.size();
  }
  ByteSink sink;
  sink.out.reserve(estimate + 8 * init.size());
  sink.out.insert(sink.out.end(), {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 0, 0, 0});
  const auto tpq15 = static_cast<std::uint16_t>(score.ticks_per_quarter) & 0x7FFF;
  sink.be(12, tpq15, 2);

  static constexpr std::array<std::uint8_t, 15> kChannels{0, 1,  2,  3,  4,  5,  6, 7,
                                                          8, 10, 11, 12, 13, 14, 15};
  std::size_t written = 0;
  bool init_used = false;
  std::vector<Message> msgs, offs, ons, merged;
  std::vector<Note> notes;
  for (std::size_t idx = 0; const Track& track : score.tracks) {
    msgs.clear();
    if (!init_used && !init.empty()) msgs = init;
    init_used = true;
    const std::uint8_t channel = track.is_drum ? 9 : kChannels[idx % 15];
    if (!track.name.empty()) msgs.push_back(text_meta(0, 0x03, track.name));
    msgs.push_back(channel_msg(0, static_cast<std::uint8_t>(0xC0 | channel), track.program, 0));
    for (const auto& c : track.controls) {
      msgs.push_back(
          channel_msg(c.time, static_cast<std::uint8_t>(0xB0 | channel), c.number, c.value));
    }
    for (const auto& pb : track.pitch_bends) {
      const int shifted = static_cast<std::int16_t>(pb.value) + 8192;
      msgs.push_back(channel_msg(pb.time, static_cast<std::uint8_t>(0xE0 | channel),
                                 static_cast<std::uint8_t>(shifted & 0x7F),
                                 static_cast<std::uint8_t>(shifted >> 7)));
    }
    for (const auto& l : track.lyrics) msgs.push_back(text_meta(l.time, 0x05, l.text));
    if (!std::is_sorted(msgs.begin(), msgs.end(), by_time)) {
      std::stable_sort(msgs.begin(), msgs.end(), by_time);
    }
    add_notes(msgs, track, channel, notes, offs, ons, merged);
    write_track(sink, msgs);
    ++written;
    ++idx;
  }
  if (!init_used && !init.empty()) {
    write_track(sink, init);
    ++written;
  }
  sink.be(10, written, 2);
  return std::move(sink.out);
}

void write_midi_file(const Score& score, const std::string& path) {
  const std::vector<std::uint8_t> bytes = write_midi(score);
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "wb"),
                                                       &std::fclose);
  if (!file) throw IoError("cannot open " + path + " for writing");
  if (std::fwrite(bytes.data(), 1, bytes.size(), file.get()) != bytes.size()) {
    throw IoError("cannot write " + path);
  }
  if (std::fflush(file.get()) != 0) throw IoError("cannot write " + path);
}

}  // namespace miditok
