// Models bindings: low-level BPE / WordPiece training on word lists and the HF tokenizer pipeline
// (encode, decode, HF JSON). The tokenizer classes wire these into tokenizer.train later.
#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include "bind.h"
#include "miditok/models/bpe_trainer.h"
#include "miditok/models/hf_tokenizer.h"
#include "miditok/models/hf_train.h"
#include "miditok/models/text.h"
#include "miditok/models/unigram_trainer.h"
#include "miditok/models/wordpiece.h"
#include "py_int_lists.h"

namespace nb = nanobind;

namespace miditok::bindings {
namespace {

std::vector<std::u32string> to_u32(const std::vector<std::string>& v) {
  std::vector<std::u32string> out;
  out.reserve(v.size());
  for (const auto& s : v) out.push_back(utf8_to_u32(s));
  return out;
}

// Reads a Python str's code points directly (no UTF-8 round trip).
std::u32string py_u32(nb::handle h) {
  PyObject* o = h.ptr();
  if (!PyUnicode_Check(o)) throw nb::type_error("expected a str");
  const Py_ssize_t n = PyUnicode_GET_LENGTH(o);
  const int kind = PyUnicode_KIND(o);
  const void* data = PyUnicode_DATA(o);
  std::u32string out(static_cast<std::size_t>(n), U'\0');
  // One loop per storage width, which the compiler widens in vector registers.
  const auto widen = [&](const auto* chars) {
    for (Py_ssize_t i = 0; i < n; ++i)
      out[static_cast<std::size_t>(i)] = static_cast<char32_t>(chars[i]);
  };
  if (kind == PyUnicode_1BYTE_KIND) {
    widen(static_cast<const Py_UCS1*>(data));
  } else if (kind == PyUnicode_2BYTE_KIND) {
    widen(static_cast<const Py_UCS2*>(data));
  } else {
    widen(static_cast<const Py_UCS4*>(data));
  }
  return out;
}

std::vector<std::u32string> py_u32_list(nb::handle seq) {
  nb::sequence s = nb::borrow<nb::sequence>(seq);
  std::vector<std::u32string> out;
  out.reserve(nb::len(s));
  for (nb::handle item : s) out.push_back(py_u32(item));
  return out;
}

// A list of ids as a list of the process's shared ints (py_int_lists.h). Ids are below the
// vocabulary's size, far under 2^31: read as int32 (the same object representation).
PyObject* id_list(const std::vector<uint32_t>& ids) {
  PyObject* list = new_int_list(reinterpret_cast<const std::int32_t*>(ids.data()), ids.size());
  if (list == nullptr) throw nb::python_error();
  return list;
}

std::vector<std::string> to_utf8(const std::vector<std::u32string>& v) {
  std::vector<std::string> out;
  out.reserve(v.size());
  for (const auto& s : v) out.push_back(u32_to_utf8(s));
  return out;
}

std::optional<std::u32string> opt_u32(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return utf8_to_u32(*s);
}

BpeTrainerConfig make_config(std::size_t vocab_size, const std::vector<std::string>& special_tokens,
                             const std::vector<std::string>& initial_alphabet,
                             uint64_t min_frequency, std::optional<std::size_t> limit_alphabet,
                             const std::optional<std::string>& prefix,
                             const std::optional<std::string>& suffix,
                             std::optional<std::size_t> max_token_length) {
  BpeTrainerConfig cfg;
  cfg.vocab_size = vocab_size;
  cfg.special_tokens = to_u32(special_tokens);
  for (const auto& ch : initial_alphabet) {
    const std::u32string c = utf8_to_u32(ch);
    if (!c.empty()) cfg.initial_alphabet.push_back(c[0]);  // HF keeps the first char
  }
  cfg.min_frequency = min_frequency;
  cfg.limit_alphabet = limit_alphabet;
  cfg.continuing_subword_prefix = opt_u32(prefix);
  cfg.end_of_word_suffix = opt_u32(suffix);
  cfg.max_token_length = max_token_length;
  return cfg;
}

WordCounts make_words(const std::vector<std::string>& words, const std::vector<uint64_t>& counts) {
  WordCounts wc;
  wc.words = to_u32(words);
  wc.counts = counts;
  return wc;
}

}  // namespace

void bind_models(nb::module_& m) {
  m.def(
      "count_words",
      [](nb::sequence sequences, bool metaspace) {
        const auto seqs = py_u32_list(sequences);
        WordCounts wc;
        {
          nb::gil_scoped_release release;
          wc = count_words(
              seqs, metaspace ? std::optional<MetaspaceConfig>(MetaspaceConfig{}) : std::nullopt);
        }
        return std::make_pair(to_utf8(wc.words), wc.counts);
      },
      nb::arg("sequences"), nb::arg("metaspace") = false,
      "Counts the words of sequences (Metaspace pre-tokenized when metaspace is set).");

  m.def(
      "train_bpe",
      [](const std::vector<std::string>& words, const std::vector<uint64_t>& counts,
         std::size_t vocab_size, const std::vector<std::string>& special_tokens,
         const std::vector<std::string>& initial_alphabet, uint64_t min_frequency,
         std::optional<std::size_t> limit_alphabet, const std::optional<std::string>& prefix,
         const std::optional<std::string>& suffix, std::optional<std::size_t> max_token_length) {
        const WordCounts wc = make_words(words, counts);
        const BpeTrainerConfig cfg =
            make_config(vocab_size, special_tokens, initial_alphabet, min_frequency, limit_alphabet,
                        prefix, suffix, max_token_length);
        HfTokenizer tok;
        {
          nb::gil_scoped_release release;
          const BpeTrainResult res = train_bpe(wc, cfg);
          tok.bpe = make_bpe_model(res, cfg);
          tok.bpe.end_of_word_suffix = cfg.end_of_word_suffix;
        }
        return tok;
      },
      nb::arg("words"), nb::arg("counts"), nb::arg("vocab_size"),
      nb::arg("special_tokens") = std::vector<std::string>{},
      nb::arg("initial_alphabet") = std::vector<std::string>{}, nb::arg("min_frequency") = 0,
      nb::arg("limit_alphabet") = nb::none(), nb::arg("continuing_subword_prefix") = nb::none(),
      nb::arg("end_of_word_suffix") = nb::none(), nb::arg("max_token_length") = nb::none(),
      "Trains a BPE model on words with counts as HF's BpeTrainer; returns an HfTokenizer.");

  m.def(
      "train_wordpiece",
      [](const std::vector<std::string>& words, const std::vector<uint64_t>& counts,
         std::size_t vocab_size, const std::vector<std::string>& special_tokens,
         const std::vector<std::string>& initial_alphabet, uint64_t min_frequency,
         const std::optional<std::string>& prefix) {
        const WordCounts wc = make_words(words, counts);
        const BpeTrainerConfig cfg =
            make_config(vocab_size, special_tokens, initial_alphabet, min_frequency, std::nullopt,
                        prefix, std::nullopt, std::nullopt);
        HfTokenizer tok;
        tok.type = HfModelType::WordPiece;
        {
          nb::gil_scoped_release release;
          tok.wordpiece = train_wordpiece(wc, cfg);
        }
        return tok;
      },
      nb::arg("words"), nb::arg("counts"), nb::arg("vocab_size"),
      nb::arg("special_tokens") = std::vector<std::string>{},
      nb::arg("initial_alphabet") = std::vector<std::string>{}, nb::arg("min_frequency") = 0,
      nb::arg("continuing_subword_prefix") = nb::none(),
      "Trains a WordPiece vocabulary as HF's WordPieceTrainer; returns an HfTokenizer.");

  m.def(
      "train_unigram",
      [](const std::vector<std::string>& words, const std::vector<uint64_t>& counts,
         std::size_t vocab_size, const std::vector<std::string>& special_tokens,
         const std::vector<std::string>& initial_alphabet,
         const std::optional<std::string>& unk_token, std::size_t max_piece_length,
         double shrinking_factor, uint32_t n_sub_iterations, std::size_t seed_size) {
        UnigramTrainerConfig cfg;
        cfg.vocab_size = vocab_size;
        cfg.special_tokens = to_u32(special_tokens);
        for (const auto& a : initial_alphabet)
          for (const char32_t c : utf8_to_u32(a)) cfg.initial_alphabet.push_back(c);
        cfg.unk_token = opt_u32(unk_token);
        cfg.max_piece_length = max_piece_length;
        cfg.shrinking_factor = shrinking_factor;
        cfg.n_sub_iterations = n_sub_iterations;
        cfg.seed_size = seed_size;
        const WordCounts wc = make_words(words, counts);
        HfTokenizer tok;
        tok.type = HfModelType::Unigram;
        {
          nb::gil_scoped_release release;
          tok.unigram = train_unigram(wc, cfg);
        }
        for (const auto& s : cfg.special_tokens) {
          HfAddedToken a;
          a.content = s;
          a.id = *tok.token_to_id(s);
          tok.added_tokens.push_back(a);
        }
        return tok;
      },
      nb::arg("words"), nb::arg("counts"), nb::arg("vocab_size"),
      nb::arg("special_tokens") = std::vector<std::string>{},
      nb::arg("initial_alphabet") = std::vector<std::string>{}, nb::arg("unk_token") = nb::none(),
      nb::arg("max_piece_length") = 16, nb::arg("shrinking_factor") = 0.75,
      nb::arg("n_sub_iterations") = 2, nb::arg("seed_size") = 1000000,
      "Trains a Unigram model on words with counts as HF's UnigramTrainer; returns an "
      "HfTokenizer.");

  m.def(
      "unigram_seed_pieces",
      [](const std::vector<std::string>& words, const std::vector<uint64_t>& counts,
         std::size_t max_piece_length) {
        UnigramTrainerConfig cfg;
        cfg.max_piece_length = max_piece_length;
        const WordCounts wc = make_words(words, counts);
        std::vector<std::pair<std::string, double>> out;
        for (const auto& [p, s] : unigram_seed_pieces(wc, cfg)) out.emplace_back(u32_to_utf8(p), s);
        return out;
      },
      nb::arg("words"), nb::arg("counts"), nb::arg("max_piece_length") = 16,
      "The seed pieces of the Unigram trainer, with their log-probabilities.");

  m.def(
      "train_hf_tokenizer",
      [](nb::sequence sequences, const std::string& model, std::size_t vocab_size,
         std::size_t base_vocab_size, const std::vector<int32_t>& special_token_ids,
         const std::string& encode_ids_split, uint64_t min_frequency,
         std::optional<std::size_t> max_token_length, const std::optional<std::string>& unk_token,
         std::optional<std::size_t> max_input_chars_per_word) {
        HfTrainOptions o;
        o.model = model;
        o.vocab_size = vocab_size;
        o.base_vocab_size = base_vocab_size;
        o.special_token_ids = special_token_ids;
        o.encode_ids_split = encode_ids_split;
        o.min_frequency = min_frequency;
        o.max_token_length = max_token_length;
        o.unk_token = opt_u32(unk_token);
        o.max_input_chars_per_word = max_input_chars_per_word;
        const auto seqs = py_u32_list(sequences);
        nb::gil_scoped_release release;
        const WordCounts wc = count_words(
            seqs, encode_ids_split != "no" ? std::optional<MetaspaceConfig>(MetaspaceConfig{})
                                           : std::nullopt);
        return train_hf_tokenizer(wc, o);
      },
      nb::arg("sequences"), nb::arg("model"), nb::arg("vocab_size"), nb::arg("base_vocab_size"),
      nb::arg("special_token_ids"), nb::arg("encode_ids_split") = "bar",
      nb::arg("min_frequency") = 0, nb::arg("max_token_length") = nb::none(),
      nb::arg("unk_token") = nb::none(), nb::arg("max_input_chars_per_word") = nb::none(),
      "Trains the HF pipeline MidiTok's train builds, from its training strings (one per bar / "
      "beat / sequence).");

  nb::class_<HfTokenizer>(m, "HfTokenizer",
                          "A trained HF tokenizers pipeline (BPE / WordPiece / Unigram).")
      .def_static(
          "from_str", [](const std::string& s) { return HfTokenizer::from_str(s); },
          "Parses an HF tokenizer JSON document.")
      .def("to_str", &HfTokenizer::to_str, "Serialises as HF's Tokenizer.to_str().")
      .def_prop_ro("model_name", &HfTokenizer::model_name, "BPE, WordPiece or Unigram.")
      .def_prop_ro("vocab_size", &HfTokenizer::vocab_size, "Size of the trained vocabulary.")
      .def(
          "id_to_token",
          [](const HfTokenizer& t, uint32_t id) { return u32_to_utf8(t.id_to_token(id)); },
          "The token string of an id.")
      .def(
          "token_to_id",
          [](const HfTokenizer& t, const std::string& s) { return t.token_to_id(utf8_to_u32(s)); },
          "The id of a token string, or None.")
      .def(
          "encode",
          [](const HfTokenizer& t, nb::sequence words) {
            const auto w = py_u32_list(words);
            std::vector<uint32_t> ids;
            {
              nb::gil_scoped_release release;
              ids = t.encode(w);
            }
            return nb::steal<nb::list>(id_list(ids));
          },
          nb::arg("words"), "Encodes pre-tokenized words into ids.")
      .def(
          "encode_batch",
          [](const HfTokenizer& t, nb::sequence batch) {
            std::vector<std::vector<std::u32string>> b;
            b.reserve(nb::len(batch));
            for (nb::handle words : batch) b.push_back(py_u32_list(words));
            std::vector<std::vector<uint32_t>> ids;
            {
              nb::gil_scoped_release release;
              ids = t.encode_batch(b);
            }
            nb::list out;
            for (const auto& row : ids) out.append(nb::steal(id_list(row)));
            return out;
          },
          nb::arg("batch"), "Encodes many sequences of pre-tokenized words on all threads.")
      .def("decode_to_base_ids", &HfTokenizer::decode_to_base_ids, nb::arg("ids"),
           "Maps trained ids back to base token ids.")
      .def(
          "set_metaspace",
          [](HfTokenizer& t, bool on) {
            t.pre_tokenizer = on ? std::optional<MetaspaceConfig>(MetaspaceConfig{}) : std::nullopt;
            t.decoder = t.pre_tokenizer;
          },
          nb::arg("on"), "Sets or removes the default Metaspace pre-tokenizer and decoder.")
      .def(
          "add_special_tokens",
          [](HfTokenizer& t, const std::vector<std::string>& tokens) {
            for (const auto& s : tokens) {
              const std::u32string c = utf8_to_u32(s);
              HfAddedToken a;
              a.content = c;
              const auto id = t.token_to_id(c);
              a.id = id ? *id : static_cast<uint32_t>(t.vocab_size());
              t.added_tokens.push_back(a);
            }
          },
          nb::arg("tokens"), "Registers special added tokens (ids from the vocab when present).")
      .def(
          "add_tokens",
          [](HfTokenizer& t, const std::vector<std::string>& tokens) {
            std::size_t added = 0;
            for (const auto& s : tokens) {
              const std::u32string c = utf8_to_u32(s);
              if (t.token_to_id(c)) continue;  // HF skips tokens it already knows
              HfAddedToken a;
              a.content = c;
              a.id = static_cast<uint32_t>(t.vocab_size());
              a.normalized = true;
              a.special = false;
              t.added_tokens.push_back(a);
              ++added;
            }
            return added;
          },
          nb::arg("tokens"),
          "Adds non-special tokens at the next ids (HF Tokenizer.add_tokens); returns how many.");
}

}  // namespace miditok::bindings
