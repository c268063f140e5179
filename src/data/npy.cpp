// .npy headers (see npy.h): written padded to 64 bytes, read with a small parser of the dict
// literal numpy writes ({'descr': '<u2', 'fortran_order': False, 'shape': (12,), }).
#include "miditok/data/npy.h"

#include <cctype>
#include <cstring>

#include "miditok/core/error.h"

namespace miditok {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr std::size_t kAlign = 64;

[[noreturn]] void bad(const std::string& source, const std::string& what) {
  throw IoError("not a valid .npy file (" + what + "): " + source);
}

// A cursor over the header dict literal.
struct Parser {
  std::string_view s;
  std::size_t at = 0;
  const std::string& source;

  void skip_space() {
    while (at < s.size() && std::isspace(static_cast<unsigned char>(s[at]))) ++at;
  }
  bool eat(char c) {
    skip_space();
    if (at < s.size() && s[at] == c) {
      ++at;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!eat(c)) bad(source, std::string("expected '") + c + "' in the header");
  }
  std::string quoted() {
    skip_space();
    if (at >= s.size() || (s[at] != '\'' && s[at] != '"')) bad(source, "expected a string");
    const char q = s[at++];
    const std::size_t end = s.find(q, at);
    if (end == std::string_view::npos) bad(source, "unterminated string");
    std::string out(s.substr(at, end - at));
    at = end + 1;
    return out;
  }
  std::string word() {
    skip_space();
    const std::size_t start = at;
    while (at < s.size() && std::isalpha(static_cast<unsigned char>(s[at]))) ++at;
    return std::string(s.substr(start, at - start));
  }
  std::uint64_t number() {
    skip_space();
    std::uint64_t v = 0;
    const std::size_t start = at;
    while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at]))) {
      if (v > (UINT64_MAX - 9) / 10) bad(source, "shape too large");
      v = v * 10 + static_cast<std::uint64_t>(s[at++] - '0');
    }
    if (at == start) bad(source, "expected a number in the shape");
    return v;
  }
};

}  // namespace

std::size_t npy_item_size(std::string_view descr) {
  if (descr == "|u1" || descr == "<u1") return 1;
  if (descr == "<u2") return 2;
  if (descr == "<u4") return 4;
  if (descr == "<i8") return 8;
  return 0;
}

std::string npy_header(std::string_view descr, std::uint64_t length) {
  std::string dict = "{'descr': '" + std::string(descr) + "', 'fortran_order': False, 'shape': (" +
                     std::to_string(length) + ",), }";
  // 1.0: magic(6) + version(2) + uint16 length; 2.0: uint32 length
  std::size_t prefix = kMagic.size() + 2 + 2;
  bool v2 = false;
  std::size_t total = (prefix + dict.size() + 1 + kAlign - 1) / kAlign * kAlign;
  if (total - prefix > 0xFFFF) {
    v2 = true;
    prefix += 2;
    total = (prefix + dict.size() + 1 + kAlign - 1) / kAlign * kAlign;
  }
  dict.append(total - prefix - dict.size() - 1, ' ');
  dict.push_back('\n');
  std::string out(kMagic);
  out.push_back(static_cast<char>(v2 ? 2 : 1));
  out.push_back('\0');
  const auto len = static_cast<std::uint32_t>(dict.size());
  for (int b = 0; b < (v2 ? 4 : 2); ++b) out.push_back(static_cast<char>((len >> (8 * b)) & 0xFF));
  return out + dict;
}

NpyHeader parse_npy_header(std::string_view bytes, const std::string& source) {
  if (bytes.size() < 10 || bytes.substr(0, kMagic.size()) != kMagic) bad(source, "no NUMPY magic");
  const auto major = static_cast<unsigned char>(bytes[6]);
  if (major < 1 || major > 3) bad(source, "unknown format version " + std::to_string(major));
  const std::size_t len_size = major == 1 ? 2 : 4;
  if (bytes.size() < 8 + len_size) bad(source, "truncated header");
  std::uint64_t header_len = 0;
  for (std::size_t b = 0; b < len_size; ++b) {
    header_len |= static_cast<std::uint64_t>(static_cast<unsigned char>(bytes[8 + b])) << (8 * b);
  }
  const std::size_t start = 8 + len_size;
  if (header_len > bytes.size() - start) bad(source, "truncated header");
  Parser p{bytes.substr(start, header_len), 0, source};
  NpyHeader h;
  h.data_offset = start + header_len;
  bool has_descr = false;
  bool has_order = false;
  bool has_shape = false;
  p.expect('{');
  while (!p.eat('}')) {
    const std::string key = p.quoted();
    p.expect(':');
    if (key == "descr") {
      h.descr = p.quoted();
      has_descr = true;
    } else if (key == "fortran_order") {
      const std::string w = p.word();
      if (w != "False" && w != "True") bad(source, "fortran_order is not a boolean");
      has_order = true;  // irrelevant for 1-D arrays
    } else if (key == "shape") {
      p.expect('(');
      h.length = p.number();
      p.eat(',');
      if (!p.eat(')')) bad(source, "not a 1-D array");
      has_shape = true;
    } else {
      bad(source, "unknown header key '" + key + "'");
    }
    if (!p.eat(',')) {
      p.expect('}');
      break;
    }
  }
  if (!has_descr || !has_order || !has_shape) bad(source, "header lacks descr/fortran_order/shape");
  return h;
}

}  // namespace miditok
