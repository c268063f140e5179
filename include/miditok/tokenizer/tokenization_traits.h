// TokenizationTraits: what a tokenization is beyond its configuration, as one plain value each
// tokenization returns once (MusicTokenizer::describe_traits): what of the config it supports
// and forces (applied by the base, once, with MidiTok's warnings), how its sequences are shaped
// and how its scores are preprocessed. The base reads it instead of flags set by subclasses or
// checks of class names; see docs/architecture.md "Customizing a tokenization".
#pragma once

#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "miditok/tokenizer/config.h"

namespace miditok {

/// A bool option of the config (a pointer to its field: `&TokenizerConfig::use_rests`).
using BoolOption = bool TokenizerConfig::*;

/// A value a tokenization forces on one option (an unsupported option is forced off).
struct ForcedOption {
  BoolOption option = nullptr;
  bool value = false;
  /// MidiTok's warning when the config asked for the other value ("{}" is replaced by the
  /// tokenization's class name); null: forced silently, as MidiTok does.
  const char* warning = nullptr;
};

/// MidiTok's warning when a tokenization turns control changes off ("{}": its class name).
inline constexpr const char* kControlChangesUnsupported =
    "Control changes are not supported by the {} tokenization. Disabling them.";

/// A warning MidiTok gives when two options are on together (both are kept).
struct OptionConflict {
  BoolOption first = nullptr;
  BoolOption second = nullptr;
  const char* warning = nullptr;
};

/// Which programs get Duration tokens.
enum class DurationPrograms {
  as_configured,  ///< use_note_duration_programs as given
  all_or_none,    ///< every program of `programs` as soon as one has them (MidiTok warns)
  all,            ///< every program of `programs`
};

struct TokenizationTraits {
  // ---- what it supports and forces: applied to the config by the base, in this order, before
  // anything is derived from it (src/tokenizer/forced_config.cpp) ----
  /// Combinations MidiTok warns about (CPWord: time signatures with rests).
  std::vector<OptionConflict> conflicts;
  /// Options it forces, in MidiTok's order (a later entry wins).
  std::vector<ForcedOption> forced;
  /// False: every attribute control (ac_* option) is turned off, silently.
  bool attribute_controls = true;
  /// Which programs get Duration tokens.
  DurationPrograms duration_programs = DurationPrograms::as_configured;
  /// Its own beat resolution, replacing the config's (BEAT: {(0, 1): 4}); empty: the config's.
  std::vector<BeatRange> beat_res;
  /// Special tokens appended to the config's when missing (MMM: Track_Start, Track_End).
  std::vector<std::string> special_tokens;
  /// additional_params entries set when absent: (key, JSON value), e.g. max_bar_embedding 60.
  std::vector<std::pair<std::string, std::string>> additional_defaults;

  // ---- how its sequences are shaped ----
  /// Compound tokens: one sub-vocabulary per slot (CPWord, Octuple, MuMIDI); such a tokenizer
  /// cannot be trained with BPE, Unigram or WordPiece.
  bool multi_vocabulary = false;
  /// Compound rows of different lengths (MuMIDI): a row holds its first slots only.
  bool ragged_rows = false;
  /// One sequence whatever use_programs / one_token_stream_for_programs say (MMM concatenates
  /// its tracks).
  bool one_stream = false;
  /// The token opening each part of a sequence that a trained model encodes on its own (MMM:
  /// "Track_Start"); empty: the sequence is one part.
  std::string part_start_token;

  // ---- what its tokens are ----
  /// Notes as NoteOn / NoteOff pairs (MIDILike) instead of Pitch + Duration.
  bool note_on_off = false;
  /// Its own Duration / TimeShift values (beat, pos, res), computed by configure() (PerTok's,
  /// in ticks of its own grid); empty: MidiTok's, from beat_res.
  std::vector<std::tuple<int, int, int>> durations;

  // ---- how its scores are preprocessed and clipped ----
  /// Tracks of the same program are merged in one-stream mode (BEAT keeps them apart).
  bool merge_same_program_tracks = true;
  /// Its own time grid: scores are resampled to this many ticks per quarter and keep their own
  /// time signatures (PerTok); 0: MidiTok's grid from max_num_pos_per_beat.
  int ticks_per_quarter = 0;
  /// Note and pedal durations are snapped to the Duration values; false keeps their ticks and
  /// a note's Duration token is the value nearest to them (PerTok).
  bool quantize_durations = true;
  /// Compound tokenizations: scores longer than this many bars are clipped to it before their
  /// rows are made (Octuple, MuMIDI: max_bar_embedding); 0: never.
  int max_bars = 0;
};

}  // namespace miditok
