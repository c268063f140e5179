// Binary form of a Score: "MTKS", a version, then every list as a count and its records, each
// field little-endian at its own width. Reading checks every length against the remaining bytes.
#include "miditok/score/score_serialize.h"

#include <cstdint>
#include <cstring>
#include <type_traits>

#include "byte_reader.h"
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

using Reader = detail::ByteReader<std::uint64_t>;

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
  Reader r(bytes, "<serialized score>");
  r.need(4);
  if (bytes.substr(0, 4) != "MTKS") r.fail("not a serialized score");
  (void)r.get<std::uint32_t>();  // consumes the magic as a u32
  if (r.get<std::uint32_t>() != kVersion) r.fail("unsupported serialized score version");
  Score s;
  s.ticks_per_quarter = r.get<tick_t>();
  auto read_text_meta = [&r](std::vector<TextMeta>& out) {
    out.resize(r.count(12));
    for (auto& e : out) {
      e.time = r.get<tick_t>();
      e.text = r.text();
    }
  };
  s.time_signatures.resize(r.count(6));
  for (auto& e : s.time_signatures) {
    e.time = r.get<tick_t>();
    e.numerator = r.get<std::uint8_t>();
    e.denominator = r.get<std::uint8_t>();
  }
  s.key_signatures.resize(r.count(6));
  for (auto& e : s.key_signatures) {
    e.time = r.get<tick_t>();
    e.key = r.get<std::int8_t>();
    e.tonality = r.get<std::uint8_t>();
  }
  s.tempos.resize(r.count(8));
  for (auto& e : s.tempos) {
    e.time = r.get<tick_t>();
    e.mspq = r.get<std::int32_t>();
  }
  read_text_meta(s.markers);
  s.tracks.resize(r.count(10));
  for (auto& t : s.tracks) {
    t.name = r.text();
    t.program = r.get<std::uint8_t>();
    t.is_drum = r.get<std::uint8_t>() != 0;
    t.notes.resize(r.count(10));
    for (auto& e : t.notes) {
      e.time = r.get<tick_t>();
      e.duration = r.get<tick_t>();
      e.pitch = r.get<std::int8_t>();
      e.velocity = r.get<std::int8_t>();
    }
    t.controls.resize(r.count(6));
    for (auto& e : t.controls) {
      e.time = r.get<tick_t>();
      e.number = r.get<std::uint8_t>();
      e.value = r.get<std::uint8_t>();
    }
    t.pitch_bends.resize(r.count(8));
    for (auto& e : t.pitch_bends) {
      e.time = r.get<tick_t>();
      e.value = r.get<std::int32_t>();
    }
    t.pedals.resize(r.count(8));
    for (auto& e : t.pedals) {
      e.time = r.get<tick_t>();
      e.duration = r.get<tick_t>();
    }
    read_text_meta(t.lyrics);
  }
  r.finish();
  return s;
}

}  // namespace miditok
