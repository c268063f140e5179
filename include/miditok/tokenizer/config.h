// TokenizerConfig: every parameter of MidiTok 3.1.0's TokenizerConfig, with its defaults, its
// validation (ConfigError naming the parameter and the allowed range) and its JSON form (the
// `config` dict of MidiTok's tokenizer.json). Python-style sets are kept in CPython's iteration
// order so that vocabularies built from them get MidiTok's ids.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace miditok {

/// A beat range and its resolution: {(start, end): res} of MidiTok's beat_res dicts, in order.
struct BeatRange {
  int start = 0;
  int end = 0;
  int res = 0;
  bool operator==(const BeatRange&) const = default;
};

/// A JSON number that remembers whether it was written as an integer (1) or a float (1.0).
struct Number {
  double value = 0.0;
  bool is_int = true;
  Number() = default;
  Number(int v) : value(v), is_int(true) {}      // NOLINT(google-explicit-constructor)
  Number(double v) : value(v), is_int(false) {}  // NOLINT(google-explicit-constructor)
  bool operator==(const Number& o) const { return value == o.value; }
};

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

/// Orders ints as CPython iterates `set(values)` (insertion into a hash table, int hashes).
std::vector<int> python_set_order(const std::vector<int>& values);

/// The configuration of a tokenizer, as MidiTok's TokenizerConfig.
struct TokenizerConfig {
  std::pair<int, int> pitch_range{21, 109};
  std::vector<BeatRange> beat_res{{0, 4, 8}, {4, 12, 4}};
  int num_velocities = 32;
  std::vector<std::string> special_tokens{"PAD_None", "BOS_None", "EOS_None", "MASK_None"};
  std::string encode_ids_split = "bar";
  bool use_velocities = true;
  std::vector<int> use_note_duration_programs;  ///< a set, in CPython iteration order
  bool use_chords = false;
  bool use_rests = false;
  bool use_tempos = false;
  bool use_time_signatures = true;
  bool use_key_signatures = false;
  bool use_sustain_pedals = false;
  bool use_pitch_bends = false;
  bool use_control_changes = false;
  std::vector<int> control_change_numbers;  ///< a set, in CPython iteration order
  int control_change_n_bins = 32;
  bool use_programs = false;
  bool use_pitch_intervals = false;
  bool use_pitchdrum_tokens = true;
  Number default_note_duration{0.5};
  std::vector<BeatRange> beat_res_rest{{0, 1, 8}, {1, 2, 4}, {2, 12, 2}};
  std::vector<std::pair<std::string, std::vector<int>>> chord_maps;
  bool chord_tokens_with_root_note = false;
  std::optional<std::pair<int, int>> chord_unknown;
  int num_tempos = 32;
  std::pair<Number, Number> tempo_range{Number(40), Number(250)};
  bool log_tempos = false;
  bool remove_duplicated_notes = false;
  bool delete_equal_successive_tempo_changes = false;
  std::vector<std::pair<int, std::vector<int>>> time_signature_range;
  bool delete_equal_successive_time_sig_changes = false;
  bool sustain_pedal_duration = false;
  std::vector<int> pitch_bend_range{-8192, 8191, 32};
  std::vector<int> programs;  ///< a set, in CPython iteration order
  bool one_token_stream_for_programs = true;
  bool program_changes = false;
  int max_pitch_interval = 16;
  Number pitch_intervals_max_time_dist{1};
  std::pair<int, int> drums_pitch_range{27, 88};
  bool ac_polyphony_track = false;
  bool ac_polyphony_bar = false;
  int ac_polyphony_min = 1;
  int ac_polyphony_max = 6;
  bool ac_pitch_class_bar = false;
  bool ac_note_density_track = false;
  int ac_note_density_track_min = 0;
  int ac_note_density_track_max = 18;
  bool ac_note_density_bar = false;
  int ac_note_density_bar_max = 18;
  bool ac_note_duration_bar = false;
  bool ac_note_duration_track = false;
  bool ac_repetition_track = false;
  int ac_repetition_track_num_bins = 10;
  int ac_repetition_track_num_consec_bars = 4;
  /// Extra keyword arguments (max_bar_embedding, use_bar_end_tokens, ...), as a JSON object.
  std::string additional_params = "{}";

  /// A config holding MidiTok's defaults (sets filled, chord maps, TS range).
  TokenizerConfig();

  /// Applies MidiTok's constructor logic: validation, special-token normalisation, effective
  /// flags (one_token_stream_for_programs, program_changes, rests, sustain_pedal_duration).
  void finalize();
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
  /// Builds a config from MidiTok's serialised dict (JSON object text), as from_dict does.
  /// Sets are re-ordered as CPython's set(list) unless `sets_in_order`.
  static TokenizerConfig from_json(const std::string& json, bool sets_in_order = false);

  bool operator==(const TokenizerConfig&) const;
};

/// Normalises a special token as MidiTok does: "PAD" -> "PAD_None", "A_B_C" -> "A-B_C".
std::string format_special_token(const std::string& token);

/// Python's repr of a float (shortest round trip, "40.0", "1e-05").
std::string python_float_repr(double value);

}  // namespace miditok
