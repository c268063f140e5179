// Training a tokenizer's model from files or sequences, and applying it (MidiTok's train,
// TokTrainingIterator, encode_token_ids and decode_token_ids).
#include "miditok/tokenizer/training.h"

#include <algorithm>
#include <unordered_map>

#include "miditok/core/error.h"
#include "miditok/core/thread_pool.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/models/hf_train.h"

namespace miditok {

std::vector<std::size_t> MusicTokenizer::track_starts(const TokSequence& seq) const {
  std::vector<std::size_t> starts;
  const std::string& start = traits_.part_start_token;
  if (!start.empty()) {
    if (!seq.ids.empty()) {
      const token_id_t start_id = find_id(start);
      for (std::size_t i = 0; i < seq.ids.size(); ++i)
        if (seq.ids[i] == start_id) starts.push_back(i);
    } else {
      for (std::size_t i = 0; i < seq.tokens.size(); ++i)
        if (seq.tokens[i] == start) starts.push_back(i);
    }
  }
  if (starts.empty() || starts[0] != 0) starts.insert(starts.begin(), 0);
  return starts;
}

namespace {

const std::string& split_mode(const MusicTokenizer& tok) { return tok.config().encode_ids_split; }

std::u32string ids_bytes(const MusicTokenizer& tok, const std::vector<token_id_t>& ids) {
  const auto& bytes = tok.id_to_byte();
  std::u32string out;
  out.reserve(ids.size());
  for (const token_id_t id : ids) {
    if (id < 0 || static_cast<std::size_t>(id) >= bytes.size())
      throw TokenError("token id " + std::to_string(id) + " is out of the base vocabulary (" +
                       std::to_string(bytes.size()) + " tokens)");
    if (tok.custom_bytes().empty()) {
      out += bytes[static_cast<std::size_t>(id)];
    } else {
      out += tok.byte_of(id);
    }
  }
  return out;
}

// Indexes where the sub-sequences of a split start (one start at 0 when not splitting).
std::vector<std::size_t> split_starts(const TokSequence& seq, const std::string& mode) {
  if (mode == "bar") return seq.split_indices(seq.ticks_bars);
  if (mode == "beat") return seq.split_indices(seq.ticks_beats);
  return {0};
}

// As split_starts, within each part the tokenizer encodes on its own (MMM: each track).
std::vector<std::size_t> split_starts(const MusicTokenizer& tok, const TokSequence& seq,
                                      const std::string& mode) {
  const auto parts = tok.track_starts(seq);
  if (parts.size() < 2) return split_starts(seq, mode);
  std::vector<std::size_t> out;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const std::size_t end =
        std::min(p + 1 < parts.size() ? parts[p + 1] : seq.size(), seq.events.size());
    if ((mode != "bar" && mode != "beat") || seq.events.empty()) {
      out.push_back(parts[p]);
      continue;
    }
    TokSequence part;
    part.events.assign(seq.events.begin() + static_cast<std::ptrdiff_t>(parts[p]),
                       seq.events.begin() + static_cast<std::ptrdiff_t>(end));
    for (std::size_t i : part.split_indices(mode == "bar" ? seq.ticks_bars : seq.ticks_beats))
      out.push_back(parts[p] + i);
  }
  return out;
}

// Adds the words of one chunk to the corpus counts, keeping first-seen order.
void merge_counts(WordCounts& into, std::unordered_map<std::u32string, std::size_t>& index,
                  WordCounts&& chunk) {
  for (std::size_t i = 0; i < chunk.words.size(); ++i) {
    auto [it, added] = index.try_emplace(chunk.words[i], into.words.size());
    if (added) {
      into.words.push_back(std::move(chunk.words[i]));
      into.counts.push_back(chunk.counts[i]);
    } else {
      into.counts[it->second] += chunk.counts[i];
    }
  }
}

}  // namespace

void check_trainable(const MusicTokenizer& tokenizer) {
  if (tokenizer.traits().multi_vocabulary)
    throw TokenError(tokenizer.class_name() +
                     " uses several vocabularies (embedding pooling) and cannot be trained with "
                     "BPE, Unigram or WordPiece");
}

std::vector<std::u32string> training_strings(const MusicTokenizer& tokenizer,
                                             const std::vector<TokSequence>& sequences) {
  const std::string& mode = split_mode(tokenizer);
  std::vector<std::u32string> out;
  const bool split = mode == "bar" || mode == "beat";
  for (const auto& seq : sequences) {
    const std::u32string bytes = ids_bytes(tokenizer, seq.ids);
    const auto starts = split_starts(tokenizer, seq, mode);
    if (!split && starts.size() < 2) {
      out.push_back(bytes);
      continue;
    }
    for (std::size_t i = 0; i < starts.size(); ++i) {
      const std::size_t b = std::min(starts[i], bytes.size());
      const std::size_t e = i + 1 < starts.size() ? starts[i + 1] : bytes.size();
      if (e > b) out.push_back(bytes.substr(b, e - b));
    }
  }
  // MidiTok turns an empty list of ids into the single string "".
  if (out.empty()) out.emplace_back();
  return out;
}

std::vector<std::u32string> training_strings(const MusicTokenizer& tokenizer, const Score& score) {
  // Base ids, also when the tokenizer is already trained (MidiTok's encode_ids=False).
  return training_strings(tokenizer, tokenizer.encode(score, false, false, {}, false));
}

WordCounts count_training_strings(const MusicTokenizer& tokenizer,
                                  const std::vector<std::u32string>& strings) {
  const bool metaspace = split_mode(tokenizer) != "no";
  return count_words(strings,
                     metaspace ? std::optional<MetaspaceConfig>(MetaspaceConfig{}) : std::nullopt);
}

TrainingCorpus count_training_words(const MusicTokenizer& tokenizer,
                                    const std::vector<std::string>& paths,
                                    const std::function<void(std::size_t)>& progress) {
  check_trainable(tokenizer);
  TrainingCorpus corpus;
  std::unordered_map<std::u32string, std::size_t> index;
  const std::size_t chunk = std::max<std::size_t>(64, num_threads() * 16);
  for (std::size_t begin = 0; begin < paths.size(); begin += chunk) {
    const std::size_t n = std::min(chunk, paths.size() - begin);
    std::vector<std::vector<std::u32string>> per_file(n);
    std::vector<std::string> errors(n);
    std::vector<char> ok(n, 0);
    parallel_for(n, [&](std::size_t i) {
      try {
        per_file[i] = training_strings(tokenizer, read_midi_file(paths[begin + i]));
        ok[i] = 1;
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
    std::vector<std::u32string> strings;
    for (std::size_t i = 0; i < n; ++i) {
      if (!ok[i]) {
        corpus.skipped.emplace_back(paths[begin + i], errors[i]);
        continue;
      }
      ++corpus.files_used;
      for (auto& s : per_file[i]) strings.push_back(std::move(s));
    }
    per_file.clear();
    merge_counts(corpus.words, index, count_training_strings(tokenizer, strings));
    if (progress) progress(begin + n);
  }
  return corpus;
}

HfTokenizer train_model(const MusicTokenizer& tokenizer, const WordCounts& words,
                        const TrainingOptions& options) {
  check_trainable(tokenizer);
  if (options.vocab_size <= tokenizer.vocab_size())
    throw ConfigError("vocab_size (" + std::to_string(options.vocab_size) +
                      ") must be higher than the number of base tokens (" +
                      std::to_string(tokenizer.vocab_size()) + ")");
  bool any = false;
  for (const auto& w : words.words) any = any || !w.empty();
  if (!any) throw ConfigError("the training corpus is empty (no token sequence to learn from)");
  HfTrainOptions o;
  o.model = options.model;
  o.vocab_size = options.vocab_size;
  o.base_vocab_size = tokenizer.vocab_size();
  constexpr std::string_view kUnigramSuffix = "-unigram";
  for (const auto& t : tokenizer.special_tokens()) {
    const int32_t id = tokenizer.token_to_id(t);
    const std::string special =
        t.ends_with(kUnigramSuffix) ? t.substr(0, t.size() - kUnigramSuffix.size()) : "";
    if (!special.empty() && tokenizer.has_token(special))
      o.unigram_special_ids.emplace_back(id, tokenizer.token_to_id(special));
    else
      o.special_token_ids.push_back(id);
  }
  o.encode_ids_split = split_mode(tokenizer);
  o.min_frequency = options.min_frequency;
  o.max_token_length = options.max_token_length;
  o.limit_alphabet = options.limit_alphabet;
  o.unk_token = options.unk_token;
  o.max_input_chars_per_word = options.max_input_chars_per_word;
  o.max_piece_length = options.max_piece_length;
  o.shrinking_factor = options.shrinking_factor;
  o.n_sub_iterations = options.n_sub_iterations;
  return train_hf_tokenizer(words, o);
}

TrainingResult train_from_files(const MusicTokenizer& tokenizer,
                                const std::vector<std::string>& paths,
                                const TrainingOptions& options,
                                const std::function<void(std::size_t)>& progress) {
  check_trainable(tokenizer);
  if (options.vocab_size <= tokenizer.vocab_size())
    throw ConfigError("vocab_size (" + std::to_string(options.vocab_size) +
                      ") must be higher than the number of base tokens (" +
                      std::to_string(tokenizer.vocab_size()) + ")");
  TrainingCorpus corpus = count_training_words(tokenizer, paths, progress);
  if (corpus.files_used == 0)
    throw ConfigError("no usable training file among the " + std::to_string(paths.size()) +
                      " given (" + std::to_string(corpus.skipped.size()) + " unreadable)");
  TrainingResult result;
  result.model = train_model(tokenizer, corpus.words, options);
  result.files_used = corpus.files_used;
  result.skipped = std::move(corpus.skipped);
  return result;
}

std::vector<std::u32string> encode_words(const MusicTokenizer& tokenizer, TokSequence& seq) {
  if (seq.ids.empty() && !seq.tokens.empty()) tokenizer.complete_sequence(seq);
  const std::u32string bytes = seq.bytes.empty() ? ids_bytes(tokenizer, seq.ids) : seq.bytes;
  const std::string& mode = split_mode(tokenizer);
  const auto starts = split_starts(tokenizer, seq, mode);
  std::vector<std::u32string> words;
  words.reserve(starts.size());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const std::size_t b = std::min(starts[i], bytes.size());
    const std::size_t e = std::max(b, i + 1 < starts.size() ? starts[i + 1] : bytes.size());
    words.push_back(bytes.substr(b, e - b));
  }
  return words;
}

void encode_token_ids(const MusicTokenizer& tokenizer, const HfTokenizer& model, TokSequence& seq) {
  if (seq.are_ids_encoded) return;
  const auto ids = model.encode(encode_words(tokenizer, seq));
  seq.ids.assign(ids.begin(), ids.end());
  seq.are_ids_encoded = true;
}

void encode_token_ids(const MusicTokenizer& tokenizer, const HfTokenizer& model,
                      std::vector<TokSequence>& seqs) {
  parallel_for(seqs.size(), [&](std::size_t i) { encode_token_ids(tokenizer, model, seqs[i]); });
}

void decode_token_ids(const MusicTokenizer& tokenizer, const HfTokenizer& model, TokSequence& seq) {
  if (!seq.are_ids_encoded) return;
  std::vector<uint32_t> ids;
  ids.reserve(seq.ids.size());
  for (const token_id_t id : seq.ids) {
    if (id < 0 || static_cast<std::size_t>(id) >= model.vocab_size())
      throw TokenError("token id " + std::to_string(id) + " is out of the trained vocabulary (" +
                       std::to_string(model.vocab_size()) + " tokens)");
    ids.push_back(static_cast<uint32_t>(id));
  }
  const auto base = model.decode_to_base_ids(ids);
  seq.ids.assign(base.begin(), base.end());
  seq.tokens.clear();
  seq.tokens.reserve(seq.ids.size());
  for (const token_id_t id : seq.ids) seq.tokens.push_back(tokenizer.id_to_token(id));
  seq.are_ids_encoded = false;
}

// ---- MusicTokenizer's own trained model (declared in music_tokenizer.h) ----

void MusicTokenizer::encode_token_ids(std::vector<TokSequence>& sequences) const {
  if (model_ == nullptr) return;
  if (sequences.size() == 1)
    miditok::encode_token_ids(*this, *model_, sequences[0]);
  else
    miditok::encode_token_ids(*this, *model_, sequences);
}

void MusicTokenizer::decode_token_ids(TokSequence& sequence) const {
  if (model_ == nullptr) return;
  if (!sequence.are_ids_encoded) {
    const auto base = static_cast<token_id_t>(vocab_size());
    sequence.are_ids_encoded = std::any_of(sequence.ids.begin(), sequence.ids.end(),
                                           [&](token_id_t id) { return id >= base; });
  }
  miditok::decode_token_ids(*this, *model_, sequence);
}

std::size_t MusicTokenizer::model_vocab_size() const {
  return model_ == nullptr ? vocab_size() : model_->vocab_size();
}

}  // namespace miditok
