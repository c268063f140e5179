// symusic interop for the score bindings: SymusicObject<T> matches a symusic object of the kind
// that converts to our T (symusic.core.NoteTick for Note, TrackTick for Track, Score* for Score),
// so bound functions take it as an overload and nanobind converts it implicitly wherever a T is
// expected (list items, ==). Lists assigned from symusic lists convert through numpy columns.
#pragma once

#include <nanobind/nanobind.h>

#include <string>
#include <string_view>
#include <vector>

#include "miditok/score/score.h"

namespace miditok::bindings {

namespace nb = nanobind;

/// The symusic.core class names whose instances convert to T (set when T is bound).
template <class T>
inline std::vector<std::string> symusic_names;

/// True when obj's class is symusic.core.<one of names>.
bool is_symusic_instance(nb::handle obj, const std::vector<std::string>& names);

/// A symusic object that converts to T (see symusic_names).
template <class T>
struct SymusicObject {
  nb::object obj;
};

/// Adds symusic interop to the Track and Score classes (conversions and their methods).
void bind_score_symusic(nb::class_<Track>& track, nb::class_<Score>& score);

}  // namespace miditok::bindings

namespace nanobind::detail {

template <class T>
struct type_caster<miditok::bindings::SymusicObject<T>> {
  NB_TYPE_CASTER(miditok::bindings::SymusicObject<T>, const_name("object"))

  bool from_python(handle src, uint8_t, cleanup_list*) noexcept {
    if (!miditok::bindings::is_symusic_instance(src, miditok::bindings::symusic_names<T>)) {
      return false;
    }
    value.obj = borrow(src);
    return true;
  }
  static handle from_cpp(const miditok::bindings::SymusicObject<T>& v, rv_policy,
                         cleanup_list*) noexcept {
    return v.obj.inc_ref();
  }
};

}  // namespace nanobind::detail
