// Memory safety of Python views into a Score: list items and list attributes are views into C++
// vectors (reference_internal). Every binding that could free or move storage a view may point
// into "retires" that storage instead: it stays alive, attached to the Python list object that
// all views into it keep alive, and is freed when that object dies. Views held across such an
// edit stay valid (detached, like a symusic event removed from its list); nothing dangles.
#pragma once

#include <nanobind/nanobind.h>

#include <algorithm>
#include <cstddef>
#include <type_traits>
#include <utility>
#include <vector>

namespace miditok::bindings {

namespace nb = nanobind;

/// True when the list's items hold no heap storage (in-capacity edits never free anything).
template <class List>
constexpr bool trivial_items_v = std::is_trivially_copyable_v<typename List::value_type>;

/// Keeps old's storage alive as long as owner lives (frees it now when owner is not valid).
template <class List>
void retire(nb::handle owner, List&& old) {
  if (!owner.is_valid() || old.capacity() == 0) return;
  auto* heap = new List(std::move(old));  // moves the buffer: item addresses are unchanged
  nb::keep_alive_cb(owner, heap, [](void* p) noexcept { delete static_cast<List*>(p); });
}

/// The Python list object viewing v, if one exists (all views into v keep it alive).
template <class List>
nb::object list_view(const List& v) {
  return nb::find(v);
}

/// Retires v's current storage (onto its Python view, if any) and gives v fresh's contents.
template <class List>
void replace_storage(nb::handle owner, List& v, List&& fresh) {
  List old;
  old.swap(v);
  v.swap(fresh);
  retire(owner, std::move(old));
}

/// The owner to retire onto when called as a method of the list object self (refcount 1 means
/// only the caller holds it: no view can point into the list, storage is freed at once).
inline nb::handle retire_owner(nb::handle self, Py_ssize_t caller_refs = 1) {
  return Py_REFCNT(self.ptr()) > caller_refs ? self : nb::handle();
}

/// Sets a list field with retirement: field = value, never freeing storage a view may use.
template <class List>
void assign_list(List& field, const List& value) {
  if (&field == &value) return;
  if constexpr (trivial_items_v<List>) {
    if (value.size() <= field.capacity()) {
      field.resize(value.size());  // no reallocation below capacity
      std::copy(value.begin(), value.end(), field.begin());
      return;
    }
  }
  replace_storage(list_view(field), field, List(value));
}

/// Replaces bind_vector's mutators of List by versions that never free storage a view uses.
template <class List, class Cls>
void bind_safe_mutators(Cls& cls) {
  using E = typename List::value_type;
  constexpr bool trivial = trivial_items_v<List>;
  for (const char* name :
       {"append", "extend", "insert", "pop", "clear", "remove", "__setitem__", "__delitem__"}) {
    nb::delattr(cls, name);
  }
  auto wrap = [](Py_ssize_t i, std::size_t n) {
    if (i < 0) i += static_cast<Py_ssize_t>(n);
    if (i < 0 || static_cast<std::size_t>(i) >= n) throw nb::index_error();
    return static_cast<std::size_t>(i);
  };
  // Rebuilds self as `fresh` (computed from v), retiring the old storage.
  auto rebuild = [](nb::handle self, List& v, List&& fresh) {
    replace_storage(retire_owner(self), v, std::move(fresh));
  };
  auto grown = [](const List& v, std::size_t extra) {
    List fresh;
    fresh.reserve(std::max<std::size_t>({2 * v.capacity(), v.size() + extra, 4}));
    fresh.insert(fresh.end(), v.begin(), v.end());
    return fresh;
  };
  cls.def(
      "append",
      [grown, rebuild](nb::handle self, const E& value) {
        List& v = nb::cast<List&>(self);
        E item(value);  // value may be an item of v
        if (v.size() < v.capacity()) {
          v.push_back(std::move(item));
          return;
        }
        List fresh = grown(v, 1);
        fresh.push_back(std::move(item));
        rebuild(self, v, std::move(fresh));
      },
      nb::arg("value"), "Appends value at the end of the list.");
  cls.def(
      "extend",
      [grown, rebuild](nb::handle self, const List& src) {
        List& v = nb::cast<List&>(self);
        List items(src);  // src may be v itself
        if (v.size() + items.size() <= v.capacity()) {
          v.insert(v.end(), items.begin(), items.end());
          return;
        }
        List fresh = grown(v, items.size());
        fresh.insert(fresh.end(), items.begin(), items.end());
        rebuild(self, v, std::move(fresh));
      },
      nb::arg("items"), "Appends the items at the end of the list.");
  cls.def(
      "insert",
      [rebuild](nb::handle self, Py_ssize_t i, const E& value) {
        List& v = nb::cast<List&>(self);
        if (i < 0) i += static_cast<Py_ssize_t>(v.size());
        const auto at = static_cast<std::size_t>(
            std::clamp<Py_ssize_t>(i, 0, static_cast<Py_ssize_t>(v.size())));
        E item(value);
        if (trivial && v.size() < v.capacity()) {
          v.insert(v.begin() + static_cast<std::ptrdiff_t>(at), std::move(item));
          return;
        }
        List fresh;
        fresh.reserve(std::max<std::size_t>(2 * v.capacity(), v.size() + 1));
        fresh.insert(fresh.end(), v.begin(), v.begin() + static_cast<std::ptrdiff_t>(at));
        fresh.push_back(std::move(item));
        fresh.insert(fresh.end(), v.begin() + static_cast<std::ptrdiff_t>(at), v.end());
        rebuild(self, v, std::move(fresh));
      },
      nb::arg("index"), nb::arg("value"), "Inserts value before index.");
  // Removes the items whose flag is set (in place for trivial items, else rebuilt).
  auto erase_flagged = [rebuild](nb::handle self, List& v, const std::vector<bool>& drop) {
    if constexpr (trivial) {
      std::size_t out = 0;
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (!drop[i]) v[out++] = v[i];
      }
      v.resize(out);
    } else {
      List fresh;
      fresh.reserve(v.capacity());
      for (std::size_t i = 0; i < v.size(); ++i) {
        if (!drop[i]) fresh.push_back(v[i]);
      }
      rebuild(self, v, std::move(fresh));
    }
  };
  cls.def(
      "pop",
      [wrap, erase_flagged](nb::handle self, Py_ssize_t i) {
        List& v = nb::cast<List&>(self);
        const std::size_t at = wrap(i, v.size());
        E result(v[at]);
        std::vector<bool> drop(v.size(), false);
        drop[at] = true;
        erase_flagged(self, v, drop);
        return result;
      },
      nb::arg("index") = -1, "Removes and returns the item at index (default last).");
  cls.def(
      "clear",
      [rebuild](nb::handle self) {
        List& v = nb::cast<List&>(self);
        if constexpr (trivial) {
          v.resize(0);  // keeps the buffer: views into it stay valid
        } else {
          rebuild(self, v, List());
        }
      },
      "Removes all items.");
  cls.def(
      "remove",
      [erase_flagged](nb::handle self, const E& value) {
        List& v = nb::cast<List&>(self);
        auto it = std::find(v.begin(), v.end(), value);
        if (it == v.end()) throw nb::value_error("list.remove(x): x not in list");
        std::vector<bool> drop(v.size(), false);
        drop[static_cast<std::size_t>(it - v.begin())] = true;
        erase_flagged(self, v, drop);
      },
      nb::arg("value"), "Removes the first item equal to value (ValueError if none).");
  cls.def(
      "__delitem__",
      [wrap, erase_flagged](nb::handle self, Py_ssize_t i) {
        List& v = nb::cast<List&>(self);
        std::vector<bool> drop(v.size(), false);
        drop[wrap(i, v.size())] = true;
        erase_flagged(self, v, drop);
      },
      nb::arg("index"));
  cls.def(
      "__delitem__",
      [erase_flagged](nb::handle self, const nb::slice& slice) {
        List& v = nb::cast<List&>(self);
        auto [start, stop, step, length] = slice.compute(v.size());
        std::vector<bool> drop(v.size(), false);
        for (std::size_t k = 0; k < length; ++k, start += step) {
          drop[static_cast<std::size_t>(start)] = true;
        }
        erase_flagged(self, v, drop);
      },
      nb::arg("index"));
  cls.def(
      "__setitem__",
      [wrap](nb::handle self, Py_ssize_t i, const E& value) {
        List& v = nb::cast<List&>(self);
        const std::size_t at = wrap(i, v.size());
        E item(value);
        if constexpr (!trivial) {
          // The replaced item's own storage (a track's lists) may be viewed: retire it.
          List old;
          old.push_back(std::move(v[at]));
          retire(retire_owner(self), std::move(old));
        }
        v[at] = std::move(item);
      },
      nb::arg("index"), nb::arg("value"));
  cls.def(
      "__setitem__",
      [rebuild](nb::handle self, const nb::slice& slice, const List& value) {
        List& v = nb::cast<List&>(self);
        auto [start, stop, step, length] = slice.compute(v.size());
        if (length != value.size()) {
          throw nb::index_error("slice assignment: sizes of both sides differ");
        }
        List fresh(v);
        for (std::size_t k = 0; k < length; ++k, start += step) {
          fresh[static_cast<std::size_t>(start)] = value[k];
        }
        if constexpr (trivial) {
          std::copy(fresh.begin(), fresh.end(), v.begin());
        } else {
          rebuild(self, v, std::move(fresh));
        }
      },
      nb::arg("index"), nb::arg("value"));
}

/// Runs an event-list edit (clip, shift, sort: lists only, no scalar field) on obj (a Score or
/// Track) in place, or, when Python views into its lists exist, on a copy whose lists then
/// replace obj's (the old storage retired onto those views).
template <class T, class Op, class... L>
void guarded_inplace(T& obj, Op&& op, L T::*... lists) {
  const bool viewed = (list_view(obj.*lists).is_valid() || ...);
  if (!viewed) {
    nb::gil_scoped_release release;
    op(obj);
    return;
  }
  T work(obj);
  {
    nb::gil_scoped_release release;
    op(work);
  }
  (replace_storage(list_view(obj.*lists), obj.*lists, std::move(work.*lists)), ...);
}

/// Runs op on the list v in place, or, when a Python view of v exists, on a copy whose storage
/// then replaces v's (the old storage retired onto the view): for edits that grow a list or
/// destroy tracks.
template <class List, class Op>
void guarded_list_edit(List& v, Op&& op) {
  nb::object view = list_view(v);
  if (!view.is_valid()) {
    op(v);
    return;
  }
  List work(v);
  op(work);
  replace_storage(view, v, std::move(work));
}

}  // namespace miditok::bindings
