// Tokenizer bindings: the C++ MusicTokenizer (built by MidiTok class name from a config JSON or a
// params file), its vocabulary and derived values, encode / decode / preprocess_score, a batch
// encoder over files (C++ threads, GIL released) and the core TokSequence. The Python classes of
// miditok_cpp (TokenizerConfig, TokSequence, REMI, ...) wrap these.
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/set.h>
#include <nanobind/stl/shared_ptr.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/unique_ptr.h>
#include <nanobind/stl/vector.h>

#include <algorithm>
#include <memory>
#include <tuple>

#include "bind.h"
#include "bind_attribute_controls.h"
#include "bind_encode_result.h"
#include "bind_numpy.h"
#include "bind_path.h"
#include "miditok/core/error.h"
#include "miditok/core/error_source.h"
#include "miditok/data/encode_files.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/models/text.h"
#include "miditok/tokenizer/config.h"
#include "miditok/tokenizer/config_warnings.h"
#include "miditok/tokenizer/encode_limits.h"
#include "miditok/tokenizer/music_tokenizer.h"
#include "py_int_lists.h"

namespace nb = nanobind;

namespace miditok::bindings {
namespace {

std::vector<TokSequence> seqs_from_ids(const std::vector<std::vector<token_id_t>>& ids) {
  std::vector<TokSequence> seqs(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) seqs[i].ids = ids[i];
  return seqs;
}

/// The value of an exact int `v` stored in one digit (every token id): read inline, without the
/// call PyLong_AsLongLongAndOverflow costs per id. False for any other int (the caller calls it).
inline bool one_digit_int(PyObject* v, long long& out) {
#if PY_VERSION_HEX >= 0x030C0000
  if (!PyUnstable_Long_IsCompact(reinterpret_cast<PyLongObject*>(v))) return false;
  out = PyUnstable_Long_CompactValue(reinterpret_cast<PyLongObject*>(v));
  return true;
#else
  const Py_ssize_t size = Py_SIZE(v);  // digits, negative for a negative int
  if (size != 0 && size != 1) return false;
  out = size == 0 ? 0 : static_cast<long long>(reinterpret_cast<PyLongObject*>(v)->ob_digit[0]);
  return true;
#endif
}

/// The sequences of a list of lists of Python ints, each in [0, 2**31), as core sequences; none
/// when anything else is given (other containers, floats, bools, numpy scalars, bad values), which
/// the Python side then checks and names.
std::optional<std::vector<TokSequence>> seqs_from_int_lists(nb::handle seqs) {
  if (!PyList_CheckExact(seqs.ptr())) return std::nullopt;
  const Py_ssize_t n = PyList_GET_SIZE(seqs.ptr());
  std::vector<TokSequence> out(static_cast<std::size_t>(n));
  for (Py_ssize_t i = 0; i < n; ++i) {
    PyObject* seq = PyList_GET_ITEM(seqs.ptr(), i);
    if (!PyList_CheckExact(seq)) return std::nullopt;
    const Py_ssize_t len = PyList_GET_SIZE(seq);
    auto& ids = out[static_cast<std::size_t>(i)].ids;
    ids.resize(static_cast<std::size_t>(len));
    for (Py_ssize_t k = 0; k < len; ++k) {
      PyObject* v = PyList_GET_ITEM(seq, k);
      if (!PyLong_CheckExact(v)) return std::nullopt;
      long long x = 0;
      if (!one_digit_int(v, x)) {
        int overflow = 0;
        x = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (overflow != 0) return std::nullopt;
      }
      if (x < 0 || x > 0x7fffffffLL) return std::nullopt;
      ids[static_cast<std::size_t>(k)] = static_cast<token_id_t>(x);
    }
  }
  return out;
}

std::vector<TokSequence> seqs_from_tokens(const std::vector<std::vector<std::string>>& toks) {
  std::vector<TokSequence> seqs(toks.size());
  for (std::size_t i = 0; i < toks.size(); ++i) seqs[i].tokens = toks[i];
  return seqs;
}

void bind_tok_sequence(nb::module_& m) {
  nb::class_<TokSequence>(m, "_CoreTokSequence", "A token sequence produced by the C++ core.")
      .def_prop_ro("ids", [](const TokSequence& s) { return int_list(s.ids); })
      .def_ro("tokens", &TokSequence::tokens)
      .def(
          "ids_array",
          [](const TokSequence& s) {
            auto* data = new std::vector<token_id_t>(s.ids);
            nb::capsule owner(
                data, [](void* p) noexcept { delete static_cast<std::vector<token_id_t>*>(p); });
            return nb::ndarray<nb::numpy, token_id_t, nb::ndim<1>>(data->data(), {data->size()},
                                                                   owner);
          },
          "The ids as a numpy int32 array.")
      .def_prop_ro("ticks_bars", [](const TokSequence& s) { return int_list(s.ticks_bars); })
      .def_prop_ro("ticks_beats", [](const TokSequence& s) { return int_list(s.ticks_beats); })
      .def(
          "event_tuples",
          [](const TokSequence& s) {
            nb::list out;
            for (const auto& e : s.events)
              out.append(
                  nb::make_tuple(std::string(e.type), e.value.view(), e.time, e.program, e.desc));
            return out;
          },
          "The events as (type, value, time, program, desc) tuples.")
      .def(
          "event_times",
          [](const TokSequence& s) {
            std::vector<tick_t> t;
            t.reserve(s.events.size());
            for (const auto& e : s.events) t.push_back(e.time);
            return t;
          },
          "Time of each event.");
}

std::string read_text(const std::string& path) { return read_file_bytes(path); }

// The config was finalized once, when the Python TokenizerConfig was built: it is checked again
// (on a copy), not re-finalized, so that the core's values stay MidiTok's; the tokenization
// then changes it as MidiTok's constructor does, with its warnings.
std::tuple<std::unique_ptr<MusicTokenizer>, std::string, std::vector<std::string>> create_reporting(
    const std::string& cls, const std::string& config_json) {
  TokenizerConfig config = TokenizerConfig::read_exact_json(config_json);
  TokenizerConfig(config).finalize();
  std::string read = config.to_json();
  ConfigWarningScope warnings;
  std::unique_ptr<MusicTokenizer> t = MusicTokenizer::create(cls, std::move(config));
  return {std::move(t), std::move(read), warnings.take()};
}

}  // namespace

void bind_tokenizer(nb::module_& m) {
  bind_tok_sequence(m);

  m.def("_python_set_order", &python_set_order, nb::arg("values"),
        "Orders ints as CPython iterates set(values).");
  m.def("_python_float_repr", &python_float_repr, nb::arg("value"));
  m.def(
      "set_encode_limits",
      [](std::int64_t base_beats, std::int64_t beats_per_event) {
        set_encode_limits({base_beats, beats_per_event});
      },
      nb::arg("base_beats") = EncodeLimits{}.base_beats,
      nb::arg("beats_per_event") = EncodeLimits{}.beats_per_event,
      "Sets the encode bound: a score may last base_beats + beats_per_event * events beats "
      "(docs/limits.md); the defaults when called without arguments.");
  m.def(
      "encode_limits",
      [] {
        const EncodeLimits l = encode_limits();
        return nb::make_tuple(l.base_beats, l.beats_per_event);
      },
      "The encode bound: (base_beats, beats_per_event).");
  nb::class_<MusicTokenizer>(m, "_CoreTokenizer", "A C++ MusicTokenizer (REMI, ...).")
      .def_static(
          "create",
          [](const std::string& cls, const std::string& config_json) {
            return std::get<0>(create_reporting(cls, config_json));
          },
          nb::arg("class_name"), nb::arg("config_json"),
          "Builds a tokenizer by MidiTok class name from a config in to_json's exact form.")
      .def_static("create_reporting", &create_reporting, nb::arg("class_name"),
                  nb::arg("config_json"),
                  "create, also giving the config as read and the warnings the tokenization's "
                  "constructor gives about it: (tokenizer, config JSON as read, warnings); the "
                  "tokenizer's config_json() is the config after its constructor.")
      .def_static(
          "from_params_json",
          [](const std::string& json) { return MusicTokenizer::from_json(json); }, nb::arg("json"),
          "Builds the tokenizer a tokenizer.json document describes.")
      .def_static(
          "load",
          [](const FsPath& path) {
            std::string text = read_text(path);
            try {
              return MusicTokenizer::from_json(text);
            } catch (const ConfigError& e) {
              throw ConfigError(std::string(e.what()) + " (in " + path.bytes + ")");
            }
          },
          nb::arg("path"), "Loads a params file (ours or MidiTok's).")
      .def("clone", &MusicTokenizer::clone)
      .def_prop_ro("class_name", &MusicTokenizer::class_name)
      .def("config_json", [](const MusicTokenizer& t) { return t.config().to_json(); })
      .def("to_json", &MusicTokenizer::to_json, nb::arg("indent") = 4)
      .def(
          "save",
          [](const MusicTokenizer& t, const FsPath& out_path, const std::string& filename) {
            t.save(out_path, filename);
          },
          nb::arg("out_path"), nb::arg("filename") = "tokenizer.json")
      .def("tokens", &MusicTokenizer::tokens, "Every base token, indexed by id.")
      .def("token_to_id", &MusicTokenizer::token_to_id, nb::arg("token"))
      .def("id_to_token", &MusicTokenizer::id_to_token, nb::arg("id"))
      .def("has_token", &MusicTokenizer::has_token, nb::arg("token"))
      .def("token_ids_of_type", &MusicTokenizer::token_ids_of_type, nb::arg("token_type"))
      .def(
          "add_to_vocab",
          [](MusicTokenizer& t, const std::string& token, bool special_token,
             const std::string& byte) { t.add_to_vocab(token, special_token, utf8_to_u32(byte)); },
          nb::arg("token"), nb::arg("special_token") = false, nb::arg("byte") = "",
          "Adds a token at the next id; byte (default chr(id + 33)) is its byte string.")
      .def(
          "unigram_byte",
          [](const MusicTokenizer& t, const std::string& token) {
            return u32_to_utf8(t.unigram_byte(token));
          },
          nb::arg("token"), "MidiTok's byte of a \"<special>-unigram\" token ('' if none).")
      .def("vocab_size", &MusicTokenizer::vocab_size)
      .def("special_tokens", &MusicTokenizer::special_tokens)
      .def("id_to_byte",
           [](const MusicTokenizer& t) -> nb::object {
             std::u32string s(t.id_to_byte().begin(), t.id_to_byte().end());
             auto str = nb::steal<nb::str>(PyUnicode_FromKindAndData(
                 PyUnicode_4BYTE_KIND, s.data(), static_cast<Py_ssize_t>(s.size())));
             if (t.custom_bytes().empty()) return str;
             // Some bytes are several characters: one string per id.
             nb::list out;
             for (std::size_t i = 0; i < s.size(); ++i)
               out.append(nb::str(u32_to_utf8(t.byte_of(static_cast<token_id_t>(i))).c_str()));
             return out;
           })
      .def("types_graph", &MusicTokenizer::tokens_types_graph)
      .def_prop_ro("one_token_stream", &MusicTokenizer::one_token_stream)
      .def_prop_ro("time_division", &MusicTokenizer::time_division)
      .def_prop_ro("tpb_per_ts", &MusicTokenizer::tpb_per_ts)
      .def_prop_ro("time_signatures", &MusicTokenizer::time_signatures)
      .def_prop_ro("durations", &MusicTokenizer::durations)
      .def_prop_ro("rests", &MusicTokenizer::rests)
      .def_prop_ro("velocities", &MusicTokenizer::velocities)
      .def_prop_ro("tempos", &MusicTokenizer::tempos)
      .def_prop_ro("default_tempo", &MusicTokenizer::default_tempo)
      .def_prop_ro("pitch_bends", &MusicTokenizer::pitch_bends)
      .def_prop_ro("control_change_values", &MusicTokenizer::control_change_values)
      .def(
          "preprocess_score",
          [](const MusicTokenizer& t, const Score& s) {
            nb::gil_scoped_release r;
            return t.preprocess_score(s);
          },
          nb::arg("score"))
      .def(
          "encode",
          [](const MusicTokenizer& t, const Score& s, bool no_pre, nb::handle ac, bool encode_ids) {
            const AcIndexes acs = ac_indexes_from_python(ac);
            nb::gil_scoped_release r;
            return t.encode(s, no_pre, false, acs, encode_ids);
          },
          nb::arg("score"), nb::arg("no_preprocess_score") = false,
          nb::arg("attribute_controls_indexes") = nb::none(), nb::arg("encode_ids") = false,
          "Tokenizes a Score (ids and events; tokens follow from the ids), with the attribute "
          "controls {track: {ac: True | [bar, ...]}}.")
      .def(
          "encode_midi_file",
          [](const MusicTokenizer& t, const FsPath& path, bool no_pre, nb::handle ac,
             bool encode_ids) {
            const AcIndexes acs = ac_indexes_from_python(ac);
            nb::gil_scoped_release r;
            try {
              return t.encode(read_midi_file(path), no_pre, false, acs, encode_ids);
            } catch (const Error&) {
              rethrow_naming(path);  // encode errors name the file too
            }
          },
          nb::arg("path"), nb::arg("no_preprocess_score") = false,
          nb::arg("attribute_controls_indexes") = nb::none(), nb::arg("encode_ids") = false,
          "Reads a MIDI file and tokenizes it (GIL released).")
      .def(
          "encode_midi_bytes",
          [](const MusicTokenizer& t, const nb::bytes& data, bool no_pre, nb::handle ac,
             bool encode_ids) {
            const AcIndexes acs = ac_indexes_from_python(ac);
            std::string copy(data.c_str(), data.size());
            nb::gil_scoped_release r;
            return t.encode(read_midi(std::span<const std::uint8_t>(
                                reinterpret_cast<const std::uint8_t*>(copy.data()), copy.size())),
                            no_pre, false, acs, encode_ids);
          },
          nb::arg("data"), nb::arg("no_preprocess_score") = false,
          nb::arg("attribute_controls_indexes") = nb::none(), nb::arg("encode_ids") = false)
      .def(
          "attribute_controls",
          [](const MusicTokenizer& t) {
            std::vector<std::shared_ptr<AttributeControl>> out;
            for (const auto& ac : t.attribute_controls())
              out.push_back(std::const_pointer_cast<AttributeControl>(ac));
            return out;
          },
          "The attribute controls of the tokenizer, in MidiTok's order.")
      .def(
          "add_attribute_control",
          [](MusicTokenizer& t, std::shared_ptr<AttributeControl> ac) {
            t.add_attribute_control(std::move(ac));
          },
          nb::arg("attribute_control"),
          "Adds an attribute control; its tokens missing from the vocabulary are appended.")
      .def(
          "encode_batch",
          [](const MusicTokenizer& t, const FsPaths& path_args, std::size_t threads,
             const HfTokenizer* model, std::optional<RatioRange> ac_tracks_ratio,
             std::optional<RatioRange> ac_bars_ratio, std::vector<std::uint64_t> ac_seeds) {
            const std::vector<std::string>& paths = path_args;
            EncodeFilesResult r;
            {
              nb::gil_scoped_release release;
              RandomAcOptions acs{ac_tracks_ratio, ac_bars_ratio, std::move(ac_seeds)};
              const bool with_acs = ac_tracks_ratio || ac_bars_ratio;
              r = encode_files(t, model, paths, threads, nullptr, with_acs ? &acs : nullptr);
            }
            return encoded_files_py(r, paths);
          },
          nb::arg("paths"), nb::arg("num_threads") = 0, nb::arg("model").none() = nb::none(),
          nb::arg("ac_tracks_ratio").none() = nb::none(),
          nb::arg("ac_bars_ratio").none() = nb::none(),
          nb::arg("ac_seeds") = std::vector<std::uint64_t>(),
          "Tokenizes MIDI/ABC files on C++ threads with the GIL released, with the trained model "
          "when given and random attribute controls (one seed per file) when a ratio range is "
          "given: ([int32 array per sequence] per file or None, [(path, error)]).")
      .def(
          "decode_ids",
          [](const MusicTokenizer& t, const std::vector<std::vector<token_id_t>>& ids,
             const std::optional<std::vector<ProgramSpec>>& programs) {
            auto seqs = seqs_from_ids(ids);
            nb::gil_scoped_release r;
            return t.decode(std::move(seqs), programs);
          },
          nb::arg("ids"), nb::arg("programs") = nb::none())
      .def(
          "decode_int_lists",
          [](const MusicTokenizer& t, nb::handle ids,
             const std::optional<std::vector<ProgramSpec>>& programs) -> nb::object {
            auto seqs = seqs_from_int_lists(ids);
            if (!seqs) return nb::none();
            Score score;
            {
              nb::gil_scoped_release r;
              score = t.decode(std::move(*seqs), programs);
            }
            return nb::cast(std::move(score));
          },
          nb::arg("ids"), nb::arg("programs") = nb::none(),
          "decode_ids of a list of lists of ints in [0, 2**31) read without a copy through "
          "Python objects; None (nothing decoded) for any other input, to check in Python.")
      .def(
          "decode_tokens",
          [](const MusicTokenizer& t, const std::vector<std::vector<std::string>>& toks,
             const std::optional<std::vector<ProgramSpec>>& programs) {
            auto seqs = seqs_from_tokens(toks);
            nb::gil_scoped_release r;
            return t.decode(std::move(seqs), programs);
          },
          nb::arg("tokens"), nb::arg("programs") = nb::none())
      .def(
          "tokens_errors_tokens",
          [](const MusicTokenizer& t, const std::vector<std::string>& toks) {
            TokSequence s;
            s.tokens = toks;
            return t.tokens_errors(std::move(s));
          },
          nb::arg("tokens"))
      .def(
          "ids_to_tokens",
          [](const MusicTokenizer& t, const std::vector<token_id_t>& ids) {
            std::vector<std::string> out;
            out.reserve(ids.size());
            for (auto id : ids) out.push_back(t.id_to_token(id));
            return out;
          },
          nb::arg("ids"))
      .def(
          "tokens_to_ids",
          [](const MusicTokenizer& t, const std::vector<std::string>& toks) {
            std::vector<token_id_t> out;
            out.reserve(toks.size());
            for (const auto& s : toks) out.push_back(t.token_to_id(s));
            return out;
          },
          nb::arg("tokens"))
      .def("score_has_time_signatures_not_in_vocab",
           &MusicTokenizer::score_has_time_signatures_not_in_vocab, nb::arg("score"))
      .def(
          "__eq__", [](const MusicTokenizer& a, const MusicTokenizer& b) { return a == b; },
          nb::is_operator(), nb::sig(kEqSignature));
}

}  // namespace miditok::bindings
