// symusic's per-event and per-list time methods shared by every event binding: shift_time and
// ttype on events, adjust_time, is_sorted and ttype on event lists, and the inplace-or-copy
// editing they share with the list algorithms.
#pragma once

#include <nanobind/nanobind.h>

#include <cstddef>
#include <utility>
#include <vector>

#include "bind_safe_list.h"
#include "miditok/score/score.h"
#include "miditok/score/score_ops.h"
#include "miditok/score/score_time_ops.h"

namespace miditok::bindings {

namespace nb = nanobind;

/// Gives target the contents of fresh (no longer than target) without freeing viewed storage.
template <class List>
void commit_edit(nb::handle self, bool inplace, List& target, List&& fresh) {
  if constexpr (trivial_items_v<List>) {
    std::copy(fresh.begin(), fresh.end(), target.begin());
    target.resize(fresh.size());
  } else {
    // In place, `result` holds one more reference to self than the caller's.
    replace_storage(inplace ? retire_owner(self, 2) : nb::handle(), target, std::move(fresh));
  }
}

/// The time unit of our objects as symusic names it: symusic.core.Tick() when symusic is
/// installed, else the string 'tick' (our times are always ticks).
inline nb::object tick_ttype() {
  try {
    return nb::module_::import_("symusic.core").attr("Tick")();
  } catch (nb::python_error&) {
    return nb::str("tick");
  }
}

inline constexpr const char* kTtypeDoc =
    "The time unit: symusic's Tick() (the string 'tick' without symusic); times are ticks.";

/// Runs op on the value self holds (inplace) or on a copy of it, returning the edited object.
template <class T, class Op>
nb::object edit_value(nb::handle self, bool inplace, Op op) {
  nb::object result = inplace ? nb::borrow(self) : nb::cast(T(nb::cast<const T&>(self)));
  op(nb::cast<T&>(result));
  return result;
}

/// Adds symusic's shift_time(offset, inplace=False) and ttype to the class of event E.
template <class E, class Cls>
void bind_event_time_methods(Cls& cls) {
  cls.def(
      "shift_time",
      [](nb::handle self, tick_t offset, bool inplace) {
        return edit_value<E>(self, inplace, [offset](E& e) { e.time += offset; });
      },
      nb::arg("offset"), nb::arg("inplace") = false,
      "Adds offset (ticks, may be negative) to the event's time. On a copy, returned, unless "
      "inplace (default False): then self, edited.");
  cls.def_prop_ro(
      "ttype", [](nb::handle) { return tick_ttype(); }, kTtypeDoc);
}

/// The ints of an iterable (a list, tuple or numpy array of times) as ticks.
inline std::vector<tick_t> tick_list(nb::handle values) {
  std::vector<tick_t> out;
  for (nb::handle v : values) out.push_back(nb::cast<tick_t>(v));
  return out;
}

/// Adds symusic's adjust_time, is_sorted and ttype to List, a list of events.
template <class List, class Cls>
void bind_list_time_methods(Cls& list) {
  list.def(
      "adjust_time",
      [](nb::handle self, nb::handle original, nb::handle updated, bool inplace) -> nb::object {
        const std::vector<tick_t> original_times = tick_list(original);
        const std::vector<tick_t> new_times = tick_list(updated);
        check_adjust_times(original_times, new_times);
        nb::object result = inplace ? nb::borrow(self) : nb::cast(List(nb::cast<List&>(self)));
        List& target = nb::cast<List&>(result);
        List fresh = target;
        adjust_time_events(fresh, original_times, new_times);
        commit_edit(self, inplace, target, std::move(fresh));
        return result;
      },
      nb::arg("original_times"), nb::arg("new_times"), nb::arg("inplace") = false,
      "Maps every event time (and note or pedal end) through the piecewise-linear map "
      "original_times -> new_times (both sorted, same length >= 2, else ValueError; offsets "
      "truncated toward zero), as symusic: events not wholly inside [original_times[0], "
      "original_times[-1]] are removed. On a copy, returned, unless inplace (default False): then "
      "in place, returning self.");
  list.def(
      "is_sorted",
      [](const List& l, nb::object key, bool reverse) -> bool {
        if (key.is_none()) return events_sorted(l, reverse);
        if (l.empty()) return true;
        nb::object previous = key(nb::cast(l[0], nb::rv_policy::copy));
        for (std::size_t i = 1; i < l.size(); ++i) {
          nb::object current = key(nb::cast(l[i], nb::rv_policy::copy));
          if (reverse ? previous < current : current < previous) return false;
          previous = std::move(current);
        }
        return true;
      },
      nb::arg("key") = nb::none(), nb::arg("reverse") = false,
      "True when the events are in order: by the default key of sort() when key is None "
      "(default), else by key(event); non-decreasing, or non-increasing when reverse (default "
      "False); equal keys are allowed.");
  list.def_prop_ro(
      "ttype", [](nb::handle) { return tick_ttype(); }, kTtypeDoc);
}

}  // namespace miditok::bindings
