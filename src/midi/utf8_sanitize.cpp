// UTF-8 sanitising of MIDI text (track names, lyrics, markers) with utfcpp's replace_invalid
// rules, which symusic applies: each invalid sequence becomes one U+FFFD.
#include <cstdint>
#include <string>
#include <string_view>

#include "miditok/midi/midi_reader.h"

namespace miditok {
namespace {

enum class Utf8Status { kOk, kNotEnoughRoom, kInvalidLead, kBadSequence };

bool is_trail(unsigned char c) { return (c >> 6) == 0x2; }

// Validates the sequence starting at text[i]; on success sets `length`.
Utf8Status validate(std::string_view text, std::size_t i, std::size_t& length) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t n;
  if (lead < 0x80) {
    n = 1;
  } else if ((lead >> 5) == 0x6) {
    n = 2;
  } else if ((lead >> 4) == 0xE) {
    n = 3;
  } else if ((lead >> 3) == 0x1E) {
    n = 4;
  } else {
    return Utf8Status::kInvalidLead;
  }
  std::uint32_t cp = lead;
  if (n == 2) cp &= 0x1F;
  if (n == 3) cp &= 0x0F;
  if (n == 4) cp &= 0x07;
  for (std::size_t k = 1; k < n; ++k) {
    if (i + k >= text.size()) return Utf8Status::kNotEnoughRoom;
    const auto c = static_cast<unsigned char>(text[i + k]);
    if (!is_trail(c)) return Utf8Status::kBadSequence;
    cp = (cp << 6) | (c & 0x3F);
  }
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return Utf8Status::kBadSequence;
  const bool overlong = (cp < 0x80 && n != 1) || (cp >= 0x80 && cp < 0x800 && n != 2) ||
                        (cp >= 0x800 && cp < 0x10000 && n != 3);
  if (overlong) return Utf8Status::kBadSequence;
  length = n;
  return Utf8Status::kOk;
}

}  // namespace

std::string sanitize_utf8(std::string_view text) {
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = 0;
    switch (validate(text, i, length)) {
      case Utf8Status::kOk:
        out.append(text.substr(i, length));
        i += length;
        break;
      case Utf8Status::kNotEnoughRoom:
        out.append(kReplacement);
        i = text.size();
        break;
      case Utf8Status::kInvalidLead:
        out.append(kReplacement);
        ++i;
        break;
      case Utf8Status::kBadSequence:
        out.append(kReplacement);
        ++i;
        while (i < text.size() && is_trail(static_cast<unsigned char>(text[i]))) ++i;
        break;
    }
  }
  return out;
}

}  // namespace miditok
