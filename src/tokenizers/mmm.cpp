// MMM: configuration, composition with the base tokenizer (REMI, TSD or MIDILike), track framing
// and concatenation, per-track decoding and error count, as MidiTok's tokenizations/mmm.py.
#include "miditok/tokenizers/mmm.h"

#include <algorithm>
#include <iterator>
#include <nlohmann/json.hpp>

#include "miditok/core/error.h"
#include "miditok/tokenizers/registry.h"

namespace miditok {

namespace {

constexpr std::string_view kTrackStart = "Track_Start";
constexpr std::string_view kTrackEnd = "Track_End";

std::string base_tokenizer_name(const TokenizerConfig& config) {
  nlohmann::json ap;
  try {
    ap = nlohmann::json::parse(config.additional_params);
  } catch (const std::exception&) {
    ap = nlohmann::json::object();
  }
  if (!ap.is_object() || !ap.contains("base_tokenizer"))
    throw ConfigError(
        "MMM must be used with a `base_tokenizer`: set config.additional_params"
        "[\"base_tokenizer\"] to one of MIDILike, REMI, TSD");
  const auto& v = ap["base_tokenizer"];
  const std::string name = v.is_string() ? v.get<std::string>() : v.dump();
  if (name != "REMI" && name != "TSD" && name != "MIDILike")
    throw ConfigError(
        "config.additional_params[\"base_tokenizer\"] must be one of MIDILike, REMI, "
        "TSD, received " +
        name);
  return name;
}

}  // namespace

MMM::MMM(const TokenizerConfig& config) : MusicTokenizer("MMM", config) { initialize(); }

MMM::MMM(const MMM& other) : MusicTokenizer(other), base_(other.base_->clone()) {}

MMM& MMM::operator=(const MMM& other) {
  if (this != &other) {
    MusicTokenizer::operator=(other);
    base_ = other.base_->clone();
  }
  return *this;
}

std::unique_ptr<MusicTokenizer> MMM::clone() const { return std::make_unique<MMM>(*this); }

void MMM::configure(TokenizationTraits& traits) {
  register_builtin_tokenizers();  // MMM may be built directly, before any params file
  // keeps use_programs on: no base tokenization drops it
  base_ = MusicTokenizer::create(base_tokenizer_name(config_), config_);
  traits.note_on_off = base_->traits().note_on_off;
}

TokenizationTraits MMM::describe_traits() const {
  TokenizationTraits traits;
  traits.forced = {
      {&TokenizerConfig::use_control_changes, false, kControlChangesUnsupported},
      {&TokenizerConfig::use_programs, true},
      {&TokenizerConfig::program_changes, true},
      // Each track is treated on its own by the base tokenizer; MMM concatenates them afterwards.
      {&TokenizerConfig::one_token_stream_for_programs, false},
  };
  traits.special_tokens = {std::string(kTrackStart), std::string(kTrackEnd)};
  traits.one_stream = true;  // tracks are tokenized apart, then concatenated
  traits.part_start_token = kTrackStart;
  return traits;
}

std::vector<std::string> MMM::create_base_vocabulary() const {
  // The base's vocabulary starts with the same special tokens, which are not added twice.
  return base_->tokens();
}

std::map<std::string, std::set<std::string>> MMM::create_token_types_graph() const {
  return base_->tokens_types_graph();
}

void MMM::sort_events(std::vector<Event>& events) const { base_->sort_events(events); }

std::vector<Event> MMM::add_time_events(std::vector<Event> events, int time_division) const {
  if (events.size() < 2) return events;
  return base_->add_time_events(std::move(events), time_division);
}

std::vector<TokSequence> MMM::encode_score(const Score& score, bool with_tokens,
                                           const AcIndexes& attribute_controls_indexes) const {
  // One sequence per track (Program_p first when there are tracks, as program_changes is on),
  // each framed by Track_Start / Track_End, then concatenated.
  auto sequences = MusicTokenizer::encode_score(score, with_tokens, attribute_controls_indexes);
  if (sequences.empty()) return sequences;
  const std::size_t leading_program = score.tracks.empty() ? 0 : 1;
  const token_id_t start_id = find_id(kTrackStart), end_id = find_id(kTrackEnd);
  std::size_t total = 0;
  for (const TokSequence& seq : sequences) total += seq.events.size() + 2;
  // The tracks are moved once into one sequence sized up front (framing each track in place and
  // appending copies moved every event twice).
  TokSequence out;
  out.are_ids_encoded = sequences[0].are_ids_encoded;
  out.ticks_bars = std::move(sequences[0].ticks_bars);
  out.ticks_beats = std::move(sequences[0].ticks_beats);
  out.events.reserve(total);
  out.ids.reserve(total);
  if (with_tokens) out.tokens.reserve(total);
  for (TokSequence& seq : sequences) {
    // MidiTok fails on a sequence without any event (no track, tempo nor time signature).
    const tick_t end = seq.events.size() > leading_program ? seq.events.back().time + 1 : 0;
    out.events.push_back(Event{"Track", "Start", 0, 0, 0, start_id});
    std::move(seq.events.begin(), seq.events.end(), std::back_inserter(out.events));
    out.events.push_back(Event{"Track", "End", end, 0, 0, end_id});
    out.ids.push_back(start_id);
    out.ids.insert(out.ids.end(), seq.ids.begin(), seq.ids.end());
    out.ids.push_back(end_id);
    if (with_tokens) out.tokens.emplace_back(kTrackStart);
    std::move(seq.tokens.begin(), seq.tokens.end(), std::back_inserter(out.tokens));
    if (with_tokens) out.tokens.emplace_back(kTrackEnd);
    out.bytes += seq.bytes;
    out.ids_decoded.insert(out.ids_decoded.end(), seq.ids_decoded.begin(), seq.ids_decoded.end());
  }
  sequences.resize(1);
  sequences[0] = std::move(out);
  return sequences;
}

int MMM::count_tokens_errors(const std::vector<std::string>& tokens) const {
  int err = 0;
  std::size_t i = 0;
  while (i < tokens.size()) {
    if (tokens[i] != kTrackStart) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < tokens.size() && tokens[j] != kTrackEnd) ++j;
    // MidiTok fails on an empty track (Track_Start Track_End): it has no error here.
    if (j > i + 1)
      err += base_->count_tokens_errors(
          std::vector<std::string>(tokens.begin() + static_cast<std::ptrdiff_t>(i + 1),
                                   tokens.begin() + static_cast<std::ptrdiff_t>(j)));
    i = j;
  }
  return err;
}

}  // namespace miditok
