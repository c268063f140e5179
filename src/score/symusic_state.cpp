// symusic's pickle layout for tick-unit scores and tracks: every list is a u32 count and its
// records, every string a u32 length and its bytes. An event record is the C struct's memory
// (fields at natural alignment, padded to 4 bytes: a note is 12 bytes, the others 8); we write
// the padding as zeros; equality never looks at it. Reading checks each count against the bytes
// left, so malformed state raises MidiError instead of over-reading.
#include "miditok/score/symusic_state.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "byte_reader.h"
#include "miditok/core/error.h"

namespace miditok {
namespace {

// Writes into a buffer sized up front (size_of below), so each field is one store.
class Out {
 public:
  explicit Out(std::size_t size) : bytes(size, '\0'), at_(bytes.data()) {}
  template <class T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    std::memcpy(at_, &value, sizeof(T));
    at_ += sizeof(T);
  }
  void count(std::size_t n) {
    if (n > std::numeric_limits<std::uint32_t>::max()) {
      throw MidiError("a list or text is too long for symusic's state (over 2^32 items)");
    }
    put(static_cast<std::uint32_t>(n));
  }
  void text(const std::string& s) {
    count(s.size());
    std::memcpy(at_, s.data(), s.size());
    at_ += s.size();
  }
  // Events whose struct is already symusic's record (same size, fields at the same offsets):
  // copied whole, then the padding zeroed.
  template <class E>
  void records(const std::vector<E>& v, std::size_t used) {
    count(v.size());
    if (!v.empty()) std::memcpy(at_, v.data(), v.size() * sizeof(E));
    for (std::size_t i = 0; i < v.size(); ++i) {
      std::memset(at_ + i * sizeof(E) + used, 0, sizeof(E) - used);
    }
    at_ += v.size() * sizeof(E);
  }
  std::string bytes;

 private:
  char* at_;
};

using In = detail::ByteReader<std::uint32_t>;

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

static_assert(sizeof(Note) == 12 && offsetof(Note, duration) == 4 && offsetof(Note, pitch) == 8 &&
              offsetof(Note, velocity) == 9);
static_assert(sizeof(ControlChange) == 8 && offsetof(ControlChange, number) == 4 &&
              offsetof(ControlChange, value) == 5);
static_assert(sizeof(PitchBend) == 8 && sizeof(Pedal) == 8 && sizeof(Tempo) == 8);
static_assert(sizeof(TimeSignature) == 8 && offsetof(TimeSignature, numerator) == 4 &&
              offsetof(TimeSignature, denominator) == 5);
static_assert(sizeof(KeySignature) == 8 && offsetof(KeySignature, key) == 4 &&
              offsetof(KeySignature, tonality) == 5);

void put_track(Out& o, const Track& t) {
  o.text(t.name);
  o.put(t.program);
  o.put(static_cast<std::uint8_t>(t.is_drum ? 1 : 0));
  o.records(t.notes, 10);
  o.records(t.controls, 6);
  o.records(t.pitch_bends, 8);
  o.records(t.pedals, 8);
  put_texts(o, t.lyrics);
}

Track get_track(In& in) {
  Track t;
  t.name = in.text();
  t.program = in.get<std::uint8_t>();
  t.is_drum = in.get<std::uint8_t>() != 0;
  t.notes = in.records<Note>();
  t.controls = in.records<ControlChange>();
  t.pitch_bends = in.records<PitchBend>();
  t.pedals = in.records<Pedal>();
  t.lyrics = get_texts(in);
  return t;
}

std::size_t texts_size(const std::vector<TextMeta>& v) {
  std::size_t n = 4 + 8 * v.size();
  for (const auto& e : v) n += e.text.size();
  return n;
}

std::size_t track_size(const Track& t) {
  return 4 + t.name.size() + 2 + 4 + 12 * t.notes.size() + 4 + 8 * t.controls.size() + 4 +
         8 * t.pitch_bends.size() + 4 + 8 * t.pedals.size() + texts_size(t.lyrics);
}

}  // namespace

std::string to_symusic_state(const Score& score) {
  std::size_t size = 4 + 4 + 4 + 8 * score.time_signatures.size() + 4 +
                     8 * score.key_signatures.size() + 4 + 8 * score.tempos.size() +
                     texts_size(score.markers);
  for (const auto& t : score.tracks) size += track_size(t);
  Out o(size);
  o.put(score.ticks_per_quarter);
  o.count(score.tracks.size());
  for (const auto& t : score.tracks) put_track(o, t);
  o.records(score.time_signatures, 6);
  o.records(score.key_signatures, 6);
  o.records(score.tempos, 8);
  put_texts(o, score.markers);
  return std::move(o.bytes);
}

Score from_symusic_state(std::string_view state) {
  In in(state, "<symusic state>");
  Score s;
  s.ticks_per_quarter = in.get<tick_t>();
  s.tracks.resize(in.count(26));  // the smallest track: name length, program, drum, 5 counts
  for (auto& t : s.tracks) t = get_track(in);
  s.time_signatures = in.records<TimeSignature>();
  s.key_signatures = in.records<KeySignature>();
  s.tempos = in.records<Tempo>();
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
  In in(state, "<symusic state>");
  Track t = get_track(in);
  in.finish();
  return t;
}

}  // namespace miditok
