// Declares the binding of the Score/Track operations (bind_score_ops.cpp) on the bound classes.
#pragma once

#include <nanobind/nanobind.h>

#include "miditok/score/score.h"

namespace miditok::bindings {

/// Adds symusic's operation methods (resample, clip, shift_*, sort, start, end, ...).
void bind_score_ops(nanobind::class_<Track>& track, nanobind::class_<Score>& score);

}  // namespace miditok::bindings
