// Text helpers shared by the trainable models: tokens are strings of Unicode code points
// (std::u32string); base token id i is the character chr(i + 33) as in MidiTok. UTF-8 conversion,
// the Metaspace pre-tokenizer and the word counter used to feed the trainers live here.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace miditok {

/// The first code point used for base token ids (MidiTok's CHR_ID_START).
inline constexpr char32_t kChrIdStart = 33;
/// The Metaspace replacement character "▁" (U+2581).
inline constexpr char32_t kMetaspace = 0x2581;

/// Decodes UTF-8 into code points (throws TokenError on invalid UTF-8).
std::u32string utf8_to_u32(std::string_view s);
/// Encodes code points as UTF-8.
std::string u32_to_utf8(std::u32string_view s);

/// Maps base token ids to their characters chr(id + 33).
std::u32string ids_to_chars(std::span<const int32_t> ids);

/// How sequences are cut into words before training / encoding (HF Metaspace pre-tokenizer).
struct MetaspaceConfig {
  char32_t replacement = kMetaspace;
  std::string prepend_scheme = "always";  ///< "always", "first" or "never"
  bool split = true;
};

/// Applies the Metaspace pre-tokenizer to one piece: spaces become the replacement, the
/// replacement is prepended per prepend_scheme (`first_piece`: the piece starts the sequence),
/// then the piece is split before each replacement character when `split` is set.
void metaspace_split(std::u32string_view piece, const MetaspaceConfig& cfg, bool first_piece,
                     std::vector<std::u32string>& out);
/// The same words as views into `buffer` (overwritten), appended to `out`: no allocation per word.
void metaspace_split_views(std::u32string_view piece, const MetaspaceConfig& cfg, bool first_piece,
                           std::u32string& buffer, std::vector<std::u32string_view>& out);

/// Distinct words with their number of occurrences, in first-seen order.
struct WordCounts {
  std::vector<std::u32string> words;
  std::vector<uint64_t> counts;
};

/// Counts the words of `sequences` (each one HF "sequence", pre-tokenized with `metaspace` when
/// given, else one word), on all threads.
WordCounts count_words(const std::vector<std::u32string>& sequences,
                       const std::optional<MetaspaceConfig>& metaspace);

}  // namespace miditok
