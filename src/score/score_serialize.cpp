// Binary form of a Score: "MTKS", a version, then every list as a count and its records, each
// field little-endian at its own width. Reading checks every length against the remaining bytes.
#include "miditok/score/score_serialize.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "miditok/core/error.h"

namespace miditok {
namespace {

constexpr std::uint32_t kVersion = 1;

class Writer {
 public:
  template <class T>
  void put(T value) {
    static_assert(std::is_trivially_copyable_v<T>);
    char raw[sizeof(T)];
    std::memcpy(raw, &value, sizeof(T));
    out.append(raw, sizeof(T));
  }
  void put_text(const std::string& s) {
    put(static_cast<std::uint64_t>(s.size()));
    out.append(s);
  }
  template <class E, class F>
  void put_list(const std::vector<E>& events, F fields) {
    put(static_cast<std::uint64_t>(events.size()));
    for (const auto& e : events) fields(*this, e);
  }
  std::string out;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  template <class T>
  T get() {
    need(sizeof(T));
    T value;
    std::memcpy(&value, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return value;
  }
  std::string get_text() {
    const auto n = get<std::uint64_t>();
    need(n);
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  // Reads a count, checked against the bytes left (each record takes at least `min_size`).
  std::size_t get_count(std::size_t min_size) {
    const auto n = get<std::uint64_t>();
    if (n > (in_.size() - pos_) / min_size) fail("list length exceeds the data");
    return static_cast<std::size_t>(n);
  }
  void need(std::uint64_t n) const {
    if (n > in_.size() - pos_) fail("truncated serialized score");
  }
  [[noreturn]] void fail(const std::string& what) const {
    throw MidiError(describe_at(what, "<serialized score>", pos_));
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

void put_text_meta(Writer& w, const TextMeta& e) {
  w.put(e.time);
  w.put_text(e.text);
}

}  // namespace

std::string serialize_score(const Score& score) {
  Writer w;
  w.out.append("MTKS");
  w.put(kVersion);
  w.put(score.ticks_per_quarter);
  w.put_list(score.time_signatures, [](Writer& o, const TimeSignature& e) {
    o.put(e.time);
    o.put(e.numerator);
    o.put(e.denominator);
  });
  w.put_list(score.key_signatures, [](Writer& o, const KeySignature& e) {
    o.put(e.time);
    o.put(e.key);
    o.put(e.tonality);
  });
  w.put_list(score.tempos, [](Writer& o, const Tempo& e) {
    o.put(e.time);
    o.put(e.mspq);
  });
  w.put_list(score.markers, put_text_meta);
  w.put(static_cast<std::uint64_t>(score.tracks.size()));
  for (const Track& t : score.tracks) {
    w.put_text(t.name);
    w.put(t.program);
    w.put(static_cast<std::uint8_t>(t.is_drum));
    w.put_list(t.notes, [](Writer& o, const Note& e) {
      o.put(e.time);
      o.put(e.duration);
      o.put(e.pitch);
      o.put(e.velocity);
    });
    w.put_list(t.controls, [](Writer& o, const ControlChange& e) {
      o.put(e.time);
      o.put(e.number);
      o.put(e.value);
    });
    w.put_list(t.pitch_bends, [](Writer& o, const PitchBend& e) {
      o.put(e.time);
      o.put(e.value);
    });
    w.put_list(t.pedals, [](Writer& o, const Pedal& e) {
      o.put(e.time);
      o.put(e.duration);
    });
    w.put_list(t.lyrics, put_text_meta);
  }
  return std::move(w.out);
}

Score deserialize_score(std::string_view bytes) {
  Reader r(bytes);
  r.need(4);
  if (bytes.substr(0, 4) != "MTKS") r.fail("not a serialized score");
  (void)r.get<std::uint32_t>();  // consumes the magic as a u32
  if (r.get<std::uint32_t>() != kVersion) r.fail("unsupported serialized score version");
  Score s;
  s.ticks_per_quarter = r.get<tick_t>();
  auto read_text_meta = [&r](std::vector<TextMeta>& out) {
    out.resize(r.get_count(12));
    for (auto& e : out) {
      e.time = r.get<tick_t>();
      e.text = r.get_text();
    }
  };
  s.time_signatures.resize(r.get_count(6));
  for (auto& e : s.time_signatures) {
    e.time = r.get<tick_t>();
    e.numerator = r.get<std::uint8_t>();
    e.denominator = r.get<std::uint8_t>();
  }
  s.key_signatures.resize(r.get_count(6));
  for (auto& e : s.key_signatures) {
    e.time = r.get<tick_t>();
    e.key = r.get<std::int8_t>();
    e.tonality = r.get<std::uint8_t>();
  }
  s.tempos.resize(r.get_count(8));
  for (auto& e : s.tempos) {
    e.time = r.get<tick_t>();
    e.mspq = r.get<std::int32_t>();
  }
  read_text_meta(s.markers);
  s.tracks.resize(r.get_count(10));
  for (auto& t : s.tracks) {
    t.name = r.get_text();
    t.program = r.get<std::uint8_t>();
    t.is_drum = r.get<std::uint8_t>() != 0;
    t.notes.resize(r.get_count(10));
    for (auto& e : t.notes) {
      e.time = r.get<tick_t>();
      e.duration = r.get<tick_t>();
      e.pitch = r.get<std::int8_t>();
      e.velocity = r.get<std::int8_t>();
    }
    t.controls.resize(r.get_count(6));
    for (auto& e : t.controls) {
      e.time = r.get<tick_t>();
      e.number = r.get<std::uint8_t>();
      e.value = r.get<std::uint8_t>();
    }
    t.pitch_bends.resize(r.get_count(8));
    for (auto& e : t.pitch_bends) {
      e.time = r.get<tick_t>();
      e.value = r.get<std::int32_t>();
    }
    t.pedals.resize(r.get_count(8));
    for (auto& e : t.pedals) {
      e.time = r.get<tick_t>();
      e.duration = r.get<tick_t>();
    }
    read_text_meta(t.lyrics);
  }
  if (!r.done()) r.fail("trailing bytes after serialized score");
  return s;
}

}  // namespace miditok
