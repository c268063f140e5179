// Multi-vocabulary tokenizer bindings: compound encode (ids as (rows, K) numpy arrays, MuMIDI's
// ragged rows as lists of ids), decode of compound ids or tokens, the sub-vocabularies and
// tokens_errors of the C++ MultiVocTokenizer (Octuple, CPWord, MuMIDI). Module-level functions
// over a _CoreTokenizer; Python's MultiVocTokenizer classes wrap them.
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <span>

#include "bind.h"
#include "bind_path.h"
#include "miditok/core/error.h"
#include "miditok/core/error_source.h"
#include "miditok/core/thread_pool.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/tokenizer/multi_voc.h"
#include "py_int_lists.h"

namespace nb = nanobind;

namespace miditok::bindings {
namespace {

const MultiVocTokenizer& mv(const MusicTokenizer& t) {
  const auto* p = dynamic_cast<const MultiVocTokenizer*>(&t);
  if (p == nullptr) throw ConfigError(t.class_name() + " is not a multi-vocabulary tokenizer");
  return *p;
}

using IdsArray = nb::ndarray<nb::numpy, token_id_t, nb::ndim<2>>;

IdsArray ids_array(const CompoundSequence& s) {
  auto* data = new std::vector<token_id_t>(s.ids);
  nb::capsule owner(data,
                    [](void* p) noexcept { delete static_cast<std::vector<token_id_t>*>(p); });
  return IdsArray(data->data(), {s.size(), s.width}, owner);
}

/// Rows of a sequence as lists of ids (without the absent slots of ragged rows, MuMIDI's). A
/// list per row is the hot part of encode: one int object per id value, and the rows untracked
/// by the cyclic GC so that keeping many sequences does not make every collection walk them.
nb::list id_rows(const MultiVocTokenizer& t, const CompoundSequence& s, bool ragged) {
  // The lists count as allocations for the cyclic GC, which would otherwise run a collection
  // every 700 rows (10% of MuMIDI's encode); paused while they are built.
  struct GcPause {
    int was_enabled = PyGC_Disable();
    ~GcPause() {
      if (was_enabled) PyGC_Enable();
    }
  } gc_pause;
  std::size_t vocab_size = 0;  // every id is below it (the others get their own int objects)
  for (const auto& v : t.sub_vocabularies()) vocab_size = std::max(vocab_size, v.size());
  const SharedInts ints = shared_ints_below(vocab_size);
  if (ints.ints == nullptr) throw nb::python_error();
  const std::size_t num_rows = s.size();
  PyObject* rows = PyList_New(static_cast<Py_ssize_t>(num_rows));
  if (rows == nullptr) throw nb::python_error();
  for (std::size_t r = 0; r < num_rows; ++r) {
    const token_id_t* row = s.ids.data() + r * s.width;
    std::size_t len = ragged ? 0 : s.width;
    if (ragged)
      while (len < s.width && row[len] != CompoundSequence::kAbsentSlot) ++len;
    PyObject* list = new_int_list(row, len, ints);
    if (list == nullptr) {
      Py_DECREF(rows);
      throw nb::python_error();
    }
    PyList_SET_ITEM(rows, static_cast<Py_ssize_t>(r), list);
  }
  // The list of rows holds untracked lists only, so it cannot be part of a cycle either:
  // untracked too, so that no collection walks its rows (a tenth of an encode with the
  // results kept, as the benchmark and a dataset loop keep them).
  PyObject_GC_UnTrack(rows);
  return nb::steal<nb::list>(rows);
}

/// The ids of a sequence: a (rows, K) array, or lists of ids for ragged rows.
nb::object ids_object(const MultiVocTokenizer& t, const CompoundSequence& s) {
  if (t.ragged_rows()) return id_rows(t, s, true);
  return nb::cast(ids_array(s));
}

/// The sequences of one encode as (rows of ids as lists, ticks_bars, ticks_beats): the lists
/// TokSequence.ids holds, made here at once.
nb::list to_python(const MultiVocTokenizer& t, const std::vector<CompoundSequence>& seqs) {
  nb::list out;
  for (const auto& s : seqs)
    out.append(nb::make_tuple(id_rows(t, s, t.ragged_rows()), int_list(s.ticks_bars),
                              int_list(s.ticks_beats)));
  return out;
}

std::vector<CompoundSequence> from_python(
    const MultiVocTokenizer& t, const std::vector<std::vector<std::vector<token_id_t>>>& ids) {
  std::vector<CompoundSequence> seqs(ids.size());
  for (std::size_t s = 0; s < ids.size(); ++s) {
    seqs[s].width = t.num_vocabs();
    seqs[s].ids.reserve(ids[s].size() * t.num_vocabs());
    for (std::size_t r = 0; r < ids[s].size(); ++r) {
      const std::size_t n = ids[s][r].size();
      if (n != t.num_vocabs() && !(t.ragged_rows() && n < t.num_vocabs()))
        throw TokenError("sequence " + std::to_string(s) + ", compound token " + std::to_string(r) +
                         " has " + std::to_string(n) + " ids, " + t.class_name() + " expects " +
                         (t.ragged_rows() ? "at most " : "") + std::to_string(t.num_vocabs()));
      seqs[s].ids.insert(seqs[s].ids.end(), ids[s][r].begin(), ids[s][r].end());
      seqs[s].ids.resize(seqs[s].ids.size() + t.num_vocabs() - n, CompoundSequence::kAbsentSlot);
    }
  }
  return seqs;
}

/// from_python of a list of lists (rows) of lists of Python ints read directly, without a
/// nested vector per row; none when the input is anything else (other containers, floats,
/// numpy scalars, ints beyond int32), which the generic conversion then handles.
std::optional<std::vector<CompoundSequence>> from_int_rows(const MultiVocTokenizer& t,
                                                           nb::handle ids) {
  if (!PyList_CheckExact(ids.ptr())) return std::nullopt;
  const std::size_t width = t.num_vocabs();
  std::vector<CompoundSequence> seqs(static_cast<std::size_t>(PyList_GET_SIZE(ids.ptr())));
  for (std::size_t s = 0; s < seqs.size(); ++s) {
    PyObject* seq = PyList_GET_ITEM(ids.ptr(), static_cast<Py_ssize_t>(s));
    if (!PyList_CheckExact(seq)) return std::nullopt;
    const auto rows = static_cast<std::size_t>(PyList_GET_SIZE(seq));
    seqs[s].width = width;
    seqs[s].ids.assign(rows * width, CompoundSequence::kAbsentSlot);
    for (std::size_t r = 0; r < rows; ++r) {
      PyObject* row = PyList_GET_ITEM(seq, static_cast<Py_ssize_t>(r));
      if (!PyList_CheckExact(row)) return std::nullopt;
      const auto n = static_cast<std::size_t>(PyList_GET_SIZE(row));
      if (n > width) return std::nullopt;  // the generic path names the row
      for (std::size_t k = 0; k < n; ++k) {
        PyObject* v = PyList_GET_ITEM(row, static_cast<Py_ssize_t>(k));
        if (!PyLong_CheckExact(v)) return std::nullopt;
        int overflow = 0;
        const long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (overflow != 0 || x < INT32_MIN || x > INT32_MAX) return std::nullopt;
        seqs[s].ids[r * width + k] = static_cast<token_id_t>(x);
      }
      if (n != width && !t.ragged_rows()) return std::nullopt;
    }
  }
  return seqs;
}

}  // namespace

void bind_multi_voc(nb::module_& m) {
  m.def(
      "_mv_sub_vocabs", [](const MusicTokenizer& t) { return mv(t).sub_vocabularies(); },
      nb::arg("tokenizer"), "The tokens of each sub-vocabulary, indexed by id.");
  m.def(
      "_mv_vocab_types_idx", [](const MusicTokenizer& t) { return mv(t).vocab_types_idx(); },
      nb::arg("tokenizer"), "Sub-vocabulary index of each token type.");
  m.def(
      "_mv_encode",
      [](const MusicTokenizer& t, const Score& s, bool no_pre) {
        const auto& m2 = mv(t);
        std::vector<CompoundSequence> seqs;
        {
          nb::gil_scoped_release r;
          seqs = m2.encode_compound(s, no_pre);
        }
        return to_python(m2, seqs);
      },
      nb::arg("tokenizer"), nb::arg("score"), nb::arg("no_preprocess_score") = false,
      "Tokenizes a Score: [(rows of ids as lists, ticks_bars, ticks_beats)] per sequence.");
  m.def(
      "_mv_encode_midi_file",
      [](const MusicTokenizer& t, const FsPath& path, bool no_pre) {
        const auto& m2 = mv(t);
        std::vector<CompoundSequence> seqs;
        {
          nb::gil_scoped_release r;
          try {
            seqs = m2.encode_compound(read_midi_file(path), no_pre);
          } catch (const Error&) {
            rethrow_naming(path);  // encode errors name the file too
          }
        }
        return to_python(m2, seqs);
      },
      nb::arg("tokenizer"), nb::arg("path"), nb::arg("no_preprocess_score") = false,
      "Reads a MIDI file and tokenizes it (GIL released).");
  m.def(
      "_mv_encode_midi_bytes",
      [](const MusicTokenizer& t, const nb::bytes& data, bool no_pre) {
        const auto& m2 = mv(t);
        std::string copy(data.c_str(), data.size());
        std::vector<CompoundSequence> seqs;
        {
          nb::gil_scoped_release r;
          seqs = m2.encode_compound(
              read_midi(std::span<const std::uint8_t>(
                  reinterpret_cast<const std::uint8_t*>(copy.data()), copy.size())),
              no_pre);
        }
        return to_python(m2, seqs);
      },
      nb::arg("tokenizer"), nb::arg("data"), nb::arg("no_preprocess_score") = false);
  m.def(
      "_mv_encode_batch",
      [](const MusicTokenizer& t, const FsPaths& path_args, std::size_t threads) {
        const std::vector<std::string>& paths = path_args;
        const auto& m2 = mv(t);
        std::vector<std::vector<CompoundSequence>> out(paths.size());
        std::vector<std::string> errors(paths.size());
        std::vector<char> ok(paths.size(), 0);
        {
          nb::gil_scoped_release r;
          parallel_for(
              paths.size(),
              [&](std::size_t i) {
                try {
                  out[i] = m2.encode_compound(read_midi_file(paths[i]), false);
                  ok[i] = 1;
                } catch (const std::exception& e) {
                  errors[i] = e.what();
                }
              },
              threads);
        }
        nb::list res, errs;
        for (std::size_t i = 0; i < paths.size(); ++i) {
          if (ok[i]) {
            nb::list per;
            for (const auto& s : out[i]) per.append(ids_object(m2, s));
            res.append(per);
          } else {
            res.append(nb::none());
            errs.append(nb::make_tuple(fs_str(paths[i]), message_str(errors[i])));
          }
        }
        return nb::make_tuple(res, errs);
      },
      nb::arg("tokenizer"), nb::arg("paths"), nb::arg("num_threads") = 0,
      "Tokenizes MIDI files on C++ threads: ((rows, K) arrays per file or None, [(path, error)]).");
  m.def(
      "_mv_decode_ids",
      [](const MusicTokenizer& t, const std::vector<std::vector<std::vector<token_id_t>>>& ids,
         const std::optional<std::vector<ProgramSpec>>& programs) {
        const auto& m2 = mv(t);
        auto seqs = from_python(m2, ids);
        nb::gil_scoped_release r;
        return m2.decode_compound(seqs, programs);
      },
      nb::arg("tokenizer"), nb::arg("ids"), nb::arg("programs") = nb::none(),
      "Decodes compound id sequences (rows of K ids) into a Score.");
  m.def(
      "_mv_decode_int_rows",
      [](const MusicTokenizer& t, nb::handle ids,
         const std::optional<std::vector<ProgramSpec>>& programs) -> nb::object {
        const auto& m2 = mv(t);
        auto seqs = from_int_rows(m2, ids);
        if (!seqs) return nb::none();
        Score score;
        {
          nb::gil_scoped_release r;
          score = m2.decode_compound(*seqs, programs);
        }
        return nb::cast(std::move(score));
      },
      nb::arg("tokenizer"), nb::arg("ids"), nb::arg("programs") = nb::none(),
      "_mv_decode_ids of lists of rows of Python ints read directly; None (nothing decoded) "
      "for any other input, for _mv_decode_ids.");
  m.def(
      "_mv_decode_tokens",
      [](const MusicTokenizer& t, const std::vector<std::vector<std::vector<std::string>>>& toks,
         const std::optional<std::vector<ProgramSpec>>& programs) {
        const auto& m2 = mv(t);
        nb::gil_scoped_release r;
        return m2.decode_compound_tokens(toks, programs);
      },
      nb::arg("tokenizer"), nb::arg("tokens"), nb::arg("programs") = nb::none(),
      "Decodes compound token sequences (rows of K strings) into a Score.");
  m.def(
      "_mv_ids_to_tokens",
      [](const MusicTokenizer& t, const std::vector<std::vector<token_id_t>>& rows) {
        const auto& m2 = mv(t);
        return m2.compound_ids_to_tokens(from_python(m2, {rows})[0]);
      },
      nb::arg("tokenizer"), nb::arg("ids"), "Rows of ids to rows of token strings.");
  m.def(
      "_mv_tokens_to_ids",
      [](const MusicTokenizer& t, const std::vector<std::vector<std::string>>& rows) {
        const auto& m2 = mv(t);
        auto seq = m2.compound_tokens_to_ids(rows);
        std::vector<std::vector<token_id_t>> out(seq.size());
        for (std::size_t r = 0; r < seq.size(); ++r) {
          out[r].assign(seq.ids.begin() + static_cast<std::ptrdiff_t>(r * seq.width),
                        seq.ids.begin() + static_cast<std::ptrdiff_t>((r + 1) * seq.width));
          while (!out[r].empty() && out[r].back() == CompoundSequence::kAbsentSlot)
            out[r].pop_back();
        }
        return out;
      },
      nb::arg("tokenizer"), nb::arg("tokens"), "Rows of token strings to rows of ids.");
  m.def(
      "_mv_tokens_errors",
      [](const MusicTokenizer& t, const std::vector<std::vector<std::string>>& rows) {
        return mv(t).compound_tokens_errors(rows);
      },
      nb::arg("tokenizer"), nb::arg("tokens"), "Ratio of erroneous compound tokens.");
}

}  // namespace miditok::bindings
