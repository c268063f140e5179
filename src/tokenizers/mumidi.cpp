// MuMIDI: forced configuration, sub-vocabularies, token-type graph, the events of a score (its
// notes and chords by time then track, with the tempo changes) and their ragged compound rows
// (bar, position and program rows, positional encodings), as MidiTok's tokenizations/mumidi.py.
#include "miditok/tokenizers/mumidi.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>

#include "../tokenizer/numeric.h"
#include "../tokenizer/score_helpers.h"
#include "miditok/core/error.h"

namespace miditok {

namespace {

/// Ids of "<type>_0" ... "<type>_127" (-1 where absent).
template <class Find>
std::vector<token_id_t> ids_0_127(const std::string& type, Find&& find) {
  std::vector<token_id_t> ids(128, -1);
  for (int v = 0; v < 128; ++v) ids[static_cast<std::size_t>(v)] = find(type + std::to_string(v));
  return ids;
}

/// The pitch / velocity byte of a note as a table index.
std::size_t index_of(std::int8_t v) {
  return static_cast<std::size_t>(static_cast<std::uint8_t>(v) & 127);
}

}  // namespace

MuMIDI::MuMIDI(const TokenizerConfig& config) : MultiVocTokenizer("MuMIDI", config) {
  initialize();
  const auto& idx = vocab_types_idx();
  auto in_slot = [&](std::size_t slot) {
    return [this, slot](const std::string& tok) { return find_sub_id(slot, tok); };
  };
  pitch_ids_ = ids_0_127("Pitch_", in_slot(0));
  drum_ids_ = ids_0_127("PitchDrum_", in_slot(0));
  if (config_.use_velocities) velocity_ids_ = ids_0_127("Velocity_", in_slot(idx.at("Velocity")));
  if (config_.using_note_duration_tokens())
    for (const auto& d : durations()) {  // MidiTok's ticks -> token table: the last value wins
      const tick_t ticks = time_token_to_ticks(d, time_division());
      const token_id_t id = find_sub_id(idx.at("Duration"), "Duration_" + time_tuple_str(d));
      if (ticks >= 0 && ticks < kDenseDurationTicks) {
        if (static_cast<std::size_t>(ticks) >= duration_ids_.size())
          duration_ids_.resize(static_cast<std::size_t>(ticks) + 1, -1);
        duration_ids_[static_cast<std::size_t>(ticks)] = id;
        continue;
      }
      auto it = std::lower_bound(long_duration_ids_.begin(), long_duration_ids_.end(),
                                 std::pair<tick_t, token_id_t>{ticks, -1});
      if (it != long_duration_ids_.end() && it->first == ticks)
        it->second = id;
      else
        long_duration_ids_.insert(it, {ticks, id});
    }
  program_ids_.assign(129, -1);
  for (int p = -1; p < 128; ++p)
    program_ids_[static_cast<std::size_t>(p + 1)] = find_sub_id(0, "Program_" + std::to_string(p));
  pos_ids_ = numbered_ids(0, "Position");
  bar_enc_ids_ = numbered_ids(1, "BarPosEnc");
  pos_enc_ids_ = numbered_ids(2, "PositionPosEnc");
  bar_id_ = find_sub_id(0, "Bar_None");
  pos_enc_none_id_ = find_sub_id(2, "PositionPosEnc_None");
}

token_id_t MuMIDI::duration_id(tick_t ticks) const {
  if (ticks >= 0 && static_cast<std::size_t>(ticks) < duration_ids_.size())
    return duration_ids_[static_cast<std::size_t>(ticks)];
  auto it = std::lower_bound(long_duration_ids_.begin(), long_duration_ids_.end(),
                             std::pair<tick_t, token_id_t>{ticks, -1});
  return it != long_duration_ids_.end() && it->first == ticks ? it->second : -1;
}

std::unique_ptr<MusicTokenizer> MuMIDI::clone() const { return std::make_unique<MuMIDI>(*this); }

TokenizationTraits MuMIDI::describe_traits() const {
  TokenizationTraits traits = MultiVocTokenizer::describe_traits();
  traits.forced.insert(traits.forced.begin(), {{&TokenizerConfig::use_rests, false},
                                               {&TokenizerConfig::use_time_signatures, false}});
  traits.forced.insert(traits.forced.end(),
                       {{&TokenizerConfig::use_programs, true},
                        {&TokenizerConfig::one_token_stream_for_programs, true},
                        // as MidiTok does, although MuMIDI never emits intervals
                        {&TokenizerConfig::use_pitch_intervals, true}});
  traits.additional_defaults = {{"max_bar_embedding", "60"}};
  traits.ragged_rows = true;
  return traits;
}

void MuMIDI::configure(TokenizationTraits& traits) {
  max_bar_embedding_ = max_bar_embedding_param();
  traits.max_bars = max_bar_embedding_;  // longer scores are clipped
}

std::map<std::string, std::set<std::string>> MuMIDI::create_token_types_graph() const {
  std::map<std::string, std::set<std::string>> g{
      {"Bar", {"Bar", "Position"}},
      {"Position", {"Program"}},
      {"Program", {"Pitch", "PitchDrum"}},
      {"Pitch", {"Pitch", "Program", "Bar", "Position"}},
      {"PitchDrum", {"PitchDrum", "Program", "Bar", "Position"}},
  };
  if (config_.use_chords) {
    g["Program"].insert("Chord");
    g["Chord"] = {"Pitch"};
  }
  return g;
}

std::map<std::string, std::size_t> MuMIDI::create_vocab_types_idx() const {
  // Slot indexes counted from the start (MidiTok counts Tempo, Velocity and Duration from the end
  // of a note row: the Python class reports its negative indexes).
  std::map<std::string, std::size_t> idx{{"Pitch", 0},         {"PitchDrum", 0}, {"Position", 0},
                                         {"Bar", 0},           {"Program", 0},   {"BarPosEnc", 1},
                                         {"PositionPosEnc", 2}};
  std::size_t next = 3;
  if (config_.use_chords) idx["Chord"] = 0;
  if (config_.use_tempos) idx["Tempo"] = next++;
  if (config_.use_velocities) idx["Velocity"] = next++;
  if (config_.using_note_duration_tokens()) idx["Duration"] = next;
  return idx;
}

std::vector<std::vector<std::string>> MuMIDI::create_sub_vocabularies() const {
  std::vector<std::vector<std::string>> v(3);
  for (int p = config_.pitch_range.first; p <= config_.pitch_range.second; ++p)
    v[0].push_back("Pitch_" + std::to_string(p));
  for (int p = config_.drums_pitch_range.first; p <= config_.drums_pitch_range.second; ++p)
    v[0].push_back("PitchDrum_" + std::to_string(p));
  v[0].emplace_back("Bar_None");
  int max_beats = 0;
  for (const auto& ts : time_signatures()) max_beats = std::max(max_beats, ts.first);
  const int num_positions = config_.max_num_pos_per_beat() * max_beats;
  for (int i = 0; i < num_positions; ++i) v[0].push_back("Position_" + std::to_string(i));
  for (int p : config_.programs) v[0].push_back("Program_" + std::to_string(p));
  for (int i = 0; i < max_bar_embedding_; ++i) v[1].push_back("BarPosEnc_" + std::to_string(i));
  v[2].emplace_back("PositionPosEnc_None");  // the position of Bar tokens
  for (int i = 0; i < num_positions; ++i) v[2].push_back("PositionPosEnc_" + std::to_string(i));
  if (config_.use_chords)
    for (auto& chord : create_chords_tokens()) v[0].push_back(std::move(chord));
  if (config_.use_tempos) {
    auto& tempo = v.emplace_back();
    for (double t : tempos()) tempo.push_back("Tempo_" + python_float_repr(t));
  }
  if (config_.use_velocities) {
    auto& vel = v.emplace_back();
    for (int x : velocities()) vel.push_back("Velocity_" + std::to_string(x));
  }
  if (config_.using_note_duration_tokens()) {
    auto& dur = v.emplace_back();
    for (const auto& d : durations()) dur.push_back("Duration_" + time_tuple_str(d));
  }
  return v;
}

namespace {

/// A note or chord of a track: its onset, program (-1: drums) and slot ids.
struct Item {
  tick_t time = 0;
  int program = 0;
  token_id_t token = -1;  ///< slot 0: Pitch / PitchDrum / Chord
  token_id_t velocity = -1, duration = -1;
  bool note = true;
};

/// A track's items: [begin, end) of the items, with their program.
struct Block {
  std::size_t begin, end;
  int program;
};

/// Sorts items by (time, program), stably (the items of each block, a track's chords then its
/// notes, come in track order): a stable counting sort by time that takes the blocks in program
/// order, two passes whatever the number of tracks. The times of a clipped score lie within its
/// max_bar_embedding bars; false (items untouched) when they are negative or too spread for a
/// table of counts.
bool counting_sort(std::vector<Item>& items, std::vector<Block>& blocks) {
  tick_t max_time = 0;
  bool sorted = blocks.size() <= 1;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const tick_t t = items[i].time;
    if (t < 0) return false;
    sorted &= i == 0 || items[i - 1].time <= t;
    max_time = std::max(max_time, t);
  }
  if (sorted) return true;  // one track, its items by time (no chord)
  if (static_cast<std::size_t>(max_time) > 4 * items.size() + 4096) return false;
  std::stable_sort(blocks.begin(), blocks.end(),
                   [](const Block& a, const Block& b) { return a.program < b.program; });
  std::vector<std::uint32_t> next(static_cast<std::size_t>(max_time) + 2, 0);
  for (const Item& it : items) ++next[static_cast<std::size_t>(it.time) + 1];
  for (std::size_t t = 1; t < next.size(); ++t) next[t] += next[t - 1];
  std::vector<Item> out(items.size());
  for (const Block& block : blocks)
    for (std::size_t i = block.begin; i < block.end; ++i)
      out[next[static_cast<std::size_t>(items[i].time)]++] = items[i];
  items.swap(out);
  return true;
}

/// Stable sort of items made of sorted runs (a track's chords, its notes, the next track...):
/// adjacent runs merged pairwise, linear when sorted and O(n log runs) otherwise.
template <class Less>
void merge_sorted_runs(std::vector<Item>& items, Less less) {
  std::vector<std::size_t> bounds{0};
  for (std::size_t i = 1; i < items.size(); ++i)
    if (less(items[i], items[i - 1])) bounds.push_back(i);
  bounds.push_back(items.size());
  if (bounds.size() <= 2) return;
  std::vector<Item> buffer(items.size());
  std::vector<std::size_t> next;
  while (bounds.size() > 2) {
    next.assign(1, 0);
    std::size_t k = 0;
    for (; k + 2 < bounds.size(); k += 2) {
      const auto first = items.begin();
      std::merge(first + static_cast<std::ptrdiff_t>(bounds[k]),
                 first + static_cast<std::ptrdiff_t>(bounds[k + 1]),
                 first + static_cast<std::ptrdiff_t>(bounds[k + 1]),
                 first + static_cast<std::ptrdiff_t>(bounds[k + 2]),
                 buffer.begin() + static_cast<std::ptrdiff_t>(bounds[k]), less);
      next.push_back(bounds[k + 2]);
    }
    if (k + 1 < bounds.size()) {  // an odd run left: copied as it is
      std::copy(items.begin() + static_cast<std::ptrdiff_t>(bounds[k]),
                items.begin() + static_cast<std::ptrdiff_t>(bounds[k + 1]),
                buffer.begin() + static_cast<std::ptrdiff_t>(bounds[k]));
      next.push_back(bounds[k + 1]);
    }
    items.swap(buffer);
    bounds.swap(next);
  }
}

/// The bar of a tick and the tick within it (C++'s tick / ticks_per_bar and tick % ticks_per_bar)
/// for ticks that mostly stay in the bar of the previous one: divides only when a tick leaves it
/// (a 64-bit division per position was a fifth of score_rows).
class BarOf {
 public:
  explicit BarOf(long long ticks_per_bar) : ticks_per_bar_(ticks_per_bar) {}
  /// {bar, tick within the bar}.
  std::pair<long long, long long> operator()(long long tick) {
    if (tick >= start_ && tick < end_) return {bar_, tick - start_};
    bar_ = tick / ticks_per_bar_;
    start_ = end_ = 0;  // a negative tick's bar is not kept (the remainder is negative)
    if (tick >= 0) {
      start_ = bar_ * ticks_per_bar_;
      end_ = start_ + ticks_per_bar_;
    }
    return {bar_, tick % ticks_per_bar_};
  }

 private:
  long long ticks_per_bar_, bar_ = 0, start_ = 0, end_ = 0;
};

}  // namespace

std::vector<std::vector<token_id_t>> MuMIDI::score_rows(const Score& score) const {
  const auto& c = config_;
  const auto& idx = vocab_types_idx();
  const bool use_durations = c.using_note_duration_tokens();
  TpbSections tpb;
  if (c.use_chords) tpb = detail::score_ticks_per_beat(score);
  // The notes and chords of the tracks by time then program, stable (a track's chords before its
  // notes): MidiTok's sort by (time, track).
  std::vector<Item> items;
  std::size_t total = 0;
  for (const auto& track : score.tracks) total += track.notes.size();
  items.reserve(total);
  std::vector<Block> blocks;
  for (const auto& track : score.tracks) {
    // MidiTok tests the track's own program here, which drops drum tracks whose program number
    // is not in `programs`; a drum track is program -1, as the preprocessing tests it.
    const int program = track.is_drum ? -1 : track.program;
    if (program < -1 || program > 127 || program_ids_[static_cast<std::size_t>(program + 1)] < 0)
      continue;
    const std::size_t begin = items.size();
    if (c.use_chords && !track.is_drum && !track.notes.empty())
      for (const auto& ev :
           detail::detect_chords(track.notes, tpb, c.chord_maps, program,
                                 c.chord_tokens_with_root_note, first_beat_res(), c.chord_unknown))
        // throws, naming the token, when slot 0 lacks it
        items.push_back(Item{ev.time, program, slot_id(0, ev.str()), -1, -1, false});
    const auto& pitch_ids = track.is_drum ? drum_ids_ : pitch_ids_;
    for (const auto& note : track.notes) {
      // Filled in place: an Item built aside then copied stalls on its partial stores.
      Item& it = items.emplace_back();
      it.time = note.time;
      it.program = program;
      it.token = pitch_ids[index_of(note.pitch)];
      if (it.token < 0)
        slot_id(0, (track.is_drum ? "PitchDrum_" : "Pitch_") +
                       std::to_string(note.pitch));  // throws, naming the token
      if (c.use_velocities) {
        it.velocity = velocity_ids_[index_of(note.velocity)];
        if (it.velocity < 0)
          slot_id(idx.at("Velocity"), "Velocity_" + std::to_string(note.velocity));
      }
      if (use_durations) {
        it.duration = duration_id(note.duration);
        if (it.duration < 0)
          throw TokenError("a note duration of " + std::to_string(note.duration) +
                           " ticks has no MuMIDI Duration token (preprocess the score first)");
      }
    }
    blocks.push_back(Block{begin, items.size(), program});
  }
  if (!counting_sort(items, blocks))
    merge_sorted_runs(items, [](const Item& a, const Item& b) {
      return a.time != b.time ? a.time < b.time : a.program < b.program;
    });

  // The rows: Bar, Position and Program rows before the notes, each row with its bar and
  // position encodings (and tempo); Velocity and Duration on note rows only.
  std::vector<token_id_t> out;
  const std::size_t width = num_vocabs();
  const long long tpq = score.ticks_per_quarter, ticks_per_bar = tpq * 4;
  const double ticks_per_pos = static_cast<double>(tpq) / c.max_num_pos_per_beat();
  // Whole ticks per position (always after preprocessing): the same floor without doubles.
  const long long int_ticks_per_pos =
      c.max_num_pos_per_beat() > 0 && tpq % c.max_num_pos_per_beat() == 0
          ? tpq / c.max_num_pos_per_beat()
          : 0;
  if (!items.empty() && ticks_per_bar <= 0)
    throw TokenError("the score's time division (" + std::to_string(tpq) +
                     ") is too low for MuMIDI: preprocess the score first");
  auto numbered = [&](const std::vector<token_id_t>& table, std::size_t slot, const char* type,
                      long long i) {
    if (i >= 0 && static_cast<std::size_t>(i) < table.size())
      return table[static_cast<std::size_t>(i)];
    return slot_id(slot, std::string(type) + "_" + std::to_string(i));  // throws
  };
  const auto& tempos = score.tempos;
  std::size_t tempo_idx = 0;
  auto tempo_id = [&]() {
    const double qpm =
        tempos.empty() ? default_tempo() : detail::py_round2(tempos[tempo_idx].qpm());
    return slot_id(idx.at("Tempo"), "Tempo_" + python_float_repr(qpm));  // throws when absent
  };
  constexpr token_id_t absent = CompoundSequence::kAbsentSlot;
  token_id_t tempo = c.use_tempos ? tempo_id() : absent;
  long long current_tick = -1, current_bar = -1;
  int current_program = -2;
  token_id_t bar_enc = -1, pos_enc = -1;
  // The rows counted first (the loop below without its ids), so that they are written in place,
  // with no size test per row. The Bar rows are at most those of the BarPosEnc table (past it the
  // loop throws before writing one).
  std::size_t num_rows = items.size();
  {
    long long tick = -1, bar = -1;
    int program = -2;
    const auto max_bar = static_cast<long long>(bar_enc_ids_.size()) - 1;
    BarOf bar_of(ticks_per_bar);
    for (const Item& it : items) {
      if (it.time != tick) {
        tick = it.time;
        program = -2;
        const long long b = std::min(bar_of(tick).first, max_bar);
        if (b > bar) {
          num_rows += static_cast<std::size_t>(b - bar);
          bar = b;
        }
        ++num_rows;
      }
      if (it.program != program) {
        program = it.program;
        ++num_rows;
      }
    }
  }
  out.assign(num_rows * width, absent);
  token_id_t* next_row = out.data();
  // A row of its first slots, then the tempo (with use_tempos) and `v` / `d` where present,
  // the absent slots up to the width
  auto row = [&](token_id_t first, token_id_t enc1, token_id_t enc2,
                 token_id_t v = CompoundSequence::kAbsentSlot,
                 token_id_t d = CompoundSequence::kAbsentSlot) {
    token_id_t* r = next_row;
    next_row += width;
    r[0] = first;
    r[1] = enc1;
    r[2] = enc2;
    std::size_t k = 3;
    if (c.use_tempos) r[k++] = tempo;
    if (v != absent) r[k++] = v;
    if (d != absent) r[k] = d;
  };
  BarOf bar_of(ticks_per_bar);
  for (const Item& it : items) {
    if (c.use_tempos && tempo_idx + 1 < tempos.size() && tempos[tempo_idx + 1].time <= it.time) {
      while (tempo_idx + 1 < tempos.size() && tempos[tempo_idx + 1].time <= it.time) ++tempo_idx;
      tempo = tempo_id();
    }
    if (it.time != current_tick) {
      current_tick = it.time;
      const auto [bar, in_bar] = bar_of(current_tick);
      // A preprocessed score's tpq is max_num_pos_per_beat: a position per tick.
      long long pos = in_bar;
      if (int_ticks_per_pos > 1)
        pos = in_bar / int_ticks_per_pos;
      else if (int_ticks_per_pos <= 0)
        pos = static_cast<long long>(static_cast<double>(in_bar) / ticks_per_pos);
      current_program = -2;
      for (; current_bar < bar; ++current_bar)
        row(bar_id_, numbered(bar_enc_ids_, 1, "BarPosEnc", current_bar + 1), pos_enc_none_id_);
      bar_enc = numbered(bar_enc_ids_, 1, "BarPosEnc", current_bar);
      pos_enc = numbered(pos_enc_ids_, 2, "PositionPosEnc", pos);
      row(numbered(pos_ids_, 0, "Position", pos), bar_enc, pos_enc);
    }
    if (it.program != current_program) {
      current_program = it.program;
      row(program_ids_[static_cast<std::size_t>(current_program + 1)], bar_enc, pos_enc);
    }
    row(it.token, bar_enc, pos_enc, it.velocity, it.duration);
  }
  if (next_row != out.data() + out.size())
    throw std::logic_error("MuMIDI wrote " + std::to_string((next_row - out.data()) / width) +
                           " rows, " + std::to_string(num_rows) + " counted");
  std::vector<std::vector<token_id_t>> rows;
  rows.push_back(std::move(out));
  return rows;
}

}  // namespace miditok
