// symusic's pickle layout for tick-unit scores and tracks: every list is a u32 count and its
// records, every string a u32 length and its bytes. An event record is the C struct's memory
// (fields at natural alignment, padded to 4 bytes: a note is 12 bytes, the others 8); we write
// the padding as zeros and skip it when reading. Reading checks each count against the bytes
// left, so malformed state raises MidiError instead of over-reading.
#include "miditok/score/symusic_state.h"

#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "miditok/core/error.h"

namespace miditok {
namespace {

class Out {
 public:
  explicit Out(std::size_t reserve) { bytes.reserve(reserve); }
  template <class T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    char raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));
    bytes.append(raw, sizeof(T));
  }
  void count(std::size_t n) {
    if (n > std::numeric_limits<std::uint32_t>::max()) {
      throw MidiError("a list or text is too long for symusic's state (over 2^32 items)");
    }
    put(static_cast<std::uint32_t>(n));
  }
  void text(const std::string& s) {
    count(s.size());
    bytes.append(s);
  }
  void pad(std::size_t n) { bytes.append(n, '\0'); }
  std::string bytes;
};

class In {
 public:
  explicit In(std::string_view data) : data_(data) {}
  template <class T>
  T get() {
    need(sizeof(T));
    T value;
    std::memcpy(&value, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }
  // A count whose records (each at least record_size bytes) fit in the bytes left.
  std::size_t count(std::size_t record_size) {
    const auto n = get<std::uint32_t>();
    if (record_size > 0 && n > (data_.size() - pos_) / record_size) fail("count exceeds the data");
    return n;
  }
  std::string text() {
    const std::size_t n = count(1);
    std::string s(data_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  void skip(std::size_t n) {
    need(n);
    pos_ += n;
  }
  void need(std::size_t n) const {
    if (n > data_.size() - pos_) fail("truncated state");
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw MidiError(describe_at(what, "<symusic state>", pos_));
  }
  void finish() const {
    if (pos_ != data_.size()) fail("trailing bytes after the state");
  }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

void put_texts(Out& o, const std::vector<TextMeta>& v) {
  o.count(v.size());
  for (const auto& e : v) {
    o.put(e.time);
    o.text(e.text);
  }
}

std::vector<TextMeta> get_texts(In& in) {
  std::vector<TextMeta> v(in.count(8));
  for (auto& e : v) {
    e.time = in.get<tick_t>();
    e.text = in.text();
  }
  return v;
}

void put_track(Out& o, const Track& t) {
  o.text(t.name);
  o.put(t.program);
  o.put(static_cast<std::uint8_t>(t.is_drum ? 1 : 0));
  o.count(t.notes.size());
  for (const auto& n : t.notes) {
    o.put(n.time);
    o.put(n.duration);
    o.put(n.pitch);
    o.put(n.velocity);
    o.pad(2);
  }
  o.count(t.controls.size());
  for (const auto& c : t.controls) {
    o.put(c.time);
    o.put(c.number);
    o.put(c.value);
    o.pad(2);
  }
  o.count(t.pitch_bends.size());
  for (const auto& p : t.pitch_bends) {
    o.put(p.time);
    o.put(p.value);
  }
  o.count(t.pedals.size());
  for (const auto& p : t.pedals) {
    o.put(p.time);
    o.put(p.duration);
  }
  put_texts(o, t.lyrics);
}

Track get_track(In& in) {
  Track t;
  t.name = in.text();
  t.program = in.get<std::uint8_t>();
  t.is_drum = in.get<std::uint8_t>() != 0;
  t.notes.resize(in.count(12));
  for (auto& n : t.notes) {
    n.time = in.get<tick_t>();
    n.duration = in.get<tick_t>();
    n.pitch = in.get<std::int8_t>();
    n.velocity = in.get<std::int8_t>();
    in.skip(2);
  }
  t.controls.resize(in.count(8));
  for (auto& c : t.controls) {
    c.time = in.get<tick_t>();
    c.number = in.get<std::uint8_t>();
    c.value = in.get<std::uint8_t>();
    in.skip(2);
  }
  t.pitch_bends.resize(in.count(8));
  for (auto& p : t.pitch_bends) {
    p.time = in.get<tick_t>();
    p.value = in.get<std::int32_t>();
  }
  t.pedals.resize(in.count(8));
  for (auto& p : t.pedals) {
    p.time = in.get<tick_t>();
    p.duration = in.get<tick_t>();
  }
  t.lyrics = get_texts(in);
  return t;
}

std::size_t track_size(const Track& t) {
  return 26 + t.name.size() + 12 * t.notes.size() +
         8 * (t.controls.size() + t.pitch_bends.size() + t.pedals.size() + t.lyrics.size());
}

}  // namespace

std::string to_symusic_state(const Score& score) {
  std::size_t size = 24 + 8 * (score.tempos.size() + score.markers.size() +
                               score.time_signatures.size() + score.key_signatures.size());
  for (const auto& t : score.tracks) size += track_size(t);
  Out o(size);
  o.put(score.ticks_per_quarter);
  o.count(score.tracks.size());
  for (const auto& t : score.tracks) put_track(o, t);
  o.count(score.time_signatures.size());
  for (const auto& e : score.time_signatures) {
    o.put(e.time);
    o.put(e.numerator);
    o.put(e.denominator);
    o.pad(2);
  }
  o.count(score.key_signatures.size());
  for (const auto& e : score.key_signatures) {
    o.put(e.time);
    o.put(e.key);
    o.put(e.tonality);
    o.pad(2);
  }
  o.count(score.tempos.size());
  for (const auto& e : score.tempos) {
    o.put(e.time);
    o.put(e.mspq);
  }
  put_texts(o, score.markers);
  return std::move(o.bytes);
}

Score from_symusic_state(std::string_view state) {
  In in(state);
  Score s;
  s.ticks_per_quarter = in.get<tick_t>();
  s.tracks.resize(in.count(26));  // the smallest track: name length, program, drum, 5 counts
  for (auto& t : s.tracks) t = get_track(in);
  s.time_signatures.resize(in.count(8));
  for (auto& e : s.time_signatures) {
    e.time = in.get<tick_t>();
    e.numerator = in.get<std::uint8_t>();
    e.denominator = in.get<std::uint8_t>();
    in.skip(2);
  }
  s.key_signatures.resize(in.count(8));
  for (auto& e : s.key_signatures) {
    e.time = in.get<tick_t>();
    e.key = in.get<std::int8_t>();
    e.tonality = in.get<std::uint8_t>();
    in.skip(2);
  }
  s.tempos.resize(in.count(8));
  for (auto& e : s.tempos) {
    e.time = in.get<tick_t>();
    e.mspq = in.get<std::int32_t>();
  }
  s.markers = get_texts(in);
  in.finish();
  return s;
}

std::string track_to_symusic_state(const Track& track) {
  Out o(track_size(track));
  put_track(o, track);
  return std::move(o.bytes);
}

Track track_from_symusic_state(std::string_view state) {
  In in(state);
  Track t = get_track(in);
  in.finish();
  return t;
}

}  // namespace miditok
