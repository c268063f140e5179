// Note-level preprocessing: pitch filter, velocity bins, re-rounding, durations, duplicates.
#include "miditok/preprocess/notes.h"

#include <algorithm>
#include <tuple>

#include "numpy_like.h"

namespace miditok {

void filter_pitch_range(std::vector<Note>& notes, int lowest, int highest) {
  std::erase_if(notes,
                [lowest, highest](const Note& n) { return n.pitch < lowest || n.pitch > highest; });
}

void quantize_velocities(std::span<Note> notes, std::span<const std::int32_t> velocity_bins) {
  if (notes.empty() || velocity_bins.empty()) return;
  detail::NumpySearch<std::int32_t> search(velocity_bins.data(), velocity_bins.size());
  for (Note& n : notes) {
    const std::int32_t v = n.velocity;
    const std::size_t idx =
        detail::closest_index(velocity_bins.data(), velocity_bins.size(), search(v), v);
    n.velocity = static_cast<std::int8_t>(velocity_bins[idx]);
  }
}

void sort_notes_time_pitch_duration(std::span<Note> notes) {
  std::sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) {
    return std::tie(a.time, a.pitch, a.duration, a.velocity) <
           std::tie(b.time, b.pitch, b.duration, b.velocity);
  });
}

void sort_notes_default(std::span<Note> notes) {
  std::sort(notes.begin(), notes.end(), [](const Note& a, const Note& b) {
    return std::tie(a.time, a.duration, a.pitch, a.velocity) <
           std::tie(b.time, b.duration, b.pitch, b.velocity);
  });
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
