// MusicTokenizer: the base of every tokenization. A non-virtual public API (encode, decode,
// preprocess_score, save, vocabulary access) over one customization interface: a traits value
// (TokenizationTraits) and hooks with defaults, of which a tokenization overrides what it changes
// (docs/architecture.md lists them). A registry maps MidiTok's class names to factories so params
// files load without switching over types; tests register their own.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "miditok/attribute_controls/attribute_controls.h"
#include "miditok/preprocess/pipeline.h"
#include "miditok/score/score.h"
#include "miditok/tokenizer/config.h"
#include "miditok/tokenizer/id_table_cache.h"
#include "miditok/tokenizer/tok_sequence.h"
#include "miditok/tokenizer/tokenization_traits.h"

namespace miditok {

class HfTokenizer;

/// A Duration/TimeShift/Rest value: (beats, positions, resolution).
using TimeTuple = std::tuple<int, int, int>;

/// Ticks-per-beat sections: (end tick, ticks per beat), as MidiTok's (N, 2) arrays.
using TpbSections = std::vector<std::pair<tick_t, tick_t>>;

/// Transparent string hash, so the vocabulary is searched with string_views.
struct TokenHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

/// A (program, is_drum) pair used to name the tracks of decoded per-track sequences.
using ProgramSpec = std::pair<int, bool>;

class MusicTokenizer {
 public:
  virtual ~MusicTokenizer() = default;
  MusicTokenizer(const MusicTokenizer&) = default;
  MusicTokenizer& operator=(const MusicTokenizer&) = default;

  /// MidiTok's class name of this tokenization ("REMI", ...).
  const std::string& class_name() const { return class_name_; }
  /// The configuration (after the tokenization's tweaks).
  const TokenizerConfig& config() const { return config_; }

  // ---- vocabulary ----
  /// Number of base tokens (the model's vocabulary size once trained).
  std::size_t vocab_size() const { return id_to_token_.size(); }
  /// Every base token string, indexed by id.
  const std::vector<std::string>& tokens() const { return id_to_token_; }
  /// Id of a token string; throws TokenError naming the token when unknown.
  token_id_t token_to_id(const std::string& token) const;
  /// Token string of an id; throws TokenError when out of the vocabulary.
  const std::string& id_to_token(token_id_t id) const;
  /// True when the token string is in the vocabulary.
  bool has_token(std::string_view token) const { return vocab_.find(token) != vocab_.end(); }
  /// Adds a token at the next id; special tokens are normalised first. Its byte is chr(id + 33)
  /// unless `byte` gives another (MidiTok's byte_: a Unigram training gives each
  /// "<special>-unigram" token unigram_byte(token)).
  void add_to_vocab(const std::string& token, bool special_token = false,
                    const std::u32string& byte = {});
  /// The byte string of a base id: chr(id + 33), or the one add_to_vocab was given.
  std::u32string byte_of(token_id_t id) const;
  /// The ids whose byte string is not chr(id + 33), with it.
  const std::map<token_id_t, std::u32string>& custom_bytes() const { return custom_bytes_; }
  /// MidiTok's byte of a Unigram training's "<special>-unigram" token: "!" + the byte of
  /// <special> + "!"; empty when the token has no such form or <special> is not in the vocab.
  std::u32string unigram_byte(std::string_view token) const;
  /// The byte (code point) of each base id, chr(id + 33) unless loaded otherwise.
  const std::vector<char32_t>& id_to_byte() const { return id_to_byte_; }
  /// Ids of every token of a type ("Pitch", ...), in id order.
  std::vector<token_id_t> token_ids_of_type(const std::string& type) const;
  /// The special tokens ("PAD_None", ...).
  const std::vector<std::string>& special_tokens() const { return config_.special_tokens; }
  /// Id of PAD_None.
  token_id_t pad_token_id() const { return token_to_id("PAD_None"); }
  /// Token-type successions allowed by tokens_errors.
  const std::map<std::string, std::set<std::string>>& tokens_types_graph() const {
    return types_graph_;
  }

  // ---- derived values ----
  /// True when every track goes into one sequence (programs + one_token_stream_for_programs).
  bool one_token_stream() const { return one_token_stream_; }
  /// Ticks per quarter of decoded scores (ticks per beat for denominator 4).
  int time_division() const { return time_division_; }
  /// Ticks per beat per time-signature denominator.
  const std::map<int, int>& tpb_per_ts() const { return tpb_per_ts_; }
  /// Supported time signatures (numerator, denominator).
  const std::vector<std::pair<int, int>>& time_signatures() const { return time_signatures_; }
  /// Duration values (beat, pos, res).
  const std::vector<TimeTuple>& durations() const { return durations_; }
  /// Rest values (beat, pos, res).
  const std::vector<TimeTuple>& rests() const { return rests_; }
  /// Velocity bins.
  const std::vector<int>& velocities() const { return velocities_; }
  /// Tempo bins (qpm, rounded to 2 decimals).
  const std::vector<double>& tempos() const { return tempos_; }
  /// The tempo bin closest to 120 (120 when tempos are off).
  double default_tempo() const { return default_tempo_; }
  /// Pitch-bend bins.
  const std::vector<int>& pitch_bends() const { return pitch_bends_; }
  /// Resolution of the beat range starting at 0 (MidiTok's _first_beat_res, used by chords).
  int first_beat_res() const { return first_beat_res_; }
  /// Control-change value bins per control number.
  const std::vector<std::pair<int, std::vector<int>>>& control_change_values() const {
    return cc_values_;
  }

  // ---- attribute controls ----
  /// The attribute controls of the tokenizer (from the ac_* parameters, then any added).
  const std::vector<AttributeControlPtr>& attribute_controls() const { return attribute_controls_; }
  /// Adds an attribute control; its tokens missing from the vocabulary are appended to it.
  void add_attribute_control(AttributeControlPtr attribute_control);

  // ---- the workflow ----
  /// Preprocesses a score as MidiTok does before tokenizing (not in place).
  Score preprocess_score(const Score& score) const;
  /// Tokenizes a score: one sequence when one_token_stream(), else one per track. Without
  /// `with_tokens` only ids and events are filled (faster; tokens follow from the ids).
  /// `attribute_controls_indexes` gives the controls to compute per track (and their bars).
  /// When trained and `encode_ids`, the ids are the model's (tokens stay the base tokens).
  std::vector<TokSequence> encode(const Score& score, bool no_preprocess_score = false,
                                  bool with_tokens = true,
                                  const AcIndexes& attribute_controls_indexes = {},
                                  bool encode_ids = true) const;
  /// Decodes sequences (tokens, base ids, or the trained model's ids) into a score at
  /// time_division() ticks per quarter.
  Score decode(std::vector<TokSequence> sequences,
               const std::optional<std::vector<ProgramSpec>>& programs = std::nullopt) const;
  // ---- the trained model (BPE / Unigram / WordPiece, MidiTok's `_model`) ----
  /// The trained model, null when the tokenizer is not trained.
  const HfTokenizer* model() const { return model_.get(); }
  /// The trained model as shared with this tokenizer's copies (null when not trained).
  const std::shared_ptr<const HfTokenizer>& shared_model() const { return model_; }
  /// True when a trained model is attached (encode gives its ids, decode expands them).
  bool is_trained() const { return model_ != nullptr; }
  /// Attaches a trained model, or detaches it with nullptr (copies of the tokenizer share it).
  void set_model(std::shared_ptr<const HfTokenizer> model) { model_ = std::move(model); }
  /// Encodes the base ids of sequences with the trained model, in place (MidiTok's
  /// encode_token_ids; sequences already encoded are left alone; no-op when not trained).
  void encode_token_ids(std::vector<TokSequence>& sequences) const;
  /// Decodes model ids back to base ids and tokens, in place (MidiTok's decode_token_ids).
  /// Sequences not flagged are_ids_encoded are decoded when they hold an id beyond the base
  /// vocabulary (as MidiTok's _are_ids_encoded); no-op when not trained.
  void decode_token_ids(TokSequence& sequence) const;
  /// Number of ids the tokenizer produces: the model's vocabulary once trained, else vocab_size().
  std::size_t model_vocab_size() const;

  /// Fills the empty tokens / ids of a sequence from its events, ids, tokens or bytes.
  void complete_sequence(TokSequence& seq, bool complete_bytes = false) const;
  /// Ratio of type-succession, time and duplicated-note errors of a sequence.
  double tokens_errors(TokSequence seq) const;
  /// True when the score holds a time signature the vocabulary lacks.
  bool score_has_time_signatures_not_in_vocab(const Score& score) const;
  /// Index where each part a trained model encodes on its own starts: each
  /// traits().part_start_token (MMM: each track), else {0}.
  std::vector<std::size_t> track_starts(const TokSequence& seq) const;
  /// What this tokenization is beyond its config (sequence shape, tokens, preprocessing).
  const TokenizationTraits& traits() const { return traits_; }

  // ---- the stages of the pipeline (hooks a tokenization overrides; see docs/architecture.md) --
  // Public so a tokenization can compose another through them (MMM runs its base's per track).
  /// Orders a track's (or the one stream's) events before the time events: stable by time.
  virtual void sort_events(std::vector<Event>& events) const;
  /// Inserts the time events (Bar, Position, TimeShift...) into time-sorted events; default:
  /// none (the tokenization has no time tokens or builds them in encode_score).
  virtual std::vector<Event> add_time_events(std::vector<Event> events, int time_division) const {
    (void)time_division;
    return events;
  }
  /// sort_events then add_time_events (score_to_tokens' path when nothing comes between them). A
  /// tokenization whose sort_events is the stable sort by time may read its events in that order
  /// instead of reordering them first (REMI); the result must be the same.
  virtual std::vector<Event> sort_and_add_time_events(std::vector<Event> events,
                                                      int time_division) const {
    sort_events(events);
    return add_time_events(std::move(events), time_division);
  }
  /// Ids (of the base vocabulary, checked in range) to a Score; decode's path. A tokenization
  /// overrides this one (reading ids through id_table()) or tokens_to_score, one at least. Default:
  /// the ids as token views through tokens_to_score.
  virtual Score ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                             const std::optional<std::vector<ProgramSpec>>& programs) const;
  /// Tokens views (into the sequences or the vocabulary) to a Score. Default: the views as ids
  /// (unknown tokens as id_table()'s unknown id) through ids_to_score.
  virtual Score tokens_to_score(const std::vector<std::vector<std::string_view>>& sequences,
                                const std::optional<std::vector<ProgramSpec>>& programs) const;
  /// Number of erroneous tokens of a sequence (default: type successions of the types graph,
  /// times going back and duplicated notes).
  virtual int count_tokens_errors(const std::vector<std::string>& tokens) const;

  // ---- params files ----
  /// MidiTok's tokenizer.json document (config, tokenization, versions; once trained also
  /// `_vocab_base`, `_model` and `_vocab_base_byte_to_token`).
  std::string to_json(int indent = 4) const;
  /// Writes to_json() to a file, or to dir/filename when out_path is a directory or has no dot.
  void save(const std::string& out_path, const std::string& filename = "tokenizer.json") const;
  /// Builds the tokenizer a tokenizer.json document describes (needs the class registered),
  /// with its trained model when the document has one.
  static std::unique_ptr<MusicTokenizer> from_json(const std::string& json);
  /// Loads a params file.
  static std::unique_ptr<MusicTokenizer> load(const std::string& path);
  /// Builds a tokenizer by registered MidiTok class name; ConfigError for unknown names.
  static std::unique_ptr<MusicTokenizer> create(const std::string& class_name,
                                                const TokenizerConfig& config);
  /// Registers a tokenization class name (the built-ins: register_builtin_tokenizers()).
  static void register_class(
      const std::string& class_name,
      std::function<std::unique_ptr<MusicTokenizer>(const TokenizerConfig&)> factory);
  /// A copy of this tokenizer.
  virtual std::unique_ptr<MusicTokenizer> clone() const = 0;
  /// Same vocabulary, byte map and config.
  bool operator==(const MusicTokenizer& other) const;

  // ---- helpers shared with the tokenizations and tests ----
  /// Ticks of a (beat, pos, res) value at a ticks-per-beat.
  static tick_t time_token_to_ticks(const TimeTuple& t, int ticks_per_beat);
  /// Greedy decomposition of a duration into Rest/TimeShift values and their ticks.
  std::pair<std::vector<TimeTuple>, std::vector<tick_t>> time_ticks_to_tokens(tick_t duration,
                                                                              int ticks_per_beat,
                                                                              bool rest) const;
  /// "beat.pos.res".
  static std::string time_tuple_str(const TimeTuple& t);

 protected:
  MusicTokenizer(std::string class_name, TokenizerConfig config);
  /// Finishes construction; subclasses call it at the end of their constructor.
  void initialize();

  // ---- hooks: each has a default but the vocabulary and types graph (see docs/architecture.md)
  /// The tokenization's traits, read once at the start of initialize(); their config part is
  /// then applied to the config (see tokenization_traits.h).
  virtual TokenizationTraits describe_traits() const { return {}; }
  /// Reads the tokenization's own parameters from the forced config (additional_params) and
  /// completes the traits computed from them (PerTok's grid, MMM's base, max_bars); runs before
  /// anything is derived from the config. Default: nothing.
  virtual void configure(TokenizationTraits& traits) { (void)traits; }
  virtual std::vector<std::string> create_base_vocabulary() const = 0;
  virtual std::map<std::string, std::set<std::string>> create_token_types_graph() const = 0;
  /// Preprocessing step 5 on the notes of a track (default: preprocess_notes).
  virtual void preprocess_track_notes(std::vector<Note>& notes,
                                      const NotePreprocessParams& params) const;
  /// Preprocessing step 6, tempos and key signatures (default: quantized, re-rounded with
  /// `factors`).
  virtual void preprocess_global_events(Score& score, const ScorePreprocessParams& params,
                                        std::span<const TickSection> factors) const;
  /// Sequences of a preprocessed score (default: global and track events, sort_events,
  /// add_time_events, then ids; BEAT builds its own; MMM frames and joins its base's).
  virtual std::vector<TokSequence> encode_score(const Score& score, bool with_tokens,
                                                const AcIndexes& attribute_controls_indexes) const;
  /// Tempo, TimeSig and KeySig events of a score (MidiTok's _create_global_events).
  std::vector<Event> create_global_events(const Score& score) const;

  // building blocks for the hooks
  void add_note_tokens_to_vocab_list(std::vector<std::string>& vocab) const;
  void add_additional_tokens_to_vocab_list(std::vector<std::string>& vocab) const;
  std::vector<std::string> create_chords_tokens() const;
  int min_rest(int ticks_per_beat) const;
  /// Id of Position_i (-1 when out of the vocabulary).
  token_id_t position_id(long long i) const {
    return i >= 0 && static_cast<std::size_t>(i) < position_ids_.size()
               ? position_ids_[static_cast<std::size_t>(i)]
               : -1;
  }
  /// Id of a token string, -1 when unknown.
  token_id_t find_id(std::string_view token) const {
    auto it = vocab_.find(token);
    return it == vocab_.end() ? -1 : it->second;
  }
  std::vector<token_id_t> position_ids_;
  /// use_note_duration_programs as a lookup table indexed by program + 1.
  std::vector<bool> duration_programs_;
  /// True when `program` (-1 for drums) has Duration tokens.
  bool uses_duration(int program) const {
    return program >= -1 && program <= 127 &&
           duration_programs_[static_cast<std::size_t>(program + 1)];
  }
  /// The decode table of the current vocabulary (type, integer value, ticks per id), built on
  /// first use and again when the vocabulary has grown (src/tokenizer/id_table.h).
  std::shared_ptr<const detail::IdTable> id_table() const;
  /// A decode table of `tokens` (views that must outlive it) with this tokenizer's time values:
  /// id_table()'s, or a compound tokenizer's for a sub-vocabulary.
  std::shared_ptr<const detail::IdTable> make_id_table(
      const std::vector<std::string_view>& tokens) const;
  /// Token views to base ids for an id decoder: a token not in the vocabulary gets the table's
  /// id of an unknown token (decoded as no event).
  std::vector<std::vector<token_id_t>> ids_of_views(
      const std::vector<std::vector<std::string_view>>& sequences,
      const detail::IdTable& table) const;
  /// Ticks of a Duration value at a ticks-per-beat, -1 when unknown.
  long long tpb_tokens_to_ticks_lookup(int ticks_per_beat, std::string_view value) const;
  /// Ticks of a Rest value at a ticks-per-beat, -1 when unknown.
  long long tpb_rests_to_ticks_lookup(int ticks_per_beat, std::string_view value) const;
  /// Index in durations() of the value nearest to `ticks` on the tokenization's grid (the first
  /// on ties): a note's Duration when traits().quantize_durations is false (PerTok).
  std::size_t nearest_duration(double ticks) const;

  std::string class_name_;
  TokenizerConfig config_;

 private:
  /// The preprocessing parameters of this tokenizer's derived values.
  ScorePreprocessParams preprocess_params() const;
  std::vector<TokSequence> score_to_tokens(const Score& score, bool with_tokens,
                                           const AcIndexes& ac_indexes,
                                           std::span<const tick_t> bars_ticks,
                                           std::span<const tick_t> beats_ticks) const;
  void create_track_events(const Track& track, const TpbSections* tpb,
                           std::vector<Event>& events) const;
  void build_vocabulary();
  /// Creates the controls of the ac_* parameters (none in one-stream mode) and their tokens.
  void initialize_attribute_controls();
  /// Appends the attribute-control events of track `track_idx` (MidiTok puts them first).
  void add_attribute_control_events(const Track& track, const TrackAcIndexes& indexes,
                                    tick_t ticks_per_quarter, std::span<const tick_t> bars_ticks,
                                    std::span<const tick_t> beats_ticks,
                                    std::vector<Event>& events) const;
  void add_special_tokens_to_types_graph();

  TokenizationTraits traits_;
  bool note_on_off_ = false;  ///< traits_.note_on_off, read by the encode loops
  bool one_token_stream_ = false;
  int time_division_ = 8;
  int first_beat_res_ = 8;
  std::map<int, int> tpb_per_ts_;
  std::vector<std::pair<int, int>> time_signatures_;
  std::vector<TimeTuple> durations_;
  /// Each Duration value's ticks on the tokenization's grid, string and id (nearest_duration).
  struct GridDuration {
    double ticks = 0;
    std::string value;
    token_id_t id = -1;
  };
  std::vector<GridDuration> grid_durations_;
  std::vector<TimeTuple> rests_;
  std::map<int, std::vector<tick_t>> tpb_to_time_array_;
  std::map<int, std::vector<tick_t>> tpb_to_rest_array_;
  std::map<int, std::unordered_map<std::string, tick_t, TokenHash, std::equal_to<>>>
      tpb_tokens_to_ticks_;
  std::map<int, std::unordered_map<std::string, tick_t, TokenHash, std::equal_to<>>>
      tpb_rests_to_ticks_;
  std::map<int, std::unordered_map<tick_t, std::pair<std::string, token_id_t>>>
      tpb_ticks_to_tokens_;
  /// tpb_ticks_to_tokens_ as arrays indexed by ticks (an empty value: no Duration of those ticks),
  /// read per note by the encoder; absent for a ticks-per-beat whose durations exceed 65,536.
  struct DurationCell {
    EventValue value;
    token_id_t id = -1;
  };
  std::map<int, std::vector<DurationCell>> tpb_duration_cells_;
  std::vector<token_id_t> pitch_ids_, pitchdrum_ids_, velocity_ids_, program_ids_;
  std::vector<token_id_t> note_on_ids_, note_off_ids_, drum_on_ids_, drum_off_ids_;
  /// Pedal_ / PedalOff_ by program + 1; PitchIntervalTime_ / PitchIntervalChord_ by interval + 127.
  std::vector<token_id_t> pedal_ids_, pedal_off_ids_, interval_time_ids_, interval_chord_ids_;
  token_id_t id_or_unknown(const std::string& token) const;
  void build_fast_ids();
  std::vector<int> velocities_;
  std::vector<double> tempos_;
  std::vector<double> tempos_mspq_;
  double default_tempo_ = 120.0;
  std::vector<int> pitch_bends_;
  std::vector<std::pair<int, std::vector<int>>> cc_values_;
  std::unordered_map<std::string, token_id_t, TokenHash, std::equal_to<>> vocab_;
  std::vector<std::string> id_to_token_;
  std::vector<char32_t> id_to_byte_;
  std::map<token_id_t, std::u32string> custom_bytes_;
  std::map<std::string, std::set<std::string>> types_graph_;
  std::vector<AttributeControlPtr> attribute_controls_;
  std::shared_ptr<const HfTokenizer> model_;
  /// Each attribute-control token: its type (interned, lives forever) and its id.
  std::unordered_map<std::string, std::pair<std::string_view, token_id_t>, TokenHash,
                     std::equal_to<>>
      ac_tokens_;
  detail::IdTableCache id_table_cache_;
};

}  // namespace miditok
