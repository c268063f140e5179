// Score.pianoroll() and Track.pianoroll() with symusic's signature, as uint8 numpy tensors that own
// the C++ buffer. Added to the classes bound in bind_score.cpp, so it runs after bind_score.
#include <nanobind/ndarray.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <string>
#include <utility>
#include <vector>

#include "bind.h"
#include "miditok/score/pianoroll.h"

namespace nb = nanobind;

namespace miditok::bindings {
namespace {

PianorollOptions options_of(const std::vector<std::string>& modes, std::pair<int, int> pitch_range,
                            bool encode_velocity) {
  PianorollOptions o;
  o.modes.clear();
  for (const auto& m : modes) o.modes.push_back(parse_pianoroll_mode(m));
  o.pitch_lo = pitch_range.first;
  o.pitch_hi = pitch_range.second;
  o.encode_velocity = encode_velocity;
  return o;
}

using RollArray = nb::ndarray<nb::numpy, std::uint8_t>;

RollArray to_numpy(Pianoroll&& roll) {
  auto* owned = new Pianoroll(std::move(roll));
  nb::capsule owner(owned, [](void* p) noexcept { delete static_cast<Pianoroll*>(p); });
  return RollArray(owned->data.data(), owned->shape.size(), owned->shape.data(), owner);
}

// Binds `pianoroll` as a method of the already bound class T, computed by `build` without the GIL.
template <class T, class Build>
void add_method(const char* doc, Build build) {
  nb::handle cls = nb::type<T>();
  cls.attr("pianoroll") = nb::cpp_function(
      [build](const T& self, const std::vector<std::string>& modes, std::pair<int, int> pitch_range,
              bool encode_velocity) {
        const PianorollOptions o = options_of(modes, pitch_range, encode_velocity);
        Pianoroll roll;
        {
          nb::gil_scoped_release release;
          roll = build(self, o);
        }
        return to_numpy(std::move(roll));
      },
      nb::is_method(), nb::scope(cls), nb::name("pianoroll"),
      nb::arg("modes") = std::vector<std::string>{"frame", "onset"},
      nb::arg("pitch_range") = std::pair<int, int>{0, 128}, nb::arg("encode_velocity") = false,
      doc);
}

}  // namespace

void bind_pianoroll(nb::module_&) {
  add_method<Track>(
      "Piano roll of the track as a uint8 array of shape (modes, pitches, end + 1): for each mode "
      "of modes (default ['frame', 'onset']; 'onset', 'frame' or 'offset') and pitch of "
      "pitch_range [lo, hi) (default (0, 128)), 1 (or the velocity with encode_velocity, default "
      "False) at the ticks the mode marks. As symusic's Track.pianoroll.",
      [](const Track& t, const PianorollOptions& o) { return track_pianoroll(t, o); });
  add_method<Score>(
      "Piano roll of the score as a uint8 array of shape (modes, tracks, pitches, end + 1), each "
      "track as in Track.pianoroll (same modes, pitch_range and encode_velocity). As symusic's "
      "Score.pianoroll.",
      [](const Score& s, const PianorollOptions& o) { return score_pianoroll(s, o); });
}

}  // namespace miditok::bindings
