// TokenizationTraits: what a tokenization is beyond its configuration, as one plain value each
// tokenization returns once (MusicTokenizer::describe_traits). The base reads it instead of flags
// set by subclasses or checks of class names; see docs/architecture.md "Customizing a
// tokenization".
#pragma once

namespace miditok {

struct TokenizationTraits {
  // ---- how its sequences are shaped ----
  /// Compound tokens: one sub-vocabulary per slot (CPWord, Octuple, MuMIDI); such a tokenizer
  /// cannot be trained with BPE, Unigram or WordPiece.
  bool multi_vocabulary = false;
  /// Compound rows of different lengths (MuMIDI): a row holds its first slots only.
  bool ragged_rows = false;
  /// One sequence whatever use_programs / one_token_stream_for_programs say (MMM concatenates
  /// its tracks).
  bool one_stream = false;

  // ---- what its tokens are ----
  /// Notes as NoteOn / NoteOff pairs (MIDILike) instead of Pitch + Duration.
  bool note_on_off = false;

  // ---- how its scores are preprocessed ----
  /// Tracks of the same program are merged in one-stream mode (BEAT keeps them apart).
  bool merge_same_program_tracks = true;
  /// Its own time grid: scores are resampled to this many ticks per quarter and keep their own
  /// time signatures (PerTok); 0: MidiTok's grid from max_num_pos_per_beat.
  int ticks_per_quarter = 0;
  /// Note and pedal durations are snapped to the Duration values; false keeps their ticks
  /// (PerTok computes its Duration values itself).
  bool quantize_durations = true;
};

}  // namespace miditok
