// Note-level preprocessing: pitch filter, velocity bins, re-rounding, durations, duplicates.
#include "miditok/preprocess/notes.h"

#include <algorithm>
#include <array>
#include <tuple>
#include <vector>

#include "numpy_like.h"

namespace miditok {

void filter_pitch_range(std::vector<Note>& notes, int lowest, int highest) {
  std::erase_if(notes,
                [lowest, highest](const Note& n) { return n.pitch < lowest || n.pitch > highest; });
}

void quantize_velocities(std::span<Note> notes, std::span<const std::int32_t> velocity_bins) {
  if (notes.empty() || velocity_bins.empty()) return;
  const std::int32_t* bins = velocity_bins.data();
  const std::size_t len = velocity_bins.size();
  // With sorted bins each velocity has one answer: a table of the 256 int8 values, kept per
  // thread for the last bins seen (a tokenizer's bins are the same for every track and file), so
  // that short tracks do not pay a search per note (a new tokenizer's bins cost 256 searches once).
  thread_local std::vector<std::int32_t> table_bins;
  thread_local std::array<std::int8_t, 256> table;
  const bool cached =
      std::equal(velocity_bins.begin(), velocity_bins.end(), table_bins.begin(), table_bins.end());
  if (cached || std::is_sorted(velocity_bins.begin(), velocity_bins.end())) {
    if (!cached) {
      for (int v = -128; v < 128; ++v) {
        detail::NumpySearch<std::int32_t> search(bins, len);
        table[static_cast<std::size_t>(v + 128)] =
            static_cast<std::int8_t>(bins[detail::closest_index(bins, len, search(v), v)]);
      }
      table_bins.assign(velocity_bins.begin(), velocity_bins.end());
    }
    for (Note& n : notes) n.velocity = table[static_cast<std::size_t>(n.velocity + 128)];
    return;
  }
  detail::NumpySearch<std::int32_t> search(bins, len);
  for (Note& n : notes) {
    const std::int32_t v = n.velocity;
    n.velocity = static_cast<std::int8_t>(bins[detail::closest_index(bins, len, search(v), v)]);
  }
}

namespace {

// (time, pitch) and (duration, velocity) packed into order-preserving unsigned integers.
std::uint64_t time_pitch_key(const Note& n) {
  return (std::uint64_t{static_cast<std::uint32_t>(n.time) ^ 0x80000000u} << 8) |
         static_cast<std::uint8_t>(n.pitch ^ 0x80);
}
std::uint64_t duration_velocity_key(const Note& n) {
  return (std::uint64_t{static_cast<std::uint32_t>(n.duration) ^ 0x80000000u} << 8) |
         static_cast<std::uint8_t>(n.velocity ^ 0x80);
}

}  // namespace

void sort_notes_time_pitch_duration(std::span<Note> notes) {
  const auto less = [](const Note& a, const Note& b) {
    const std::uint64_t ka = time_pitch_key(a);
    const std::uint64_t kb = time_pitch_key(b);
    if (ka != kb) return ka < kb;
    return duration_velocity_key(a) < duration_velocity_key(b);
  };
  if (std::is_sorted(notes.begin(), notes.end(), less)) return;
  std::sort(notes.begin(), notes.end(), less);
}

void remove_duplicated_notes(std::vector<Note>& notes, bool consider_duration) {
  if (notes.size() < 2) return;
  std::size_t out = 1;
  for (std::size_t i = 1; i < notes.size(); ++i) {
    const Note& prev = notes[i - 1];
    const Note& cur = notes[i];
    const bool dup = cur.time == prev.time && cur.pitch == prev.pitch &&
                     (!consider_duration || cur.duration == prev.duration);
    if (!dup) notes[out++] = cur;
  }
  notes.resize(out);
}

void fix_offsets_overlapping_notes(std::span<Note> notes) {
  const std::size_t n = notes.size();
  for (std::size_t i = 0; i + 1 < n; ++i) {
    for (std::size_t j = i + 1; j < n && notes[j].time <= notes[i].end(); ++j) {
      if (notes[i].pitch == notes[j].pitch) {
        notes[i].duration = notes[j].time - notes[i].time;
        break;
      }
    }
  }
}

void preprocess_notes(std::vector<Note>& notes, const NotePreprocessParams& params) {
  filter_pitch_range(notes, params.pitch_lowest, params.pitch_highest);
  if (notes.empty()) return;
  quantize_velocities(notes, params.velocity_bins);
  if (!params.resampling_factors.empty()) {
    if (params.note_on_off && params.uses_durations) {
      adjust_onsets_offsets(notes, params.resampling_factors, params.min_duration);
    } else {
      adjust_times_to_sections(std::span<Note>(notes), params.resampling_factors);
    }
  }
  if (!params.note_on_off && !params.ticks_per_beat.empty() && params.uses_durations &&
      params.duration_bins != nullptr) {
    adjust_durations(std::span<Note>(notes), params.ticks_per_beat, *params.duration_bins);
  }
  if (params.remove_duplicated_notes) {
    sort_notes_time_pitch_duration(notes);
    remove_duplicated_notes(notes, false);
  }
}

}  // namespace miditok
