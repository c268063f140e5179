// MMM decoding: the tracks of the sequence (split at Track_Start as MidiTok's
// split_tokseq_per_track) decoded by the base tokenization. Ids go to the base as ids when the
// base's vocabulary is the start of MMM's (it is: MMM's vocabulary is built from it).
#include <algorithm>
#include <string_view>

#include "miditok/tokenizers/mmm.h"

namespace miditok {

namespace {

/// The tracks of a sequence: a track ends one token before the next Track_Start (its Track_End),
/// the last one runs to the end; tokens before the first track are dropped; no Track_Start: one
/// track of everything.
template <class T, class IsStart>
std::vector<std::vector<T>> split_tracks(std::vector<T> all, IsStart&& is_start) {
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (is_start(all[i])) starts.push_back(i);
  std::vector<std::vector<T>> tracks;
  if (starts.empty()) {
    tracks.push_back(std::move(all));
    return tracks;
  }
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t b = starts[i] + 1;
    const std::size_t e = i + 1 < starts.size() ? starts[i + 1] - 1 : all.size();
    tracks.emplace_back(all.begin() + static_cast<std::ptrdiff_t>(b),
                        all.begin() + static_cast<std::ptrdiff_t>(std::max(b, e)));
  }
  return tracks;
}

}  // namespace

Score MMM::tokens_to_score(const std::vector<std::vector<std::string_view>>& sequences,
                           const std::optional<std::vector<ProgramSpec>>& programs) const {
  (void)programs;  // the programs are the Program tokens of the tracks
  std::vector<std::string_view> all;
  for (const auto& s : sequences) all.insert(all.end(), s.begin(), s.end());
  auto tracks = split_tracks(std::move(all), [](std::string_view t) { return t == "Track_Start"; });
  return base_->tokens_to_score(tracks, std::nullopt);
}

Score MMM::ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                        const std::optional<std::vector<ProgramSpec>>& programs) const {
  const auto& base_tokens = base_->tokens();
  const auto& own = tokens();
  const std::size_t base_n = base_tokens.size();
  if (base_n > own.size() || !std::equal(base_tokens.begin(), base_tokens.end(), own.begin()))
    return MusicTokenizer::ids_to_score(sequences, programs);  // as token strings
  // MMM's own tokens (Track_*, ...) are unknown to the base: its id of an unknown token
  const auto base_unknown = static_cast<token_id_t>(base_n);
  // Track_Start (an MMM token) marked -1 to split at, before mapping to the base's ids
  const token_id_t start_id = find_id("Track_Start");
  std::vector<token_id_t> all;
  for (const auto& s : sequences)
    for (token_id_t id : s)
      all.push_back(id == start_id                          ? -1
                    : static_cast<std::size_t>(id) < base_n ? id
                                                            : base_unknown);
  const auto tracks = split_tracks(std::move(all), [](token_id_t id) { return id == -1; });
  return base_->ids_to_score(std::vector<std::span<const token_id_t>>(tracks.begin(), tracks.end()),
                             std::nullopt);
}

}  // namespace miditok
