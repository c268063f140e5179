// MusicTokenizer construction: derived values (bins, time tables), vocabulary, token-type graph,
// sequence completion, params files and the class registry (error counting: tokens_errors.cpp).
#include "miditok/tokenizer/music_tokenizer.h"

#include <algorithm>
#include <cmath>

#include "forced_config.h"
#include "miditok/core/error.h"
#include "miditok/tokenizer/config_warnings.h"
#include "numeric.h"

namespace miditok {

namespace {

constexpr char32_t kChrIdStart = 33;

std::string token_type(const std::string& token) { return token.substr(0, token.find('_')); }

}  // namespace

MusicTokenizer::MusicTokenizer(std::string class_name, TokenizerConfig config)
    : class_name_(std::move(class_name)), config_(std::move(config)) {}

std::string MusicTokenizer::time_tuple_str(const TimeTuple& t) {
  return std::to_string(std::get<0>(t)) + "." + std::to_string(std::get<1>(t)) + "." +
         std::to_string(std::get<2>(t));
}

tick_t MusicTokenizer::time_token_to_ticks(const TimeTuple& t, int ticks_per_beat) {
  auto [beat, pos, res] = t;
  return static_cast<tick_t>((static_cast<long long>(beat) * res + pos) * ticks_per_beat / res);
}

namespace {
std::vector<TimeTuple> make_time_tuples(const std::vector<BeatRange>& ranges) {
  std::vector<TimeTuple> out;
  for (const auto& br : ranges)
    for (int beat = br.start; beat < br.end; ++beat)
      for (int pos = 0; pos < br.res; ++pos) out.emplace_back(beat, pos, br.res);
  // The last one: the lexicographically largest range key, at its end.
  const BeatRange* mx = &ranges[0];
  for (const auto& br : ranges)
    if (std::tie(br.start, br.end) > std::tie(mx->start, mx->end)) mx = &br;
  out.emplace_back(std::max(mx->start, mx->end), 0, mx->res);
  out.erase(out.begin());
  return out;
}
}  // namespace

void MusicTokenizer::initialize() {
  // What the tokenization is and forces (data), then what it computes from the forced config.
  traits_ = describe_traits();
  detail::apply_forced_config(traits_, class_name_, config_);
  configure(traits_);
  note_on_off_ = traits_.note_on_off;
  if (config_.use_control_changes && config_.use_sustain_pedals &&
      std::find(config_.control_change_numbers.begin(), config_.control_change_numbers.end(), 64) !=
          config_.control_change_numbers.end()) {
    config_warning(
        "CC64 is tokenized as a control change; disabling `use_sustain_pedals` and "
        "`sustain_pedal_duration`.");
    config_.use_sustain_pedals = false;
    config_.sustain_pedal_duration = false;
  }
  one_token_stream_ =
      traits_.one_stream || (config_.use_programs && config_.one_token_stream_for_programs);

  time_signatures_ = {{4, 4}};
  if (config_.use_time_signatures) {
    time_signatures_.clear();
    for (const auto& [den, nums] : config_.time_signature_range) {
      if (den <= 0 || (den & (den - 1)) != 0)
        throw ConfigError("time_signature_range: the denominator " + std::to_string(den) +
                          " must be a power of 2");
      for (int n : nums) time_signatures_.emplace_back(n, den);
    }
    if (time_signatures_.empty())
      throw ConfigError("time_signature_range must hold at least one time signature");
  }
  int max_denom = 0;
  for (const auto& ts : time_signatures_) max_denom = std::max(max_denom, ts.second);
  const int mnpb = config_.max_num_pos_per_beat();
  tpb_per_ts_.clear();
  for (const auto& [den, nums] : config_.time_signature_range) {
    (void)nums;
    if (den > 0) tpb_per_ts_[den] = mnpb * (max_denom / den);
  }
  if (!tpb_per_ts_.count(4))
    throw ConfigError("time_signature_range must contain the denominator 4 (received none)");
  time_division_ = tpb_per_ts_[4];

  durations_ = traits_.durations.empty() ? make_time_tuples(config_.beat_res) : traits_.durations;
  tpb_to_time_array_.clear();
  tpb_tokens_to_ticks_.clear();
  tpb_ticks_to_tokens_.clear();
  for (const auto& [den, tpb] : tpb_per_ts_) {
    (void)den;
    auto& arr = tpb_to_time_array_[tpb];
    arr.clear();
    auto& t2t = tpb_tokens_to_ticks_[tpb];
    for (const auto& d : durations_) {
      tick_t ticks = time_token_to_ticks(d, tpb);
      arr.push_back(ticks);
      t2t[time_tuple_str(d)] = ticks;
    }
    auto& inv = tpb_ticks_to_tokens_[tpb];
    inv.clear();
    for (const auto& d : durations_)
      inv[time_token_to_ticks(d, tpb)] = {time_tuple_str(d), static_cast<token_id_t>(-1)};
  }
  rests_.clear();
  if (config_.use_rests) rests_ = make_time_tuples(config_.beat_res_rest);
  tpb_to_rest_array_.clear();
  tpb_rests_to_ticks_.clear();
  for (const auto& [den, tpb] : tpb_per_ts_) {
    (void)den;
    auto& arr = tpb_to_rest_array_[tpb];
    arr.clear();
    auto& t2t = tpb_rests_to_ticks_[tpb];
    for (const auto& r : rests_) {
      arr.push_back(time_token_to_ticks(r, tpb));
      t2t[time_tuple_str(r)] = arr.back();
    }
  }

  velocities_.clear();
  if (config_.use_velocities) {
    auto v = detail::linspace(0.0, 127.0, config_.num_velocities + 1);
    for (std::size_t i = 1; i < v.size(); ++i)
      velocities_.push_back(static_cast<int>(std::floor(v[i])));
  }
  first_beat_res_ = config_.beat_res.front().res;
  for (const auto& br : config_.beat_res)
    if (br.start == 0 || br.end == 0) {
      first_beat_res_ = br.res;
      break;
    }

  tempos_ = {0.0};
  tempos_mspq_ = {0.0};
  default_tempo_ = 120.0;
  if (config_.use_tempos) {
    double lo = config_.tempo_range.first.value, hi = config_.tempo_range.second.value;
    tempos_ = config_.log_tempos ? detail::geomspace(lo, hi, config_.num_tempos)
                                 : detail::linspace(lo, hi, config_.num_tempos);
    for (double& t : tempos_) t = detail::np_round2(t);
    tempos_mspq_.clear();
    for (double t : tempos_) tempos_mspq_.push_back(60000000.0 / t);
    std::sort(tempos_mspq_.begin(), tempos_mspq_.end());
    std::size_t best = 0;
    for (std::size_t i = 1; i < tempos_.size(); ++i)
      if (std::fabs(tempos_[i] - 120.0) < std::fabs(tempos_[best] - 120.0)) best = i;
    default_tempo_ = tempos_[best];
  }
  pitch_bends_ = {0};
  if (config_.use_pitch_bends) {
    pitch_bends_.clear();
    const auto& r = config_.pitch_bend_range;
    for (double v : detail::linspace(r[0], r[1], r[2]))
      pitch_bends_.push_back(static_cast<int>(std::floor(v)));
  }
  cc_values_.clear();
  if (config_.use_control_changes) {
    static const std::set<int> kContinuous{1,  2,  4,  5,  7,  8,  10, 11, 64, 67, 71, 72,
                                           73, 74, 75, 76, 77, 78, 91, 92, 93, 94, 95};
    static const std::set<int> kSwitch{65, 66, 68, 69, 122};
    std::vector<int> cont;
    for (double v : detail::linspace(0.0, 127.0, config_.control_change_n_bins))
      cont.push_back(static_cast<int>(std::nearbyint(v)));
    std::vector<int> numbers = config_.control_change_numbers;
    std::sort(numbers.begin(), numbers.end());
    for (int n : numbers) {
      std::vector<int> values;
      if (kContinuous.count(n)) {
        values = cont;
      } else if (kSwitch.count(n)) {
        values = {0, 127};
      } else {
        for (int i = 0; i < 128; ++i) values.push_back(i);
      }
      cc_values_.emplace_back(n, std::move(values));
    }
  }
  if (vocab_.empty()) build_vocabulary();
  build_fast_ids();
  initialize_attribute_controls();
  types_graph_ = create_token_types_graph();
  add_special_tokens_to_types_graph();
}

void MusicTokenizer::build_vocabulary() {
  std::vector<std::string> base = create_base_vocabulary();
  for (const auto& tok : std::vector<std::string>(config_.special_tokens)) add_to_vocab(tok, true);
  for (const auto& tok : base) add_to_vocab(tok);
}

void MusicTokenizer::build_fast_ids() {
  duration_programs_.assign(129, false);
  for (int p : config_.use_note_duration_programs)
    if (p >= -1 && p <= 127) duration_programs_[static_cast<std::size_t>(p + 1)] = true;
  auto table = [&](const char* prefix, int lo, int hi) {
    std::vector<token_id_t> ids;
    for (int v = lo; v <= hi; ++v) ids.push_back(find_id(std::string(prefix) + std::to_string(v)));
    return ids;
  };
  pitch_ids_ = table("Pitch_", 0, 127);
  pitchdrum_ids_ = table("PitchDrum_", 0, 127);
  velocity_ids_ = table("Velocity_", 0, 127);
  program_ids_ = table("Program_", -1, 127);
  note_on_ids_ = table("NoteOn_", 0, 127);
  note_off_ids_ = table("NoteOff_", 0, 127);
  drum_on_ids_ = table("DrumOn_", 0, 127);
  drum_off_ids_ = table("DrumOff_", 0, 127);
  pedal_ids_ = table("Pedal_", -1, 127);
  pedal_off_ids_ = table("PedalOff_", -1, 127);
  interval_time_ids_ = table("PitchIntervalTime_", -127, 127);
  interval_chord_ids_ = table("PitchIntervalChord_", -127, 127);
  position_ids_.clear();
  for (int i = 0;; ++i) {
    token_id_t id = find_id("Position_" + std::to_string(i));
    if (id < 0) break;
    position_ids_.push_back(id);
  }
  tpb_duration_cells_.clear();
  for (auto& [tpb, m] : tpb_ticks_to_tokens_) {
    tick_t max_ticks = -1;
    for (auto& [ticks, tok] : m) {
      tok.second = find_id("Duration_" + tok.first);
      max_ticks = std::max(max_ticks, ticks);
    }
    if (max_ticks < 0 || max_ticks >= (1 << 16)) continue;
    auto& cells = tpb_duration_cells_[tpb];
    cells.resize(static_cast<std::size_t>(max_ticks) + 1);
    for (const auto& [ticks, tok] : m)
      if (ticks >= 0) cells[static_cast<std::size_t>(ticks)] = {EventValue(tok.first), tok.second};
  }
  grid_durations_.clear();
  const int grid = traits_.ticks_per_quarter > 0 ? traits_.ticks_per_quarter : time_division_;
  for (const auto& d : durations_) {
    GridDuration g{static_cast<double>(time_token_to_ticks(d, grid)), time_tuple_str(d), -1};
    g.id = find_id("Duration_" + g.value);
    grid_durations_.push_back(std::move(g));
  }
}

std::size_t MusicTokenizer::nearest_duration(double ticks) const {
  if (grid_durations_.empty()) throw TokenError(class_name_ + " has no Duration value");
  std::size_t best = 0;
  double best_distance = std::fabs(grid_durations_[0].ticks - ticks);
  for (std::size_t i = 1; i < grid_durations_.size(); ++i) {
    const double distance = std::fabs(grid_durations_[i].ticks - ticks);
    if (distance < best_distance) best = i, best_distance = distance;
  }
  return best;
}

void MusicTokenizer::add_to_vocab(const std::string& token, bool special_token,
                                  const std::u32string& byte) {
  std::string tok = token;
  if (special_token) {
    tok = format_special_token(token);
    if (std::find(config_.special_tokens.begin(), config_.special_tokens.end(), tok) ==
        config_.special_tokens.end())
      config_.special_tokens.push_back(tok);
  }
  if (vocab_.find(std::string_view(tok)) != vocab_.end())
    return;  // MidiTok warns and keeps the first id
  auto id = static_cast<token_id_t>(id_to_token_.size());
  vocab_.emplace(tok, id);
  id_to_token_.push_back(tok);
  id_to_byte_.push_back(static_cast<char32_t>(id) + kChrIdStart);
  if (!byte.empty() && byte != std::u32string(1, id_to_byte_.back())) custom_bytes_[id] = byte;
  if (!pitch_ids_.empty()) build_fast_ids();
}

std::u32string MusicTokenizer::byte_of(token_id_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= id_to_byte_.size())
    throw TokenError("token id " + std::to_string(id) + " is out of the vocabulary");
  if (!custom_bytes_.empty()) {
    if (auto it = custom_bytes_.find(id); it != custom_bytes_.end()) return it->second;
  }
  return std::u32string(1, id_to_byte_[static_cast<std::size_t>(id)]);
}

std::u32string MusicTokenizer::unigram_byte(std::string_view token) const {
  constexpr std::string_view kSuffix = "-unigram";
  if (!token.ends_with(kSuffix)) return {};
  const auto it = vocab_.find(token.substr(0, token.size() - kSuffix.size()));
  if (it == vocab_.end()) return {};
  return kChrIdStart + byte_of(it->second) + kChrIdStart;
}

token_id_t MusicTokenizer::token_to_id(const std::string& token) const {
  auto it = vocab_.find(std::string_view(token));
  if (it == vocab_.end())
    throw TokenError("unknown token \"" + token + "\": not in the " + class_name_ + " vocabulary");
  return it->second;
}

const std::string& MusicTokenizer::id_to_token(token_id_t id) const {
  if (id < 0 || static_cast<std::size_t>(id) >= id_to_token_.size())
    throw TokenError("token id " + std::to_string(id) + " is out of the vocabulary (size " +
                     std::to_string(id_to_token_.size()) + ")");
  return id_to_token_[static_cast<std::size_t>(id)];
}

std::vector<token_id_t> MusicTokenizer::token_ids_of_type(const std::string& type) const {
  std::vector<token_id_t> out;
  for (std::size_t i = 0; i < id_to_token_.size(); ++i)
    if (token_type(id_to_token_[i]) == type) out.push_back(static_cast<token_id_t>(i));
  return out;
}

void MusicTokenizer::add_special_tokens_to_types_graph() {
  std::set<std::string> original;
  for (const auto& [k, v] : types_graph_) original.insert(k);
  for (const auto& special : config_.special_tokens) {
    std::string type = token_type(special);
    if (type == "EOS") {
      types_graph_["EOS"] = {};
    } else {
      std::set<std::string> s = original;
      for (const auto& sp : config_.special_tokens) s.insert(sp);
      types_graph_[type] = s;
    }
    if (type != "BOS")
      for (const auto& t : original) types_graph_[t].insert(type);
  }
}

int MusicTokenizer::min_rest(int ticks_per_beat) const {
  if (!config_.use_rests) return 0;
  const auto& arr = tpb_to_rest_array_.at(ticks_per_beat);
  return arr.empty() ? 0 : arr[0];
}

long long MusicTokenizer::tpb_tokens_to_ticks_lookup(int ticks_per_beat,
                                                     std::string_view value) const {
  auto it = tpb_tokens_to_ticks_.find(ticks_per_beat);
  if (it == tpb_tokens_to_ticks_.end()) return -1;
  auto jt = it->second.find(value);
  return jt == it->second.end() ? -1 : jt->second;
}

long long MusicTokenizer::tpb_rests_to_ticks_lookup(int ticks_per_beat,
                                                    std::string_view value) const {
  auto it = tpb_rests_to_ticks_.find(ticks_per_beat);
  if (it == tpb_rests_to_ticks_.end()) return -1;
  auto jt = it->second.find(value);
  return jt == it->second.end() ? -1 : jt->second;
}

std::pair<std::vector<TimeTuple>, std::vector<tick_t>> MusicTokenizer::time_ticks_to_tokens(
    tick_t duration, int ticks_per_beat, bool rest) const {
  const auto& bins =
      rest ? tpb_to_rest_array_.at(ticks_per_beat) : tpb_to_time_array_.at(ticks_per_beat);
  const auto& values = rest ? rests_ : durations_;
  std::pair<std::vector<TimeTuple>, std::vector<tick_t>> out;
  if (bins.empty()) return out;
  const tick_t min_time = bins[0];
  while (duration >= min_time) {
    std::size_t index = 0;
    for (std::size_t i = 0; i < bins.size(); ++i)
      if (bins[i] - duration <= 0) index = i;
    out.first.push_back(values[index]);
    duration -= bins[index];
    out.second.push_back(bins[index]);
    if (bins[index] <= 0) break;  // a zero bin would loop forever
  }
  return out;
}

void MusicTokenizer::complete_sequence(TokSequence& seq, bool complete_bytes) const {
  if (seq.tokens.empty()) {
    if (!seq.events.empty()) {
      seq.tokens.reserve(seq.events.size());
      for (const auto& e : seq.events) seq.tokens.push_back(e.str());
    } else if (!seq.ids.empty()) {
      seq.tokens.reserve(seq.ids.size());
      for (auto id : seq.ids) seq.tokens.push_back(id_to_token(id));
    } else if (!seq.bytes.empty()) {
      std::unordered_map<char32_t, token_id_t> byte_to_id;
      for (std::size_t i = 0; i < id_to_byte_.size(); ++i)
        byte_to_id[id_to_byte_[i]] = static_cast<token_id_t>(i);
      for (char32_t b : seq.bytes) {
        auto it = byte_to_id.find(b);
        if (it == byte_to_id.end()) throw TokenError("unknown token byte in the sequence");
        seq.tokens.push_back(id_to_token_[static_cast<std::size_t>(it->second)]);
      }
    }
  }
  if (seq.ids.empty()) {
    seq.ids.reserve(seq.tokens.size());
    for (const auto& t : seq.tokens) seq.ids.push_back(token_to_id(t));
  }
  if (complete_bytes && seq.bytes.empty()) {
    for (auto id : seq.ids) {
      if (id < 0 || static_cast<std::size_t>(id) >= id_to_byte_.size())
        throw TokenError("token id " + std::to_string(id) + " is out of the vocabulary");
      if (custom_bytes_.empty()) {
        seq.bytes += id_to_byte_[static_cast<std::size_t>(id)];
      } else {
        seq.bytes += byte_of(id);
      }
    }
  }
}

bool MusicTokenizer::score_has_time_signatures_not_in_vocab(const Score& score) const {
  if (!config_.use_time_signatures) return false;
  for (const auto& ts : score.time_signatures)
    if (std::find(time_signatures_.begin(), time_signatures_.end(),
                  std::pair<int, int>{ts.numerator, ts.denominator}) == time_signatures_.end())
      return true;
  return false;
}

bool MusicTokenizer::operator==(const MusicTokenizer& other) const {
  return class_name_ == other.class_name_ && id_to_token_ == other.id_to_token_ &&
         id_to_byte_ == other.id_to_byte_ && custom_bytes_ == other.custom_bytes_ &&
         config_ == other.config_;
}

}  // namespace miditok
