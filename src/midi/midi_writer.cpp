// SMF writer reproducing symusic 0.6.0's to_midi + minimidi's to_bytes_sorted byte for byte.
// symusic stable-sorts the track's non-note messages, builds note-offs and note-ons, sorts the
// note-offs, merges offs before ons and then the other messages before the notes. We do the same
// as one three-way merge (priority: others, offs, ons) that encodes straight into the output,
// with 12-byte message records and scratch buffers reused across calls.
#include "miditok/midi/midi_writer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>

#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
#include "miditok/score/pdq_sort.h"

namespace miditok {
namespace {

// A message record of three words (built with whole-word writes, which keeps the hot loops free
// of partial-store stalls): the time; status, d0, d1 and fixed_len packed in `head`; and
// `payload`, the fixed meta bytes (little-endian, fixed_len > 0) or an index into the texts.
// A channel message is (status, d0, d1); a meta event has status 0xFF and its type in d0.
struct Message {
  std::uint32_t time;
  std::uint32_t head;
  std::uint32_t payload;

  std::uint8_t status() const { return static_cast<std::uint8_t>(head); }
  std::uint8_t d0() const { return static_cast<std::uint8_t>(head >> 8); }
  std::uint8_t d1() const { return static_cast<std::uint8_t>(head >> 16); }
  std::uint8_t fixed_len() const { return static_cast<std::uint8_t>(head >> 24); }
};
static_assert(sizeof(Message) == 12);

bool by_time(const Message& a, const Message& b) { return a.time < b.time; }

Message channel_msg(std::uint32_t time, std::uint8_t status, std::uint8_t d0, std::uint8_t d1) {
  return Message{time, std::uint32_t{status} | (std::uint32_t{d0} << 8) | (std::uint32_t{d1} << 16),
                 0};
}

Message fixed_meta(std::uint32_t time, std::uint8_t type, std::uint32_t len, std::uint32_t bytes) {
  return Message{time, 0xFFu | (std::uint32_t{type} << 8) | (len << 24), bytes};
}

Message text_meta(std::uint32_t time, std::uint8_t type, std::uint32_t text_index) {
  return Message{time, 0xFFu | (std::uint32_t{type} << 8), text_index};
}

// minimidi's TimeSignature stores static_cast<uint8_t>(std::log2(denominator)).
std::uint8_t denominator_power(std::uint8_t denominator) {
  if (denominator == 0) return 0;
  return static_cast<std::uint8_t>(static_cast<int>(std::log2(static_cast<double>(denominator))));
}

// Reusable buffers of one writer call (thread-local: no allocation in steady state).
struct Scratch {
  std::vector<Message> init;
  std::vector<Message> others;
  std::vector<Message> offs;
  std::vector<Message> ons;
  std::vector<Note> notes;
  std::vector<std::string_view> texts;
};

// Encodes into a buffer sized beforehand by an upper bound, so writes need no capacity checks.
class Encoder {
 public:
  explicit Encoder(std::vector<std::uint8_t>& out) : out_(out) {}

  // Makes room for `bytes` more bytes (the callers pass upper bounds).
  void reserve_more(std::size_t bytes) {
    if (out_.size() - pos_ < bytes) out_.resize(std::max(pos_ + bytes, 2 * out_.size()));
  }
  std::size_t size() const { return pos_; }
  std::uint8_t* data() { return out_.data(); }
  std::uint8_t* cursor() { return out_.data() + pos_; }
  // Continues after bytes written from cursor() (within the room made by reserve_more).
  void seek(const std::uint8_t* p) { pos_ = static_cast<std::size_t>(p - out_.data()); }
  void finish() { out_.resize(pos_); }

  void byte(std::uint8_t b) { out_.data()[pos_++] = b; }
  void bytes(const void* data, std::size_t n) {
    if (n > 0) std::memcpy(out_.data() + pos_, data, n);
    pos_ += n;
  }
  void be(std::size_t pos, std::uint64_t value, int count) {
    for (int i = 0; i < count; ++i) {
      out_[pos + static_cast<std::size_t>(i)] =
          static_cast<std::uint8_t>((value >> (8 * (count - 1 - i))) & 0xFF);
    }
  }

 private:
  std::vector<std::uint8_t>& out_;
  std::size_t pos_ = 0;
};

// The running state of one track's encoding: the cursor, the previous tick and status. Callers
// keep it in a local: byte stores may alias any object in memory, so a cursor kept in one would be
// reloaded after every byte.
struct TrackCursor {
  std::uint8_t* p;
  std::uint32_t prev_time = 0;
  std::uint8_t prev_status = 0;
};

inline std::uint8_t* put_vlq(std::uint8_t* p, std::uint32_t num) {
  if (num < 0x80) {
    *p = static_cast<std::uint8_t>(num);
    return p + 1;
  }
  const int n = num < 0x4000 ? 2 : (num < 0x200000 ? 3 : 4);
  for (int i = 0; i < n - 1; ++i)
    *p++ = static_cast<std::uint8_t>((num >> (7 * (n - i - 1))) | 0x80);
  *p++ = static_cast<std::uint8_t>(num & 0x7F);
  return p;
}

// Any message (running status for channel messages, never for metas and sysex).
inline TrackCursor put_message(TrackCursor c, const Message& m,
                               const std::vector<std::string_view>& texts) {
  std::uint8_t* p = put_vlq(c.p, m.time - c.prev_time);
  const std::uint8_t status = m.status();
  if (status == 0xFF || status == 0xF0 || status == 0xF7 || status != c.prev_status) *p++ = status;
  if (status == 0xFF) {
    *p++ = m.d0();
    if (const std::uint8_t n = m.fixed_len(); n > 0) {
      p = put_vlq(p, n);
      for (int i = 0; i < n; ++i) *p++ = static_cast<std::uint8_t>(m.payload >> (8 * i));
    } else {
      const std::string_view text = texts[m.payload];
      p = put_vlq(p, static_cast<std::uint32_t>(text.size()));
      if (!text.empty()) std::memcpy(p, text.data(), text.size());
      p += text.size();
    }
  } else {
    *p++ = m.d0();
    const std::uint8_t kind = status & 0xF0;
    if (kind != 0xC0 && kind != 0xD0) *p++ = m.d1();  // program change: one data byte
  }
  return {p, m.time, status};
}

// Upper bound of the encoded size of a message (delta, status, data, meta length, payload).
std::size_t bound(const Message& m, const std::vector<std::string_view>& texts) {
  if (m.status() != 0xFF) return 7;
  return 10 + (m.fixed_len() > 0 ? m.fixed_len() : texts[m.payload].size());
}

// Stable insertion sort (symusic's), falling back to std::stable_sort past a move budget so that
// adversarial inputs stay O(n log n); both give the same order.
void sort_offs(std::vector<Message>& offs) {
  if (std::is_sorted(offs.begin(), offs.end(), by_time)) return;
  std::size_t budget = 8 * offs.size() + 64;
  for (std::size_t i = 1; i < offs.size(); ++i) {
    if (!(offs[i].time < offs[i - 1].time)) continue;
    const Message held = offs[i];
    std::size_t j = i;
    while (j > 0 && held.time < offs[j - 1].time) {
      offs[j] = offs[j - 1];
      --j;
      if (--budget == 0) {
        offs[j] = held;
        std::stable_sort(offs.begin(), offs.end(), by_time);
        return;
      }
    }
    offs[j] = held;
  }
}

void encode_track(Encoder& enc, Scratch& s, const Track& track, std::uint8_t channel,
                  bool with_init, const MidiWriteOptions& options) {
  auto& others = s.others;
  others.clear();
  auto& texts = s.texts;
  if (with_init) others = s.init;
  if (!track.name.empty()) {
    others.push_back(text_meta(0, 0x03, static_cast<std::uint32_t>(texts.size())));
    texts.push_back(track.name);
  }
  others.push_back(channel_msg(0, static_cast<std::uint8_t>(0xC0 | channel), track.program, 0));
  // Controls and pitch bends written through a pointer (push_back is not inlined in this loop).
  std::size_t at = others.size();
  others.resize(at + track.controls.size() + track.pitch_bends.size());
  Message* cm = others.data() + at;
  for (const auto& c : track.controls) {
    *cm++ = channel_msg(static_cast<std::uint32_t>(c.time),
                        static_cast<std::uint8_t>(0xB0 | channel), c.number, c.value);
  }
  for (const auto& pb : track.pitch_bends) {
    const int shifted = static_cast<std::int16_t>(pb.value) + 8192;
    *cm++ = channel_msg(
        static_cast<std::uint32_t>(pb.time), static_cast<std::uint8_t>(0xE0 | channel),
        static_cast<std::uint8_t>(shifted & 0x7F), static_cast<std::uint8_t>(shifted >> 7));
  }
  for (const auto& l : track.lyrics) {
    others.push_back(text_meta(static_cast<std::uint32_t>(l.time), 0x05,
                               static_cast<std::uint32_t>(texts.size())));
    texts.push_back(l.text);
  }
  if (!std::is_sorted(others.begin(), others.end(), by_time)) {
    std::stable_sort(others.begin(), others.end(), by_time);
  }

  // Notes in onset order; symusic's sortedness check starts from tick 0.
  const std::vector<Note>* notes = &track.notes;
  bool sorted = true;
  tick_t prev = 0;
  for (const Note& n : track.notes) {
    sorted &= n.time >= prev;
    prev = n.time;
  }
  if (!sorted) {
    s.notes.assign(track.notes.begin(), track.notes.end());
    pdq::sort_by_time(s.notes);
    notes = &s.notes;
  }
  const auto on_status = static_cast<std::uint8_t>(0x90 | channel);
  const auto off_status = static_cast<std::uint8_t>(0x80 | channel);
  // The duration written for a note: augment_score_inplace's shift on non-drum tracks.
  const tick_t shift = track.is_drum ? 0 : options.duration_offset;
  const tick_t min_duration = options.min_duration;
  const auto duration = [shift, min_duration](const Note& n) {
    if (shift == 0) return n.duration;
    const auto d = static_cast<tick_t>(static_cast<std::int64_t>(n.duration) + shift);
    return shift < 0 && d < min_duration ? min_duration : d;
  };
  auto& offs = s.offs;
  offs.resize(notes->size());
  Message* off = offs.data();
  for (const Note& n : *notes) {
    const auto pitch = static_cast<std::uint8_t>(n.pitch);
    const auto vel = static_cast<std::uint8_t>(n.velocity);
    if (const tick_t dur = duration(n); dur > 0) {
      const std::uint32_t end =
          static_cast<std::uint32_t>(n.time) + static_cast<std::uint32_t>(dur);
      *off++ = channel_msg(end, off_status, pitch, vel);
    } else {
      *off++ = channel_msg(static_cast<std::uint32_t>(n.time), on_status, pitch, vel);
    }
  }
  sort_offs(offs);
  // The note-ons in onset order (a note without duration gets its two statuses swapped, as in
  // symusic); both note streams end with a sentinel so the merge can read one past their end.
  auto& ons = s.ons;
  ons.resize(notes->size() + 1);
  Message* on = ons.data();
  for (const Note& n : *notes) {
    *on++ =
        channel_msg(static_cast<std::uint32_t>(n.time), duration(n) > 0 ? on_status : off_status,
                    static_cast<std::uint8_t>(n.pitch), static_cast<std::uint8_t>(n.velocity));
  }
  offs.push_back(Message{});

  std::size_t need = 12 + 7 * 2 * notes->size();
  for (const auto& msg : others) need += bound(msg, texts);
  enc.reserve_more(need);
  const std::size_t begin = enc.size();
  enc.bytes("MTrk\0\0\0\0", 8);
  std::uint8_t* const data = enc.data();
  TrackCursor c{enc.cursor()};
  // Each note gives two messages; their pitch bytes' offsets are stored as they are written.
  std::uint32_t* positions = nullptr;
  if (options.note_positions != nullptr) {
    const std::size_t first = options.note_positions->size();
    options.note_positions->resize(first + 2 * notes->size());
    positions = options.note_positions->data() + first;
  }
  const std::uint32_t drum_bit = channel == 9 ? 0x80000000U : 0U;
  // Three-way stable merge: others before offs before ons on equal ticks. Offs and ons alternate
  // unpredictably, so the note taken and its running status are chosen without branches.
  // The streams are read through local pointers: the scratch vectors live in thread-local storage,
  // whose address the loop would otherwise recompute (a __tls_get_addr call) for every message.
  const Message* const other_msgs = others.data();
  const Message* const off_msgs = offs.data();
  const Message* const on_msgs = ons.data();
  std::size_t i = 0, j = 0, k = 0;
  const std::size_t ni = others.size(), nn = notes->size();
  for (;;) {
    const std::uint64_t ti = i < ni ? other_msgs[i].time : UINT64_MAX;
    const std::uint64_t tj = j < nn ? off_msgs[j].time : UINT64_MAX;
    const std::uint64_t tk = k < nn ? on_msgs[k].time : UINT64_MAX;
    if (ti <= tj && ti <= tk) {
      if (i == ni) break;  // every stream is done
      c = put_message(c, other_msgs[i++], texts);
      continue;
    }
    const bool take_off = tj <= tk;
    const std::uint64_t mask = std::uint64_t{0} - static_cast<std::uint64_t>(take_off);
    const std::uint64_t off_msg = (std::uint64_t{off_msgs[j].time} << 32) | off_msgs[j].head;
    const std::uint64_t on_msg = (std::uint64_t{on_msgs[k].time} << 32) | on_msgs[k].head;
    const std::uint64_t msg = (off_msg & mask) | (on_msg & ~mask);
    j += static_cast<std::size_t>(take_off);
    k += static_cast<std::size_t>(!take_off);
    const auto time = static_cast<std::uint32_t>(msg >> 32);
    const auto head = static_cast<std::uint32_t>(msg);
    const auto status = static_cast<std::uint8_t>(head);
    std::uint8_t* p = put_vlq(c.p, time - c.prev_time);
    *p = status;
    p += static_cast<std::size_t>(status != c.prev_status);  // running status
    if (positions != nullptr) *positions++ = static_cast<std::uint32_t>(p - data) | drum_bit;
    p[0] = static_cast<std::uint8_t>(head >> 8);
    p[1] = static_cast<std::uint8_t>(head >> 16);
    c = {p + 2, time, status};
  }
  enc.seek(c.p);
  // End of track, one tick after the last event.
  static constexpr std::uint8_t kEot[] = {0x01, 0xFF, 0x2F, 0x00};
  enc.bytes(kEot, sizeof kEot);
  enc.be(begin + 4, enc.size() - begin - 8, 4);
}

}  // namespace

std::vector<std::uint8_t> write_midi(const Score& score) {
  std::vector<std::uint8_t> out;
  write_midi_into(score, out);
  return out;
}

void write_midi_into(const Score& score, std::vector<std::uint8_t>& out,
                     const MidiWriteOptions& options) {
  if (options.note_positions != nullptr) options.note_positions->clear();
  thread_local Scratch scratch;
  Scratch& s = scratch;
  s.texts.clear();
  auto& init = s.init;
  init.clear();
  for (const auto& ts : score.time_signatures) {
    const std::uint32_t bytes = std::uint32_t{ts.numerator} |
                                (std::uint32_t{denominator_power(ts.denominator)} << 8) |
                                (0x18u << 16) | (0x08u << 24);
    init.push_back(fixed_meta(static_cast<std::uint32_t>(ts.time), 0x58, 4, bytes));
  }
  for (const auto& ks : score.key_signatures) {
    const std::uint32_t bytes =
        std::uint32_t{static_cast<std::uint8_t>(ks.key)} | (std::uint32_t{ks.tonality} << 8);
    init.push_back(fixed_meta(static_cast<std::uint32_t>(ks.time), 0x59, 2, bytes));
  }
  for (const auto& t : score.tempos) {
    const auto v = static_cast<std::uint32_t>(t.mspq);
    const std::uint32_t bytes = ((v >> 16) & 0xFF) | (((v >> 8) & 0xFF) << 8) | ((v & 0xFF) << 16);
    init.push_back(fixed_meta(static_cast<std::uint32_t>(t.time), 0x51, 3, bytes));
  }
  for (const auto& mk : score.markers) {
    init.push_back(text_meta(static_cast<std::uint32_t>(mk.time), 0x06,
                             static_cast<std::uint32_t>(s.texts.size())));
    s.texts.push_back(mk.text);
  }

  Encoder enc(out);
  enc.reserve_more(14);
  static constexpr std::uint8_t kHeader[] = {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 0, 0, 0};
  enc.bytes(kHeader, sizeof kHeader);
  enc.be(12, static_cast<std::uint16_t>(score.ticks_per_quarter) & 0x7FFF, 2);

  static constexpr std::array<std::uint8_t, 15> kChannels{0, 1,  2,  3,  4,  5,  6, 7,
                                                          8, 10, 11, 12, 13, 14, 15};
  std::size_t written = 0;
  for (std::size_t idx = 0; idx < score.tracks.size(); ++idx) {
    const Track& track = score.tracks[idx];
    const std::uint8_t channel = track.is_drum ? 9 : kChannels[idx % 15];
    encode_track(enc, s, track, channel, idx == 0, options);
    ++written;
  }
  if (score.tracks.empty() && !init.empty()) {
    std::size_t need = 12;
    for (const auto& m : init) need += bound(m, s.texts);
    enc.reserve_more(need);
    const std::size_t begin = enc.size();
    enc.bytes("MTrk\0\0\0\0", 8);
    TrackCursor c{enc.cursor()};
    for (const auto& m : init) c = put_message(c, m, s.texts);
    enc.seek(c.p);
    static constexpr std::uint8_t kEot[] = {0x01, 0xFF, 0x2F, 0x00};
    enc.bytes(kEot, sizeof kEot);
    enc.be(begin + 4, enc.size() - begin - 8, 4);
    ++written;
  }
  enc.be(10, written, 2);
  enc.finish();
}

void write_midi_file(const Score& score, const std::string& path) {
  const std::vector<std::uint8_t> bytes = write_midi(score);
  // Atomic, not fsync'ed: MIDI files are written in numbers (an fsync costs ~10 ms each).
  write_file_atomic(path,
                    std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                    AtomicWriteOptions{.sync = false});
}

}  // namespace miditok
