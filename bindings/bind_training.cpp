// Bindings of tokenizer training and of the trained model's encode / decode (GIL released).
#include <nanobind/nanobind.h>
#include <nanobind/stl/function.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include "bind.h"
#include "bind_path.h"
#include "miditok/core/thread_pool.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/models/text.h"
#include "miditok/tokenizer/training.h"

namespace nb = nanobind;

namespace miditok::bindings {

namespace {

TrainingOptions make_options(std::size_t vocab_size, const std::string& model,
                             uint64_t min_frequency, std::optional<std::size_t> max_token_length,
                             std::optional<std::size_t> limit_alphabet,
                             const std::optional<std::string>& unk_token,
                             std::optional<std::size_t> max_input_chars_per_word,
                             std::optional<std::size_t> max_piece_length, double shrinking_factor,
                             uint32_t n_sub_iterations) {
  TrainingOptions o;
  o.vocab_size = vocab_size;
  o.model = model;
  o.min_frequency = min_frequency;
  o.max_token_length = max_token_length;
  o.limit_alphabet = limit_alphabet;
  if (unk_token) o.unk_token = utf8_to_u32(*unk_token);
  o.max_input_chars_per_word = max_input_chars_per_word;
  o.max_piece_length = max_piece_length;
  o.shrinking_factor = shrinking_factor;
  o.n_sub_iterations = n_sub_iterations;
  return o;
}

nb::list skipped_list(const SkippedFiles& skipped) {
  nb::list out;
  for (const auto& [p, e] : skipped) out.append(nb::make_tuple(fs_str(p), message_str(e)));
  return out;
}

// A sequence to encode: base ids, event times (for bar/beat splits) and split ticks.
using SeqInput = std::tuple<std::vector<token_id_t>, std::vector<tick_t>, std::vector<tick_t>>;

TokSequence to_seq(const MusicTokenizer& tok, SeqInput&& in) {
  TokSequence s;
  s.ids = std::move(std::get<0>(in));
  s.events.resize(std::get<1>(in).size());
  for (std::size_t i = 0; i < s.events.size(); ++i) s.events[i].time = std::get<1>(in)[i];
  if (tok.config().encode_ids_split == "beat")
    s.ticks_beats = std::move(std::get<2>(in));
  else
    s.ticks_bars = std::move(std::get<2>(in));
  return s;
}

#define MIDITOK_TRAIN_ARGS                                                                 \
  nb::arg("vocab_size"),                                                                   \
      nb::arg("model") = "BPE", nb::arg("min_frequency") = 0,                              \
      nb::arg("max_token_length") = nb::none(), nb::arg("limit_alphabet") = nb::none(),    \
      nb::arg("unk_token") = nb::none(), nb::arg("max_input_chars_per_word") = nb::none(), \
      nb::arg("max_piece_length") = nb::none(), nb::arg("shrinking_factor") = 0.75,        \
      nb::arg("n_sub_iterations") = 2

}  // namespace

void bind_training(nb::module_& m) {
  m.def(
      "_train_from_files",
      [](const MusicTokenizer& tok, const FsPaths& paths, std::size_t vocab_size,
         const std::string& model, uint64_t min_frequency,
         std::optional<std::size_t> max_token_length, std::optional<std::size_t> limit_alphabet,
         const std::optional<std::string>& unk_token,
         std::optional<std::size_t> max_input_chars_per_word,
         std::optional<std::size_t> max_piece_length, double shrinking_factor,
         uint32_t n_sub_iterations, nb::object progress) {
        const TrainingOptions o = make_options(
            vocab_size, model, min_frequency, max_token_length, limit_alphabet, unk_token,
            max_input_chars_per_word, max_piece_length, shrinking_factor, n_sub_iterations);
        std::function<void(std::size_t)> cb;
        if (!progress.is_none())
          cb = [&progress](std::size_t done) {
            nb::gil_scoped_acquire acquire;
            progress(done);
          };
        TrainingResult r;
        {
          nb::gil_scoped_release release;
          r = train_from_files(tok, paths, o, cb);
        }
        return nb::make_tuple(std::move(r.model), r.files_used, skipped_list(r.skipped));
      },
      nb::arg("tokenizer"), nb::arg("paths"), MIDITOK_TRAIN_ARGS, nb::arg("progress") = nb::none(),
      "Trains a model from MIDI files on all threads: (model, files used, [(path, error)]).");

  m.def(
      "_train_from_strings",
      [](const MusicTokenizer& tok, const std::vector<std::string>& strings, std::size_t vocab_size,
         const std::string& model, uint64_t min_frequency,
         std::optional<std::size_t> max_token_length, std::optional<std::size_t> limit_alphabet,
         const std::optional<std::string>& unk_token,
         std::optional<std::size_t> max_input_chars_per_word,
         std::optional<std::size_t> max_piece_length, double shrinking_factor,
         uint32_t n_sub_iterations) {
        const TrainingOptions o = make_options(
            vocab_size, model, min_frequency, max_token_length, limit_alphabet, unk_token,
            max_input_chars_per_word, max_piece_length, shrinking_factor, n_sub_iterations);
        std::vector<std::u32string> s;
        s.reserve(strings.size());
        for (const auto& x : strings) s.push_back(utf8_to_u32(x));
        nb::gil_scoped_release release;
        return train_model(tok, count_training_strings(tok, s), o);
      },
      nb::arg("tokenizer"), nb::arg("strings"), MIDITOK_TRAIN_ARGS,
      "Trains a model from training strings (bytes chr(id + 33), one per bar / beat / sequence).");

  m.def(
      "_training_strings_files",
      [](const MusicTokenizer& tok, const FsPaths& path_args) {
        const std::vector<std::string>& paths = path_args;
        std::vector<std::vector<std::u32string>> per_file(paths.size());
        std::vector<std::string> errors(paths.size());
        std::vector<char> ok(paths.size(), 0);
        {
          nb::gil_scoped_release release;
          parallel_for(paths.size(), [&](std::size_t i) {
            try {
              per_file[i] = training_strings(tok, read_midi_file(paths[i]));
              ok[i] = 1;
            } catch (const std::exception& e) {
              errors[i] = e.what();
            }
          });
        }
        nb::list out;
        for (std::size_t i = 0; i < paths.size(); ++i) {
          if (!ok[i]) {
            out.append(nb::make_tuple(nb::none(), message_str(errors[i])));
            continue;
          }
          nb::list strs;
          for (const auto& s : per_file[i]) strs.append(u32_to_utf8(s));
          out.append(nb::make_tuple(strs, nb::none()));
        }
        return out;
      },
      nb::arg("tokenizer"), nb::arg("paths"),
      "MidiTok's training strings of each file: [(strings or None, error or None)].");

  m.def(
      "_encode_token_ids",
      [](const MusicTokenizer& tok, const HfTokenizer& model, std::vector<SeqInput> inputs) {
        std::vector<TokSequence> seqs;
        seqs.reserve(inputs.size());
        for (auto& in : inputs) seqs.push_back(to_seq(tok, std::move(in)));
        {
          nb::gil_scoped_release release;
          if (seqs.size() == 1)
            encode_token_ids(tok, model, seqs[0]);
          else
            encode_token_ids(tok, model, seqs);
        }
        std::vector<std::vector<token_id_t>> out;
        out.reserve(seqs.size());
        for (auto& s : seqs) out.push_back(std::move(s.ids));
        return out;
      },
      nb::arg("tokenizer"), nb::arg("model"), nb::arg("sequences"),
      "Encodes (ids, event times, split ticks) sequences with a trained model.");

  m.def(
      "_model_vocab",
      [](const HfTokenizer& model) {
        nb::dict d;
        for (std::size_t i = 0; i < model.vocab_size(); ++i)
          d[nb::str(u32_to_utf8(model.id_to_token(static_cast<uint32_t>(i))).c_str())] = i;
        return d;
      },
      nb::arg("model"), "The trained vocabulary {token: id} (HF get_vocab).");

  m.def(
      "_check_trainable", [](const MusicTokenizer& tok) { check_trainable(tok); },
      nb::arg("tokenizer"), "Raises TokenError when the tokenization cannot be trained.");
}

}  // namespace miditok::bindings
