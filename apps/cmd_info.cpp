// `miditok-cpp info`: a one-line summary per MIDI file; unreadable files are reported, not fatal.
#include <cstdio>

#include "commands.h"
#include "miditok/core/error.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/score/score_ops.h"

namespace miditok::cli {

int run_info(const Args& args) {
  int failures = 0;
  for (const auto& path : args.positional()) {
    try {
      const Score score = read_midi_file(path);
      std::printf("%s: tpq %d, %zu tracks, %zu notes, %zu tempos, %zu time signatures, end %d\n",
                  path.c_str(), score.ticks_per_quarter, score.tracks.size(), note_num(score),
                  score.tempos.size(), score.time_signatures.size(), score_end(score));
    } catch (const Error& error) {
      std::fprintf(stderr, "%s: %s\n", path.c_str(), error.what());
      ++failures;
    }
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace miditok::cli
