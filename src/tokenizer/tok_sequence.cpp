// TokSequence: slicing, splitting per bars/beats, concatenation and comparison.
#include "miditok/tokenizer/tok_sequence.h"

#include <algorithm>
#include <mutex>
#include <string>
#include <unordered_set>

namespace miditok {

const std::string* EventValue::intern(std::string_view s) {
  // Node-based: the strings never move, so the pointers handed out stay valid.
  static std::mutex mutex;
  static auto* values = new std::unordered_set<std::string>();  // kept for the process
  const std::lock_guard<std::mutex> lock(mutex);
  return &*values->emplace(s).first;
}

std::size_t TokSequence::size() const {
  if (!ids.empty()) return ids.size();
  if (!tokens.empty()) return tokens.size();
  if (!events.empty()) return events.size();
  return bytes.size();
}

namespace {
template <class V>
V sub(const V& v, std::size_t b, std::size_t e) {
  b = std::min(b, v.size());
  e = std::min(std::max(e, b), v.size());
  return V(v.begin() + static_cast<std::ptrdiff_t>(b), v.begin() + static_cast<std::ptrdiff_t>(e));
}
}  // namespace

TokSequence TokSequence::slice(std::size_t begin, std::size_t end) const {
  TokSequence s;
  s.are_ids_encoded = are_ids_encoded;
  s.tokens = sub(tokens, begin, end);
  s.ids = sub(ids, begin, end);
  s.bytes = sub(bytes, begin, end);
  s.events = sub(events, begin, end);
  s.ids_decoded = sub(ids_decoded, begin, end);
  return s;
}

std::vector<std::size_t> TokSequence::split_indices(const std::vector<tick_t>& ticks) const {
  std::vector<std::size_t> idxs{0};
  std::size_t ti_prev = 0;
  for (std::size_t bi = 1; bi < ticks.size(); ++bi) {
    std::size_t ti = ti_prev;
    while (ti < events.size() && events[ti].time < ticks[bi]) ++ti;
    if (ti == events.size()) break;
    idxs.push_back(ti);
    ti_prev = ti;
  }
  return idxs;
}

std::vector<TokSequence> TokSequence::split_per_bars() const {
  auto idxs = split_indices(ticks_bars);
  std::vector<TokSequence> out;
  for (std::size_t i = 0; i < idxs.size(); ++i)
    out.push_back(slice(idxs[i], i + 1 < idxs.size() ? idxs[i + 1] : size()));
  return out;
}

std::vector<TokSequence> TokSequence::split_per_beats() const {
  auto idxs = split_indices(ticks_beats);
  std::vector<TokSequence> out;
  for (std::size_t i = 0; i < idxs.size(); ++i)
    out.push_back(slice(idxs[i], i + 1 < idxs.size() ? idxs[i + 1] : size()));
  return out;
}

TokSequence& TokSequence::operator+=(const TokSequence& other) {
  tokens.insert(tokens.end(), other.tokens.begin(), other.tokens.end());
  ids.insert(ids.end(), other.ids.begin(), other.ids.end());
  bytes += other.bytes;
  events.insert(events.end(), other.events.begin(), other.events.end());
  ids_decoded.insert(ids_decoded.end(), other.ids_decoded.begin(), other.ids_decoded.end());
  return *this;
}

bool TokSequence::operator==(const TokSequence& o) const {
  bool common = false;
  bool eq = true;
  if (!tokens.empty() && !o.tokens.empty()) common = true, eq = eq && tokens == o.tokens;
  if (!ids.empty() && !o.ids.empty()) common = true, eq = eq && ids == o.ids;
  if (!bytes.empty() && !o.bytes.empty()) common = true, eq = eq && bytes == o.bytes;
  if (!events.empty() && !o.events.empty()) common = true, eq = eq && events == o.events;
  return common && eq;
}

}  // namespace miditok
