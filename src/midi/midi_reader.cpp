// SMF reader with symusic 0.6.0's rules (src/io/midi.cpp over minimidi), written for one pass over
// the bytes with no allocation per event. Every byte access is bounds-checked against the buffer;
// where symusic/minimidi would read past the end (undefined behaviour) we raise MidiError instead.
#include "miditok/midi/midi_reader.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <vector>

#include "chunk_splitter.h"
#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
#include "miditok/core/thread_pool.h"
#include "miditok/midi/abc.h"
#include "sort_by_time.h"

namespace miditok {
namespace {

constexpr std::size_t kHeaderLength = 14;
constexpr std::uint16_t kUnknownLength = 65535;  // marks the status bytes minimidi rejects
constexpr std::size_t kMinRoom = 256;  // notes and controls the buffers hold at least, per stretch

// Byte length (status included) minimidi gives each status byte >= 0x80.
constexpr std::array<std::uint16_t, 256> make_length_table() {
  std::array<std::uint16_t, 256> table{};
  for (auto& v : table) v = kUnknownLength;
  for (int s = 0x80; s < 0xF0; ++s) table[s] = ((s & 0xF0) == 0xC0 || (s & 0xF0) == 0xD0) ? 2 : 3;
  table[0xF1] = 2;
  table[0xF2] = 3;
  table[0xF3] = 2;
  for (int s : {0xF6, 0xF7, 0xF8, 0xFA, 0xFB, 0xFC, 0xFE}) table[s] = 1;
  return table;
}
constexpr auto kLength = make_length_table();

class Reader {
 public:
  Reader(std::span<const std::uint8_t> bytes, const std::string& source, bool sanitize)
      : data_(bytes.data()), size_(bytes.size()), source_(source), sanitize_(sanitize) {}

  Score parse() {
    if (size_ < kHeaderLength) fail("file is shorter than the 14-byte MIDI header", size_);
    if (data_[0] != 'M' || data_[1] != 'T' || data_[2] != 'h' || data_[3] != 'd') {
      fail("not a MIDI file: the header chunk is not MThd", 0);
    }
    if (be32(4) != 6) fail("MIDI header chunk length is " + std::to_string(be32(4)) + ", not 6", 4);
    const std::uint32_t format = be16(8);
    if (format > 2) fail("invalid MIDI format " + std::to_string(format) + " (0, 1 or 2)", 8);
    if (data_[12] & 0x80) fail("SMPTE time division is not supported (ticks per quarter only)", 12);
    Score score;
    score.ticks_per_quarter = static_cast<tick_t>(((data_[12] & 0x7F) << 8) + data_[13]);
    const std::uint32_t num_tracks = be16(10);
    std::size_t cursor = kHeaderLength;
    // One splitter per thread: its 24 KiB of lookup tables are filled once, not per file (reset()
    // restores only the entries a chunk used, also after a chunk that raised). Reached through a
    // heap pointer: the hot loop then addresses it from a register, not from the thread pointer.
    thread_local const std::unique_ptr<ChunkSplitter> tls_splitter =
        std::make_unique<ChunkSplitter>();
    ChunkSplitter* const splitter = tls_splitter.get();
    for (std::uint32_t t = 0; t < num_tracks && cursor < size_; ++t) {
      // Skip chunks that are not MTrk (each must fit in the file).
      while (true) {
        if (cursor + 8 > size_) fail("truncated chunk header", cursor);
        if (data_[cursor] == 'M' && data_[cursor + 1] == 'T' && data_[cursor + 2] == 'r' &&
            data_[cursor + 3] == 'k') {
          break;
        }
        const std::uint64_t len = be32(cursor + 4);
        if (cursor + 8 + len > size_) fail("chunk runs past the end of the file", cursor);
        cursor += 8 + static_cast<std::size_t>(len);
      }
      const std::uint64_t len = be32(cursor + 4);
      const std::size_t begin = cursor + 8;
      if (len > size_ - begin) {
        fail("track chunk length " + std::to_string(len) + " exceeds the " +
                 std::to_string(size_ - begin) + " bytes left in the file",
             cursor + 4);
      }
      const std::size_t end = begin + static_cast<std::size_t>(len);
      splitter->reset();
      parse_track(begin, end, score, *splitter);
      splitter->finish(score);
      cursor = end;
    }
    splitter->trim();
    detail::sort_by_time(score.time_signatures);
    detail::sort_by_time(score.key_signatures);
    detail::sort_by_time(score.tempos);
    detail::sort_by_time(score.markers);
    return score;
  }

 private:
  [[noreturn, gnu::cold, gnu::noinline]] void fail(const std::string& what,
                                                   std::size_t offset) const {
    throw MidiError(describe_at(what, source_, offset));
  }
  [[noreturn, gnu::cold, gnu::noinline]] void fail_eof() const {
    fail("unexpected end of file", size_);
  }

  std::uint8_t at(std::uint64_t pos) const {
    if (pos >= size_) [[unlikely]]
      fail_eof();
    return data_[pos];
  }

  std::uint32_t be16(std::size_t pos) const { return (data_[pos] << 8) | data_[pos + 1]; }
  std::uint32_t be32(std::size_t pos) const {
    return (std::uint32_t{data_[pos]} << 24) | (std::uint32_t{data_[pos + 1]} << 16) |
           (std::uint32_t{data_[pos + 2]} << 8) | data_[pos + 3];
  }

  // A variable-length quantity of at most 4 bytes (minimidi ignores a 4th continuation bit).
  std::uint32_t vlq(std::uint64_t& pos) const {
    if (pos + 4 <= size_) [[likely]] {  // no bounds check needed: the common one-byte case first
      const std::uint8_t* q = data_ + pos;
      if (!(q[0] & 0x80)) {
        pos += 1;
        return q[0];
      }
      std::uint32_t value = q[0] & 0x7F;
      for (int i = 1; i < 4; ++i) {
        value = (value << 7) | (q[i] & 0x7F);
        if (!(q[i] & 0x80)) {
          pos += static_cast<std::uint64_t>(i) + 1;
          return value;
        }
      }
      pos += 4;
      return value;
    }
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const std::uint8_t byte = at(pos++);
      value = (value << 7) | (byte & 0x7F);
      if (!(byte & 0x80)) break;
    }
    return value;
  }

  // A data byte (at `where` in data_): > 127 raises, or is clamped to 127 when sanitizing
  // (symusic's sanitize_data). The offset is computed on the error path only: computed per event
  // for the message, it cost two loads and a subtraction in the loop.
  std::uint8_t check_data(const char* field, std::uint8_t value, const std::uint8_t* where) const {
    if (value > 0x7F) [[unlikely]]
      return bad_data(field, value, where);
    return value;
  }
  [[gnu::cold, gnu::noinline]] std::uint8_t bad_data(const char* field, std::uint8_t value,
                                                     const std::uint8_t* where) const {
    if (sanitize_) return 0x7F;
    fail(std::string("invalid ") + field + " " + std::to_string(value) +
             " (MIDI data bytes are at most 127)",
         static_cast<std::size_t>(offset(where)));
  }

  std::string text(std::uint64_t pos, std::uint32_t len) const {
    if (pos + len > size_) fail("meta event text runs past the end of the file", size_);
    return sanitize_utf8(std::string_view(reinterpret_cast<const char*>(data_ + pos), len));
  }

  // Kept out of parse() on purpose: inlined there (as a compiler may decide after any edit), the
  // same loop measured 15% slower (4.7 against 4.1 ms for the corpus, more values spilled).
  [[gnu::noinline]] void parse_track(std::uint64_t begin, std::uint64_t end_offset, Score& score,
                                     ChunkSplitter& split) const {
    std::uint32_t tick = 0;
    // The running status: the last status byte in the low 8 bits, its message length above
    // (one variable, one register: the loop is short of them).
    std::uint64_t running = 0;
    ChunkSplitter::BufferCursor buf = split.cursor();
    // Pointers, not offsets into data_: the loop then needs no base register (offsets are
    // computed for the errors only).
    const std::uint8_t* p = data_ + begin;
    // `last`: 8 bytes before the track's end (inside the file: the track follows 22 bytes of
    // headers). With 8 bytes left in the track, a channel event (a delta of at most 4 bytes, a
    // status byte, at most 2 data bytes) lies inside it: its bytes are read with no bounds checks.
    const std::uint8_t* const last = data_ + end_offset - 8;
    // The loop tests one bound per event, `limit`: at most `last`, and before the point where the
    // note or control buffer could be full (no capacity test per note or control). Past it, the
    // buffers grow if needed and `limit` moves on, or the track's last 8 bytes are read checked.
    const std::uint8_t* limit = p - 1;
    // `p` may pass the track's end (a delta read up to the file's end): bounds tests are signed.
    while (true) {
      bool roomy = p <= limit;
      if (!roomy) [[unlikely]] {
        if (p >= last + 8) break;
        limit = next_limit(p, last, split, buf);
        roomy = p <= limit;  // false in the track's last 8 bytes only
      }
      if (roomy) [[likely]] {
        const std::uint8_t first = *p;
        if (!(first & 0x80)) [[likely]] {
          tick += first;
          p += 1;
        } else {
          tick += vlq_ptr(p);
        }
      } else {
        tick += vlq_ptr(p);
      }
      const std::uint8_t* const event = p;
      if (!roomy && p == data_ + size_ && (running >> 8) == 1) {
        // symusic reads the status byte one past the buffer (the NUL after a Python bytes
        // object): a running status of a one-byte message, which adds nothing. Accept it.
        break;
      }
      const std::uint8_t status = roomy ? *p : at(offset(p));
      std::uint8_t st;
      const std::uint8_t* d;
      if (status >= 0xF0) [[unlikely]] {
        const std::uint64_t at_p = offset(p);
        if (status == 0xF0) {  // sysex: skipped, but it sets the running status
          std::uint64_t q = at_p + 1;
          const std::uint64_t total = vlq(q) + (q - at_p);
          running = (total << 8) | 0xF0;
          if (at_p + total > offset(last) + 8)
            fail("sysex event runs past the end of its track", at_p);
          p += total;
          continue;
        }
        if (status == 0xFF) {  // meta: does not change the running status
          const std::uint8_t type = at(at_p + 1);
          std::uint64_t q = at_p + 2;
          const std::uint32_t len = vlq(q);
          const std::uint64_t total = len + (q - at_p);
          if (at_p + total > offset(last) + 8)
            fail("meta event runs past the end of its track", at_p);
          if (type == 0x2F) break;  // end of track: the rest of the chunk is ignored
          meta(type, at_p, q, len, static_cast<tick_t>(tick), score, split);
          p += total;
          continue;
        }
      }
      if (status < 0x80) {
        const std::uint64_t prev_len = running >> 8;
        // A channel message (1 to 3 bytes) in the roomy part lies inside the track: one test.
        if (prev_len - 1 > 2 || !roomy) [[unlikely]] {
          if (prev_len == 0) fail("running status with no previous event", offset(event));
          if (static_cast<std::int64_t>(prev_len) - 1 > (last - p) + 8)
            fail("event runs past the end of its track", offset(event));
        }
        st = static_cast<std::uint8_t>(running);
        d = p;
        p += prev_len - 1;
      } else {
        const std::uint64_t prev_len = kLength[status];
        running = (prev_len << 8) | status;
        if (prev_len == kUnknownLength) [[unlikely]] {
          char hex[8];
          std::snprintf(hex, sizeof hex, "0x%02x", status);
          fail(std::string("unknown or unsupported status byte ") + hex, offset(event));
        }
        if (!roomy && static_cast<std::int64_t>(prev_len) > (last - p) + 8) [[unlikely]]
          fail("event runs past the end of its track", offset(event));
        st = status;
        d = p + 1;
        p += prev_len;
      }
      channel_event(d, static_cast<tick_t>(tick), st, split, buf);
    }
    split.commit(buf);
  }

  // The loop's next `limit` from `p` (see parse_track), the buffers grown first if they have
  // little room left. Out of line: inlined, it made GCC keep the loop's values on the stack.
  [[gnu::noinline]] static const std::uint8_t* next_limit(const std::uint8_t* p,
                                                          const std::uint8_t* last,
                                                          ChunkSplitter& split,
                                                          ChunkSplitter::BufferCursor& buf) {
    split.ensure_room(buf, kMinRoom);
    const auto bytes = static_cast<std::ptrdiff_t>(3 * ChunkSplitter::room(buf) - 1);
    return bytes < last - p ? p + bytes : last;
  }

  std::uint64_t offset(const std::uint8_t* p) const {
    return static_cast<std::uint64_t>(p - data_);
  }

  // vlq() at a pointer into data_.
  std::uint32_t vlq_ptr(const std::uint8_t*& p) const {
    std::uint64_t pos = offset(p);
    const std::uint32_t value = vlq(pos);
    p = data_ + pos;
    return value;
  }

  // The caller checked that the event's data bytes (at `d`) lie
  // inside the track: they are read directly. Note-on and control change first (most events).
  void channel_event(const std::uint8_t* d, tick_t time, std::uint8_t st, ChunkSplitter& split,
                     ChunkSplitter::BufferCursor& buf) const {
    const std::uint8_t channel = st & 0x0F;
    const std::uint8_t kind = st & 0xF0;
    if (kind == 0x90) {
      std::uint8_t pitch = d[0];
      std::uint8_t velocity = d[1];
      if ((pitch | velocity) & 0x80) [[unlikely]] {
        pitch = check_data("pitch", pitch, d);
        velocity = check_data("velocity", velocity, d + 1);
      }
      if (velocity != 0) {
        split.note_on(buf, channel, pitch, time, velocity);
      } else {
        split.note_off(buf, channel, pitch, time);
      }
    } else if (kind == 0xB0) {
      std::uint8_t number = d[0];
      std::uint8_t value = d[1];
      if ((number | value) & 0x80) [[unlikely]] {
        number = check_data("control number", number, d);
        value = check_data("control value", value, d + 1);
      }
      split.control(buf, channel, number, value, time);
    } else if (kind == 0x80) {
      std::uint8_t pitch = d[0];
      if ((pitch | d[1]) & 0x80) [[unlikely]] {
        pitch = check_data("pitch", pitch, d);
        // The note-off velocity is unused, but a corrupted one is still an error.
        static_cast<void>(check_data("velocity", d[1], d + 1));
      }
      split.note_off(buf, channel, pitch, time);
    } else if (kind == 0xC0) {
      split.set_program(channel, check_data("program", d[0], d));
    } else if (kind == 0xE0) {
      const int value = (d[0] | (d[1] << 7)) - 8192;
      if (value > 8191) {
        fail("pitch bend " + std::to_string(value) + " out of [-8192, 8191]",
             static_cast<std::size_t>(offset(d)));
      }
      split.existing_or_straggler(channel).pitch_bends.push_back(PitchBend{time, value});
    }
    // Aftertouch, system common and real-time messages are ignored.
  }

  // `p` is the 0xFF byte; minimidi's accessors index the bytes from the type byte (p + 1) on,
  // whatever the declared length, so time signature, tempo and key read fixed offsets.
  void meta(std::uint8_t type, std::uint64_t p, std::uint64_t payload, std::uint32_t len,
            tick_t time, Score& score, ChunkSplitter& split) const {
    switch (type) {
      case 0x03:
        split.set_name(text(payload, len));
        break;
      case 0x58: {
        const std::uint8_t numerator = at(p + 3);
        const std::uint8_t exponent = at(p + 4);
        const auto denominator = static_cast<std::uint8_t>((1u << (exponent & 31)) & 0xFF);
        score.time_signatures.push_back(TimeSignature{time, numerator, denominator});
        break;
      }
      case 0x51: {
        const std::int32_t mspq = (at(p + 3) << 16) | (at(p + 4) << 8) | at(p + 5);
        score.tempos.push_back(Tempo{time, mspq});
        break;
      }
      case 0x59:
        score.key_signatures.push_back(
            KeySignature{time, static_cast<std::int8_t>(at(p + 3)), at(p + 4)});
        break;
      case 0x05: {
        // A lyric is a meta event, whose "channel" (low nibble of 0xFF) is 15.
        const std::size_t idx = split.formal(15);
        std::string lyric = text(payload, len);
        if (!lyric.empty()) split.track(idx).lyrics.push_back(TextMeta{time, std::move(lyric)});
        break;
      }
      case 0x06: {
        std::string marker = text(payload, len);
        if (!marker.empty()) score.markers.push_back(TextMeta{time, std::move(marker)});
        break;
      }
      default:
        break;
    }
  }

  const std::uint8_t* data_;
  std::size_t size_;
  const std::string& source_;
  bool sanitize_ = false;
};

}  // namespace

Score read_midi(std::span<const std::uint8_t> bytes, const std::string& source_name,
                bool sanitize_data) {
  return Reader(bytes, source_name, sanitize_data).parse();
}

std::string read_file_bytes(const std::string& path) { return read_regular_file(path); }

std::vector<std::optional<Score>> read_midi_files(const std::vector<std::string>& paths,
                                                  std::vector<ReadFailure>& failures,
                                                  std::size_t threads) {
  std::vector<std::optional<Score>> scores(paths.size());
  std::vector<std::string> errors(paths.size());
  parallel_for(
      paths.size(),
      [&](std::size_t i) {
        const std::string& path = paths[i];
        try {
          const bool abc = path.size() >= 4 && (path.compare(path.size() - 4, 4, ".abc") == 0 ||
                                                path.compare(path.size() - 4, 4, ".ABC") == 0);
          scores[i] = abc ? read_abc_file(path) : read_midi_file(path);
        } catch (const std::exception& e) {
          errors[i] = e.what();
          if (errors[i].empty()) errors[i] = "unknown error";
        }
      },
      threads);
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (!scores[i]) failures.push_back({paths[i], errors[i]});
  }
  return scores;
}

Score read_midi_file(const std::string& path, bool sanitize_data) {
  const std::string bytes = read_file_bytes(path);
  return read_midi(std::span<const std::uint8_t>(
                       reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
                   path, sanitize_data);
}

}  // namespace miditok
