// Binding helpers shared by the score bindings: one template binds an event type (Note, Tempo,
// ...) and its list type with symusic's surface: fields, equality, copy, pickling, and bulk
// numpy access (`numpy()` as symusic's dict of columns, `to_numpy()` as one structured array,
// `from_numpy(**columns)`), without a Python object per event.
#pragma once

#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/bind_vector.h>
#include <nanobind/stl/string.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <numeric>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "bind.h"
#include "bind_event_methods.h"
#include "bind_safe_list.h"
#include "bind_symusic.h"
#include "miditok/score/score.h"
#include "miditok/score/score_ops.h"

namespace miditok::bindings {

namespace nb = nanobind;

/// One numeric field of an event: its Python name and the member it maps to.
template <class E, class M>
struct Field {
  const char* name;
  M E::*member;
};
template <class E, class M>
Field(const char*, M E::*) -> Field<E, M>;

template <class T>
constexpr const char* numpy_code() {
  if constexpr (std::is_same_v<T, std::int8_t>) {
    return "i1";
  } else if constexpr (std::is_same_v<T, std::uint8_t>) {
    return "u1";
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    return "i4";
  } else if constexpr (std::is_same_v<T, float>) {
    return "f4";
  } else if constexpr (std::is_same_v<T, double>) {
    return "f8";
  } else {
    static_assert(std::is_same_v<T, bool>, "no numpy code for this type");
    return "?";
  }
}

/// A fresh 1-D numpy array of T with n elements (owned by Python).
template <class T>
std::pair<nb::object, T*> new_column(std::size_t n) {
  T* buffer = new T[n > 0 ? n : 1];
  nb::capsule owner(buffer, [](void* p) noexcept { delete[] static_cast<T*>(p); });
  nb::ndarray<nb::numpy, T, nb::ndim<1>> array(buffer, {n}, owner);
  return {nb::cast(array), buffer};
}

/// A 1-D numpy column as a contiguous array of T (converting the dtype when needed).
template <class T>
nb::ndarray<const T, nb::ndim<1>, nb::c_contig, nb::device::cpu> as_column(nb::handle obj) {
  nb::module_ np = nb::module_::import_("numpy");
  nb::object arr = np.attr("ascontiguousarray")(obj, nb::arg("dtype") = numpy_code<T>());
  return nb::cast<nb::ndarray<const T, nb::ndim<1>, nb::c_contig, nb::device::cpu>>(arr);
}

/// The numpy structured dtype whose records have E's exact memory layout.
template <class E, class... F>
nb::object struct_dtype(const F&... fields) {
  nb::module_ np = nb::module_::import_("numpy");
  nb::list names, formats, offsets;
  E probe{};
  auto add = [&](const auto& f) {
    using M = std::remove_cvref_t<decltype(probe.*(f.member))>;
    names.append(f.name);
    formats.append(numpy_code<M>());
    offsets.append(reinterpret_cast<const char*>(&(probe.*(f.member))) -
                   reinterpret_cast<const char*>(&probe));
  };
  (add(fields), ...);
  nb::dict spec;
  spec["names"] = names;
  spec["formats"] = formats;
  spec["offsets"] = offsets;
  spec["itemsize"] = sizeof(E);
  return np.attr("dtype")(spec);
}

/// Assigns to field a list given as one of ours, a symusic list of the same events (converted
/// through its numpy columns) or any iterable of convertible items.
template <class List>
void assign_from_python(List& field, nb::handle value) {
  if (nb::isinstance<List>(value)) {
    assign_list(field, nb::cast<const List&>(value));
    return;
  }
  if constexpr (trivial_items_v<List>) {
    if (is_symusic_instance(value, symusic_names<List>)) {
      nb::dict columns = nb::cast<nb::dict>(value.attr("numpy")());
      assign_list(field, nb::cast<const List&>(nb::type<List>().attr("from_numpy")(**columns)));
      return;
    }
  }
  assign_list(field, nb::cast<List>(value));
}

/// Adds symusic's sort(key=None, reverse=False, inplace=True) and filter(function, inplace=True).
template <class List, class Cls>
void bind_list_algorithms(Cls& list) {
  list.def(
      "sort",
      [](nb::handle self, nb::object key, bool reverse, bool inplace) -> nb::object {
        nb::object result = inplace ? nb::borrow(self) : nb::cast(List(nb::cast<List&>(self)));
        List& target = nb::cast<List&>(result);
        if (key.is_none()) {
          if constexpr (std::is_same_v<typename List::value_type, Track>) {
            // symusic's track key: (is_drum, program, name, note_num).
            auto less = [](const Track& a, const Track& b) {
              return std::make_tuple(a.is_drum, a.program, std::string_view(a.name),
                                     a.notes.size()) < std::make_tuple(b.is_drum, b.program,
                                                                       std::string_view(b.name),
                                                                       b.notes.size());
            };
            if (reverse) {
              std::stable_sort(target.rbegin(), target.rend(), less);
            } else {
              std::stable_sort(target.begin(), target.end(), less);
            }
          } else {
            sort_events(target, reverse);
          }
          return result;
        }
        std::vector<nb::object> keys;
        keys.reserve(target.size());
        for (const auto& e : target) keys.push_back(key(nb::cast(e, nb::rv_policy::copy)));
        std::vector<std::size_t> order(target.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        auto less = [&keys](std::size_t a, std::size_t b) { return keys[a] < keys[b]; };
        if (reverse) {
          std::stable_sort(order.rbegin(), order.rend(), less);
        } else {
          std::stable_sort(order.begin(), order.end(), less);
        }
        List sorted;
        sorted.reserve(target.size());
        for (auto i : order) sorted.push_back(target[i]);
        commit_edit(self, inplace, target, std::move(sorted));
        return result;
      },
      nb::arg("key") = nb::none(), nb::arg("reverse") = false, nb::arg("inplace") = true,
      "Sorts by the default key or a Python key (stable; symusic's semantics).");
  list.def(
      "filter",
      [](nb::handle self, nb::callable function, bool inplace) -> nb::object {
        nb::object result = inplace ? nb::borrow(self) : nb::cast(List(nb::cast<List&>(self)));
        List& target = nb::cast<List&>(result);
        List kept;
        for (auto& e : target) {
          if (nb::cast<bool>(function(nb::cast(e, nb::rv_policy::copy)))) kept.push_back(e);
        }
        commit_edit(self, inplace, target, std::move(kept));
        return result;
      },
      nb::arg("function"), nb::arg("inplace") = true,
      "Keeps the events for which function(event) is true.");
}

/// Binds event type E as `name` and std::vector<E> as `list_name`, with the given fields.
template <class E, class... M>
nb::class_<E> bind_event(nb::module_& m, const char* name, const char* list_name, const char* doc,
                         Field<E, M>... fields) {
  auto cls = nb::class_<E>(m, name, doc);
  // One docstring per event type (this template is instantiated once per E).
  static const std::string init_doc = [&] {
    std::string d = std::string("Makes a ") + name + " from its fields, in this order:";
    ((d += std::string(" ") + fields.name + ","), ...);
    d.back() = '.';
    return d + " Times (and durations) are in ticks.";
  }();
  static const std::string from_numpy_doc =
      std::string("Builds a list of ") + name +
      " from numpy columns given as keyword arguments (kwargs) named after its fields; the "
      "fields left out are 0. Raises ValueError when the columns' lengths differ.";
  cls.def(nb::init<>());
  cls.def(
      "__init__",
      [fields...](E* self, M... values) {
        new (self) E{};
        ((self->*(fields.member) = values), ...);
      },
      nb::arg(fields.name)..., init_doc.c_str());
  symusic_names<E> = {std::string(name) + "Tick"};
  cls.def(
      "__init__",
      [fields...](E* self, const SymusicObject<E>& other) {
        new (self) E{};
        ((self->*(fields.member) = nb::cast<M>(other.obj.attr(fields.name))), ...);
      },
      nb::arg("other"), "A copy of other, a symusic event of this kind (tick unit).");
  nb::implicitly_convertible<SymusicObject<E>, E>();
  (cls.def_rw(fields.name, fields.member), ...);
  cls.def(
      "__eq__", [](const E& a, const E& b) { return a == b; }, nb::is_operator(),
      nb::sig(kEqSignature));
  cls.def("__copy__", [](const E& e) { return E(e); });
  cls.def(
      "__deepcopy__", [](const E& e, nb::handle) { return E(e); }, nb::arg("memo"));
  cls.def(
      "copy", [](const E& e) { return E(e); }, "A copy of the event.");
  cls.def("__getstate__",
          [fields...](const E& e) { return nb::make_tuple(e.*(fields.member)...); });
  cls.def("__setstate__", [fields...](E& e, const nb::tuple& state) {
    new (&e) E{};
    std::size_t i = 0;
    ((e.*(fields.member) = nb::cast<M>(state[i++])), ...);
  });
  cls.def("__repr__", [name, fields...](const E& e) {
    std::string out = std::string(name) + "(";
    bool first = true;
    auto put = [&](const char* n, auto v) {
      if (!first) out += ", ";
      first = false;
      out += n;
      out += "=";
      out += std::to_string(static_cast<long long>(v));
    };
    (put(fields.name, e.*(fields.member)), ...);
    return out + ")";
  });

  using List = std::vector<E>;
  auto list = nb::bind_vector<List, nb::rv_policy::reference_internal>(m, list_name);
  list.def("__copy__", [](const List& l) { return List(l); });
  list.def(
      "__deepcopy__", [](const List& l, nb::handle) { return List(l); }, nb::arg("memo"));
  list.def(
      "copy", [](const List& l) { return List(l); }, "A copy of the list.");
  list.def("__getstate__", [](const List& l) {
    return nb::bytes(reinterpret_cast<const char*>(l.data()), l.size() * sizeof(E));
  });
  list.def("__setstate__", [](List& l, const nb::bytes& b) {
    new (&l) List(b.size() / sizeof(E));
    if (!l.empty()) std::memcpy(l.data(), b.c_str(), l.size() * sizeof(E));
  });
  list.def(
      "numpy",
      [fields...](const List& l) {
        nb::dict out;
        auto column = [&](const auto& f) {
          using T = std::remove_cvref_t<decltype(l[0].*(f.member))>;
          auto [arr, buf] = new_column<T>(l.size());
          for (std::size_t i = 0; i < l.size(); ++i) buf[i] = l[i].*(f.member);
          out[f.name] = arr;
        };
        (column(fields), ...);
        return out;
      },
      "The events as symusic's dict of numpy columns, one array per field.");
  list.def(
      "to_numpy",
      [fields...](const List& l) {
        auto [raw, buf] = new_column<std::uint8_t>(l.size() * sizeof(E));
        if (!l.empty()) std::memcpy(buf, l.data(), l.size() * sizeof(E));
        return raw.attr("view")(struct_dtype<E>(fields...));
      },
      "The events as one numpy structured array (one record per event).");
  list.def_static(
      "from_numpy",
      [fields...](nb::kwargs columns) {
        List out;
        bool sized = false;
        auto fill = [&](const auto& f) {
          using T = std::remove_cvref_t<decltype(out[0].*(f.member))>;
          if (!columns.contains(f.name)) return;
          auto col = as_column<T>(columns[f.name]);
          if (!sized) {
            out.resize(col.shape(0));
            sized = true;
          } else if (col.shape(0) != out.size()) {
            throw nb::value_error("from_numpy: columns have different lengths");
          }
          const T* data = col.data();
          for (std::size_t i = 0; i < out.size(); ++i) out[i].*(f.member) = data[i];
        };
        (fill(fields), ...);
        return out;
      },
      from_numpy_doc.c_str());
  symusic_names<List> = {std::string(name) + "TickList"};
  list.def(
      "__eq__", [](const List& a, const List& b) { return a == b; }, nb::is_operator(),
      nb::sig(kEqSignature));
  bind_list_algorithms<List>(list);
  bind_list_time_methods<List>(list);
  bind_safe_mutators<List>(list);
  bind_event_time_methods<E>(cls);
  cls.def_static(
      "from_numpy", [list](nb::kwargs columns) { return list.attr("from_numpy")(**columns); },
      from_numpy_doc.c_str());
  return cls;
}

}  // namespace miditok::bindings
