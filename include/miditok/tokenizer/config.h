// TokenizerConfig: every parameter of MidiTok 3.1.0's TokenizerConfig, with its defaults, its
// validation (ConfigError naming the parameter and the allowed range) and its JSON form (the
// `config` dict of MidiTok's tokenizer.json). Python-style sets are kept in CPython's iteration
// order so that vocabularies built from them get MidiTok's ids.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "miditok/config_options.h"

namespace miditok {

/// Maxima of the values that size vocabularies and tables, checked when a tokenizer is built
/// (ConfigError): far above MidiTok's defaults and test configs, far below what would exhaust
/// memory. Documented in docs/limits.md.
namespace config_limits {
inline constexpr int kMaxBeat = 4096;                 ///< end of a beat_res / beat_res_rest range
inline constexpr int kMaxBeatResolution = 4096;       ///< samples per beat of a range
inline constexpr long long kMaxBeatResSteps = 65536;  ///< sum of (end - start) * res over ranges
inline constexpr int kMaxTableSize = 65536;  ///< num_tempos, pitch bends, bar embeddings...
inline constexpr int kMaxTimeSignatureNumerator = 255;  ///< a MIDI time signature's byte
inline constexpr int kMaxTimeSignatureDenominator = 128;
inline constexpr int kMaxTicksPerQuarter = 32767;  ///< a MIDI header's division
inline constexpr int kMaxMicrotimingBins = 1024;   ///< PerTok's num_microtiming_bins
}  // namespace config_limits

/// The configuration of a tokenizer, as MidiTok's TokenizerConfig. Its options (fields) are
/// declared in config_options.def; the attribute controls are those of AttributeControlOptions.
struct TokenizerConfig : AttributeControlOptions {
#define MIDITOK_CORE_FIELD_ac(...)
#define MIDITOK_CORE_FIELD_core(...) MIDITOK_OPTION_FIELD(__VA_ARGS__)
#define MIDITOK_CONFIG_OPTION(group, pos, name, codec_, check_, doc, ...) \
  MIDITOK_CORE_FIELD_##group(codec_, name, __VA_ARGS__)
#include "miditok/config_options.def"
#undef MIDITOK_CONFIG_OPTION
#undef MIDITOK_CORE_FIELD_core
#undef MIDITOK_CORE_FIELD_ac
  /// Extra keyword arguments (max_bar_embedding, use_bar_end_tokens, ...), as a JSON object.
  std::string additional_params = "{}";

  /// Applies MidiTok's constructor logic: the table's checks and the rules that involve several
  /// options (special-token normalisation, effective one_token_stream_for_programs,
  /// program_changes, rests, sustain_pedal_duration, legacy argument names). Returns the
  /// warnings MidiTok's constructor emits for this config, in its order.
  std::vector<std::string> finalize();
  /// ConfigError when a value that sizes a vocabulary or table exceeds config_limits.
  void check_table_sizes() const;

  /// max(beat_res values): positions per beat.
  int max_num_pos_per_beat() const;
  /// True when at least one program has note Duration tokens.
  bool using_note_duration_tokens() const { return !use_note_duration_programs.empty(); }
  /// True when `program` is in use_note_duration_programs.
  bool uses_duration(int program) const;
  /// True when `program` is in programs.
  bool has_program(int program) const;

  /// Reads an integer additional parameter; nullopt when absent or null.
  std::optional<int> additional_int(const std::string& key) const;
  /// Reads a boolean additional parameter (default when absent).
  bool additional_bool(const std::string& key, bool default_value) const;
  /// True when additional_params has `key`.
  bool has_additional(const std::string& key) const;
  /// Sets additional_params[key] to a JSON value given as text ("null", "true", "12").
  void set_additional(const std::string& key, const std::string& json_value);

  /// Serialises as MidiTok's to_dict(serialize=True), as a JSON object text.
  std::string to_json(int indent = -1) const;
  /// Builds a config from MidiTok's serialised dict (JSON object text), as from_dict does: the
  /// keys of additional_params are merged in, and keys that are not options go (back) into
  /// additional_params, as MidiTok's keyword arguments do. Sets are re-ordered as CPython's
  /// set(list) unless `sets_in_order`.
  static TokenizerConfig from_json(const std::string& json, bool sets_in_order = false);
  /// Reads a config in to_json's exact form (the Python package's channel to the core), without
  /// finalize(): sets in order, and a key that is not an option nor additional_params is a
  /// ConfigError.
  static TokenizerConfig read_exact_json(const std::string& json);
  /// read_exact_json then finalize().
  static TokenizerConfig from_exact_json(const std::string& json);

  bool operator==(const TokenizerConfig&) const;
};

/// Python's repr of a float (shortest round trip, "40.0", "1e-05").
std::string python_float_repr(double value);

}  // namespace miditok
