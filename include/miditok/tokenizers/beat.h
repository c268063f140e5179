// BEAT (Beat-wise Encoding for Autoregressive Transformers): a sparse three-state piano roll
// (silence, onset, sustain) read beat by beat, four steps per beat. Each beat holds, per track
// (sorted by program, drums last), a Program block of descending pitches (the first absolute,
// then downward intervals), each with a Pattern token (four base-3 digits) and its averaged
// Velocity; Bar and Beat delimit the grid, tempos and key signatures sit on bar lines.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

class BEAT : public MusicTokenizer {
 public:
  /// A BEAT tokenizer (programs, time signatures and one token stream forced on; rests, chords,
  /// pitch intervals, pedals, pitch bends, control changes and attribute controls off).
  explicit BEAT(const TokenizerConfig& config = TokenizerConfig());
  /// A copy of this tokenizer.
  std::unique_ptr<MusicTokenizer> clone() const override;

 protected:
  TokenizationTraits describe_traits() const override;
  std::vector<std::string> create_base_vocabulary() const override;
  std::map<std::string, std::set<std::string>> create_token_types_graph() const override;
  Score ids_to_score(const std::vector<std::span<const token_id_t>>& sequences,
                     const std::optional<std::vector<ProgramSpec>>& programs) const override;
  int count_tokens_errors(const std::vector<std::string>& tokens) const override;
  /// Onsets and durations snapped to the beat's four steps.
  void preprocess_track_notes(std::vector<Note>& notes,
                              const NotePreprocessParams& params) const override;
  /// Tempos and key signatures moved to bar lines, then quantized (no re-rounding).
  void preprocess_global_events(Score& score, const ScorePreprocessParams& params,
                                std::span<const TickSection> factors) const override;
  /// The beat-wise grid of the whole score in one sequence (attribute controls are off).
  std::vector<TokSequence> encode_score(const Score& score, bool with_tokens,
                                        const AcIndexes& attribute_controls_indexes) const override;

 private:
  /// Ids of the tokens BEAT emits per note, looked up once (-1 when not in the vocabulary).
  void build_id_tables();
  /// Id of a token, throwing TokenError naming it when the vocabulary lacks it.
  token_id_t required_id(token_id_t id, std::string_view type, long long value) const;
  std::array<token_id_t, 128> pitch_id_{}, pitchdrum_id_{};
  std::array<token_id_t, 81> pattern_id_{};
  std::array<token_id_t, 129> program_id_{};  ///< index program + 1
  std::vector<std::pair<int, token_id_t>> velocity_id_;
  token_id_t bar_id_ = -1, beat_id_ = -1, rest_id_ = -1;
};

}  // namespace miditok
