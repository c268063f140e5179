// MusicTokenizer::tokens_errors: the share of predicted tokens that break the token-type graph,
// repeat a note already played, or go back in time (MidiTok's tokenization error rate).
#include <algorithm>
#include <string>
#include <vector>

#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok {

double MusicTokenizer::tokens_errors(TokSequence seq) const {
  if (seq.size() == 0) return 0.0;
  double n = static_cast<double>(seq.size());
  complete_sequence(seq);
  // Attribute-control tokens are conditions, not predictions: left out (MidiTok: KeyError).
  if (!ac_tokens_.empty() &&
      std::erase_if(seq.tokens, [&](const std::string& t) { return ac_tokens_.contains(t); }) > 0)
    n = static_cast<double>(seq.tokens.size());
  if (seq.tokens.empty()) return 0.0;
  return count_tokens_errors(seq.tokens) / n;
}

int MusicTokenizer::count_tokens_errors(const std::vector<std::string>& tokens) const {
  int err_type = 0, err_time = 0, err_note = 0;
  auto split = [](const std::string& t) {
    auto p = t.find('_');
    return std::pair{t.substr(0, p), p == std::string::npos ? std::string() : t.substr(p + 1)};
  };
  std::string previous_type = split(tokens[0]).first;
  int current_pos = -1;
  int current_program = 0;
  std::map<int, std::vector<int>> current_pitches;
  std::map<int, int> prev_onset, prev_chord;
  for (int p : config_.programs) prev_onset[p] = prev_chord[p] = -128;
  std::set<std::string> note_types{"Pitch", "NoteOn", "PitchDrum"};
  if (config_.use_pitch_intervals) note_types.insert({"PitchIntervalTime", "PitchIntervalChord"});
  auto to_int = [](const std::string& s) {
    try {
      return std::stoi(s);
    } catch (const std::exception&) {
      return 0;
    }
  };
  if (note_types.count(previous_type))
    current_pitches[current_program].push_back(to_int(split(tokens[0]).second));
  else if (previous_type == "Position")
    current_pos = to_int(split(tokens[0]).second);
  for (std::size_t k = 1; k < tokens.size(); ++k) {
    auto [type, value] = split(tokens[k]);
    auto git = types_graph_.find(previous_type);
    if (git != types_graph_.end() && git->second.count(type)) {
      if (tokens[k] == "Bar_None") {
        current_pos = -1;
        current_pitches.clear();
      } else if (type == "TimeShift" || type == "Time-Shift" || type == "Rest") {
        current_pitches.clear();
      } else if (note_types.count(type)) {
        int pitch = 0;
        if (type == "Pitch" || type == "NoteOn" || type == "PitchDrum") {
          pitch = to_int(value);
          prev_onset[current_program] = prev_chord[current_program] = pitch;
        } else if (type == "PitchIntervalTime") {
          pitch = (prev_onset.count(current_program) ? prev_onset[current_program] : -128) +
                  to_int(value);
          prev_onset[current_program] = prev_chord[current_program] = pitch;
        } else {
          pitch = (prev_chord.count(current_program) ? prev_chord[current_program] : -128) +
                  to_int(value);
          prev_chord[current_program] = pitch;
        }
        auto& cp = current_pitches[current_program];
        if (config_.remove_duplicated_notes && std::find(cp.begin(), cp.end(), pitch) != cp.end())
          ++err_note;
        else
          cp.push_back(pitch);
      } else if (type == "Position") {
        int pos = to_int(value);
        // tokens[ti - 1] in MidiTok, with ti indexing tokens[1:] (i.e. two tokens back).
        bool ts_after_rest = previous_type == "TimeSig" && k >= 2 &&
                             split(tokens[k >= 2 ? k - 2 : 0]).first == "Rest";
        if (k < 2 && previous_type == "TimeSig")  // tokens[-1] in Python
          ts_after_rest = split(tokens.back()).first == "Rest";
        if (pos <= current_pos && previous_type != "Rest" && !ts_after_rest) ++err_time;
        current_pos = pos;
        current_pitches.clear();
      } else if (type == "Program") {
        current_program = to_int(value);
      }
    } else {
      ++err_type;
    }
    previous_type = type;
  }
  return err_type + err_time + err_note;
}

}  // namespace miditok
