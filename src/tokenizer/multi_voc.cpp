// MultiVocTokenizer: sub-vocabularies, compound encode / decode around the tokenizations' hooks,
// and the id <-> token conversions of compound rows (errors name the sequence, row and slot).
#include "miditok/tokenizer/multi_voc.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "bar_clip.h"
#include "decode_helpers.h"
#include "id_table.h"
#include "miditok/core/error.h"
#include "miditok/score/score_ops.h"
#include "miditok/tokenizer/encode_limits.h"
#include "numeric.h"
#include "score_helpers.h"

namespace miditok {

namespace {

std::string where(std::size_t seq, std::size_t row, std::size_t slot) {
  return "sequence " + std::to_string(seq) + ", compound token " + std::to_string(row) + ", slot " +
         std::to_string(slot);
}

/// What bar_head needs of a tokenizer's configuration.
detail::BarHeadParams bar_head_params(const MusicTokenizer& t) {
  const TokenizerConfig& c = t.config();
  detail::BarHeadParams p;
  p.max_bars = t.traits().max_bars;
  p.use_time_signatures = c.use_time_signatures;
  p.fixed_ticks_per_quarter = t.traits().ticks_per_quarter;
  p.max_num_pos_per_beat = c.max_num_pos_per_beat();
  p.pitch_range = c.pitch_range;
  p.drums_pitch_range = c.drums_pitch_range;
  p.use_pitchdrum_tokens = c.use_pitchdrum_tokens;
  p.use_control_changes = c.use_control_changes;
  p.use_pitch_bends = c.use_pitch_bends;
  for (const auto& d : t.durations())
    p.max_duration_ticks = std::max<std::int64_t>(
        p.max_duration_ticks, MusicTokenizer::time_token_to_ticks(d, c.max_num_pos_per_beat()));
  return p;
}

}  // namespace

MultiVocTokenizer::MultiVocTokenizer(std::string class_name, TokenizerConfig config)
    : MusicTokenizer(std::move(class_name), std::move(config)) {}

void MultiVocTokenizer::initialize() {
  MusicTokenizer::initialize();
  initialize_multi_voc();
}

void MultiVocTokenizer::initialize_multi_voc() {
  auto subs = create_sub_vocabularies();
  sub_tokens_.assign(subs.size(), {});
  sub_vocab_.assign(subs.size(), {});
  for (std::size_t v = 0; v < subs.size(); ++v) {
    std::vector<std::string> all(config_.special_tokens);
    all.insert(all.end(), subs[v].begin(), subs[v].end());
    for (auto& tok : all) {
      if (sub_vocab_[v].find(std::string_view(tok)) != sub_vocab_[v].end())
        continue;  // MidiTok warns and keeps the first id
      sub_vocab_[v].emplace(tok, static_cast<token_id_t>(sub_tokens_[v].size()));
      sub_tokens_[v].push_back(std::move(tok));
    }
  }
  types_idx_ = create_vocab_types_idx();
  sub_id_table_cache_.assign(sub_tokens_.size(), detail::IdTableCache());
  flat_to_sub_.assign(sub_tokens_.size(), std::vector<token_id_t>(vocab_size(), -1));
  for (std::size_t v = 0; v < sub_tokens_.size(); ++v)
    for (std::size_t i = 0; i < sub_tokens_[v].size(); ++i) {
      const token_id_t flat = find_id(sub_tokens_[v][i]);
      if (flat >= 0) flat_to_sub_[v][static_cast<std::size_t>(flat)] = static_cast<token_id_t>(i);
    }
}

int MultiVocTokenizer::max_bar_embedding_param() const {
  auto mbe = config_.additional_int("max_bar_embedding");
  if (!mbe || *mbe < 1 || *mbe > config_limits::kMaxTableSize)
    throw ConfigError("max_bar_embedding must be an integer within 1 and " +
                      std::to_string(config_limits::kMaxTableSize) + " for " + class_name_ +
                      " (see docs/limits.md)");
  return *mbe;
}

std::vector<token_id_t> MultiVocTokenizer::numbered_ids(std::size_t slot,
                                                        const std::string& type) const {
  std::vector<token_id_t> ids;
  for (int i = 0;; ++i) {
    const token_id_t id = find_sub_id(slot, type + "_" + std::to_string(i));
    if (id < 0) return ids;
    ids.push_back(id);
  }
}

std::vector<std::string> MultiVocTokenizer::create_base_vocabulary() const {
  // The union of the sub-vocabularies: the core's event ids are looked up in it while encoding.
  std::vector<std::string> flat;
  for (auto& sub : create_sub_vocabularies()) flat.insert(flat.end(), sub.begin(), sub.end());
  return flat;
}

TokenizationTraits MultiVocTokenizer::describe_traits() const {
  TokenizationTraits traits;
  traits.multi_vocabulary = true;
  traits.forced = {
      {&TokenizerConfig::use_sustain_pedals, false},
      {&TokenizerConfig::use_pitch_bends, false},
      {&TokenizerConfig::use_control_changes, false, kControlChangesUnsupported},
      {&TokenizerConfig::use_pitch_intervals, false},
      {&TokenizerConfig::use_key_signatures, false,
       "Key signatures are not supported by {}, as key signature changes cannot be carried "
       "cleanly by its compound tokens. Disabling `use_key_signatures`."},
      {&TokenizerConfig::program_changes, false},
  };
  traits.attribute_controls = false;
  traits.duration_programs = DurationPrograms::all_or_none;
  return traits;
}

Score MultiVocTokenizer::tokens_to_score(const std::vector<std::vector<std::string_view>>&,
                                         const std::optional<std::vector<ProgramSpec>>&) const {
  throw TokenError(class_name_ + " decodes compound tokens (rows of " +
                   std::to_string(num_vocabs()) + " tokens), not a flat token sequence");
}

token_id_t MultiVocTokenizer::find_sub_id(std::size_t vocab, std::string_view token) const {
  if (vocab >= sub_vocab_.size()) return -1;
  auto it = sub_vocab_[vocab].find(token);
  return it == sub_vocab_[vocab].end() ? -1 : it->second;
}

token_id_t MultiVocTokenizer::sub_token_to_id(std::size_t vocab, std::string_view token) const {
  const token_id_t id = find_sub_id(vocab, token);
  if (id < 0)
    throw TokenError("unknown token \"" + std::string(token) + "\": not in the " + class_name_ +
                     " sub-vocabulary " + std::to_string(vocab));
  return id;
}

const std::string& MultiVocTokenizer::sub_id_to_token(std::size_t vocab, token_id_t id) const {
  if (vocab >= sub_tokens_.size() || id < 0 ||
      static_cast<std::size_t>(id) >= sub_tokens_[vocab].size())
    throw TokenError("token id " + std::to_string(id) + " is out of the " + class_name_ +
                     " sub-vocabulary " + std::to_string(vocab));
  return sub_tokens_[vocab][static_cast<std::size_t>(id)];
}

std::vector<CompoundSequence> MultiVocTokenizer::encode_compound(const Score& score,
                                                                 bool no_preprocess) const {
  check_encode_limits(score);
  if (!no_preprocess) {
    // Past bar max_bars the score is cut: only its head is preprocessed (same result).
    if (auto head = detail::bar_head(score, bar_head_params(*this))) {
      Score pre = preprocess_score(head->score);
      if (detail::whole_within_encode_limits(pre, head->tail_end_bound))
        return encode_compound_score(std::move(pre));
    }
  }
  Score pre = no_preprocess ? score : preprocess_score(score);
  check_encode_limits(pre);
  return encode_compound_score(std::move(pre));
}

std::vector<CompoundSequence> MultiVocTokenizer::encode_compound_score(Score preprocessed) const {
  // MidiTok takes the bar / beat ticks of the score before the tokenization clips it.
  const auto bars = detail::bars_ticks(preprocessed, true);
  const auto beats = detail::beats_ticks(preprocessed, true);
  const auto max_bars = static_cast<std::size_t>(traits().max_bars);
  if (max_bars > 0 && max_bars < bars.size()) clip_inplace(preprocessed, 0, bars[max_bars]);
  auto rows = score_rows(preprocessed);
  std::vector<CompoundSequence> out(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out[i].width = num_vocabs();
    out[i].ids = std::move(rows[i]);
    out[i].ticks_bars = bars;
    out[i].ticks_beats = beats;
  }
  return out;
}

std::vector<std::vector<token_id_t>> MultiVocTokenizer::score_rows(const Score& score) const {
  auto seqs = encode_score(score, false, {});
  std::vector<std::vector<token_id_t>> rows(seqs.size());
  for (std::size_t i = 0; i < seqs.size(); ++i)
    compound_rows(seqs[i].events, seqs[i].ids, score.ticks_per_quarter, rows[i]);
  return rows;
}

void MultiVocTokenizer::compound_rows(const std::vector<Event>&, const std::vector<token_id_t>&,
                                      int, std::vector<token_id_t>&) const {
  throw std::logic_error(class_name_ + " overrides neither score_rows nor compound_rows");
}

std::size_t MultiVocTokenizer::row_length(const CompoundSequence& seq, std::size_t r,
                                          std::size_t s) const {
  if (!ragged_rows()) return seq.width;
  const token_id_t* row = seq.ids.data() + r * seq.width;
  std::size_t len = 0;
  while (len < seq.width && row[len] != CompoundSequence::kAbsentSlot) ++len;
  for (std::size_t k = len; k < seq.width; ++k)
    if (row[k] != CompoundSequence::kAbsentSlot)
      throw TokenError("token id " + std::to_string(row[k]) + " at " + where(s, r, k) +
                       " follows an absent slot (id " +
                       std::to_string(CompoundSequence::kAbsentSlot) + ")");
  return len;
}

std::vector<std::vector<std::string>> MultiVocTokenizer::compound_ids_to_tokens(
    const CompoundSequence& seq) const {
  std::vector<std::vector<std::string>> rows(seq.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::size_t len = row_length(seq, r, 0);
    rows[r].reserve(len);
    for (std::size_t k = 0; k < len; ++k) {
      const token_id_t id = seq.ids[r * seq.width + k];
      if (k >= num_vocabs() || id < 0 || static_cast<std::size_t>(id) >= sub_tokens_[k].size())
        throw TokenError("token id " + std::to_string(id) + " at " + where(0, r, k) +
                         " is out of the " + class_name_ + " sub-vocabulary");
      rows[r].push_back(sub_tokens_[k][static_cast<std::size_t>(id)]);
    }
  }
  return rows;
}

CompoundSequence MultiVocTokenizer::compound_tokens_to_ids(
    const std::vector<std::vector<std::string>>& rows) const {
  CompoundSequence seq;
  seq.width = num_vocabs();
  seq.ids.reserve(rows.size() * seq.width);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != seq.width && !(ragged_rows() && rows[r].size() < seq.width))
      throw TokenError("compound token " + std::to_string(r) + " has " +
                       std::to_string(rows[r].size()) + " tokens, " + class_name_ + " expects " +
                       (ragged_rows() ? "at most " : "") + std::to_string(seq.width));
    for (std::size_t k = 0; k < rows[r].size(); ++k) {
      const token_id_t id = find_sub_id(k, rows[r][k]);
      if (id < 0)
        throw TokenError("unknown token \"" + rows[r][k] + "\" at " + where(0, r, k) +
                         ": not in the " + class_name_ + " sub-vocabulary");
      seq.ids.push_back(id);
    }
    seq.ids.resize(seq.ids.size() + seq.width - rows[r].size(), CompoundSequence::kAbsentSlot);
  }
  return seq;
}

std::vector<std::shared_ptr<const detail::IdTable>> MultiVocTokenizer::sub_id_tables() const {
  std::vector<std::shared_ptr<const detail::IdTable>> tables(sub_tokens_.size());
  for (std::size_t v = 0; v < tables.size(); ++v)
    tables[v] = sub_id_table_cache_[v].get(sub_tokens_[v].size(), [this, v] {
      return make_id_table(
          std::vector<std::string_view>(sub_tokens_[v].begin(), sub_tokens_[v].end()));
    });
  return tables;
}

Score MultiVocTokenizer::decode_compound(
    const std::vector<CompoundSequence>& sequences,
    const std::optional<std::vector<ProgramSpec>>& programs) const {
  for (std::size_t s = 0; s < sequences.size(); ++s) {
    const auto& seq = sequences[s];
    if (seq.size() > 0 && seq.width != num_vocabs())
      throw TokenError("sequence " + std::to_string(s) + " has compound tokens of " +
                       std::to_string(seq.width) + " ids, " + class_name_ + " expects " +
                       std::to_string(num_vocabs()));
    for (std::size_t r = 0; r < seq.size(); ++r) {
      const std::size_t len = row_length(seq, r, s);
      for (std::size_t k = 0; k < len; ++k) {
        const token_id_t id = seq.ids[r * seq.width + k];
        if (id < 0 || static_cast<std::size_t>(id) >= sub_tokens_[k].size())
          throw TokenError("token id " + std::to_string(id) + " at " + where(s, r, k) +
                           " is out of the " + class_name_ + " sub-vocabulary (size " +
                           std::to_string(sub_tokens_[k].size()) + ")");
      }
    }
  }
  if (config_.one_token_stream_for_programs && sequences.size() != 1)
    throw TokenError("this tokenizer decodes one token sequence (one_token_stream), received " +
                     std::to_string(sequences.size()));
  if (programs && !config_.one_token_stream_for_programs && programs->size() < sequences.size())
    throw TokenError("decode: " + std::to_string(sequences.size()) + " sequences but only " +
                     std::to_string(programs->size()) + " programs");
  return finish_decode(compound_to_score(sequences, programs));
}

Score MultiVocTokenizer::decode_compound_tokens(
    const std::vector<std::vector<std::vector<std::string>>>& sequences,
    const std::optional<std::vector<ProgramSpec>>& programs) const {
  std::vector<CompoundSequence> ids;
  ids.reserve(sequences.size());
  for (std::size_t s = 0; s < sequences.size(); ++s) {
    try {
      ids.push_back(compound_tokens_to_ids(sequences[s]));
    } catch (const TokenError& e) {
      throw TokenError("sequence " + std::to_string(s) + ": " + e.what());
    }
  }
  return decode_compound(ids, programs);
}

double MultiVocTokenizer::compound_tokens_errors(
    const std::vector<std::vector<std::string>>& rows) const {
  if (rows.empty()) return 0.0;
  CompoundTokens views;
  for (const auto& row : rows) {
    views.new_row();
    for (const auto& t : row) views.push_back(t);
  }
  return count_compound_errors(views) / static_cast<double>(rows.size());
}

std::vector<Tempo> MultiVocTokenizer::finish_tempos(std::vector<Tempo> tempos) const {
  const double def = default_tempo();
  auto tempo_of = [](double qpm) {
    return static_cast<std::int32_t>(std::round(60000000.0 / qpm));
  };
  if (tempos.empty() || (tempos[0].time != 0 && detail::py_round2(tempos[0].qpm()) != def))
    tempos.insert(tempos.begin(), Tempo{0, tempo_of(def)});
  else if (detail::py_round2(tempos[0].qpm()) == def)
    tempos[0].time = 0;
  return tempos;
}

Score MultiVocTokenizer::finish_decode(Score score) const {
  if (score.tempos.empty() || score.tempos[0].time != 0)
    score.tempos.insert(
        score.tempos.begin(),
        Tempo{0, static_cast<std::int32_t>(std::round(60000000.0 / default_tempo()))});
  if (score.time_signatures.empty() || score.time_signatures[0].time != 0)
    score.time_signatures.insert(score.time_signatures.begin(), TimeSignature{0, 4, 4});
  return score;
}

}  // namespace miditok
