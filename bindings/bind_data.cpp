// Data bindings: score splitting and the threaded split of music files into chunk files.
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <exception>
#include <thread>
#include <utility>

#include "bind.h"
#include "bind_numpy.h"
#include "bind_path.h"
#include "miditok/data/dataset_tokenize.h"
#include "miditok/data/split.h"
#include "miditok/data/split_files.h"

namespace nb = nanobind;

namespace miditok::bindings {

namespace {

DatasetTokenizeOptions dataset_options(int max_seq_len, std::optional<token_id_t> bos,
                                       std::optional<token_id_t> eos, bool all_tracks) {
  DatasetTokenizeOptions o;
  o.max_seq_len = max_seq_len;
  o.bos_token_id = bos;
  o.eos_token_id = eos;
  o.all_tracks = all_tracks;
  return o;
}

// split_midi_files' results for Python: (chunk paths of all files in order, chunks per file,
// [(file index, error)], bytes of each chunk).
nb::tuple split_results(const std::vector<SplitFileResult>& results) {
  nb::list chunks;
  std::vector<std::int64_t> counts;
  std::vector<std::int64_t> sizes;
  counts.reserve(results.size());
  nb::list errors;
  for (std::size_t i = 0; i < results.size(); ++i) {
    for (const auto& path : results[i].chunk_paths) chunks.append(fs_str(path));
    sizes.insert(sizes.end(), results[i].chunk_sizes.begin(), results[i].chunk_sizes.end());
    counts.push_back(static_cast<std::int64_t>(results[i].chunk_paths.size()));
    if (!results[i].error.empty()) errors.append(nb::make_tuple(i, message_str(results[i].error)));
  }
  return nb::make_tuple(chunks, numpy_of(std::move(counts)), errors, numpy_of(std::move(sizes)));
}

// One split_files_for_training output written over several calls (Python's progress batches).
// A batch can run in the background (start / advance) while Python turns the previous batch's
// chunk paths into objects, so that no core waits on the interpreter between batches.
struct SplitBatch {
  explicit SplitBatch(const SplitFilesOptions& opts) : options(opts) { dirs.stage(opts.save_dir); }
  SplitBatch(const SplitBatch&) = delete;
  SplitBatch& operator=(const SplitBatch&) = delete;
  ~SplitBatch() { wait(); }  // before `spares` and `dirs` go: the batch writes through them

  // Starts splitting `paths` on a background thread (after the running batch, if any, ended).
  void start(std::vector<std::string> paths, std::size_t threads) {
    wait();
    running = std::thread([this, paths = std::move(paths), threads] {
      try {
        done = split_midi_files(paths, options, threads, dirs, spares);
      } catch (...) {
        error = std::current_exception();
      }
    });
  }
  // Waits for the running batch; its results (empty when none ran), or its error rethrown.
  std::vector<SplitFileResult> wait() {
    if (running.joinable()) running.join();
    if (error) std::rethrow_exception(std::exchange(error, nullptr));
    return std::exchange(done, {});
  }

  SplitFilesOptions options;
  OutputDirs dirs;
  SpareInodes spares;  // after `dirs`: deleted while its directories are open
  std::thread running;
  std::vector<SplitFileResult> done;
  std::exception_ptr error;
};

}  // namespace

void bind_data(nb::module_& m) {
  m.def(
      "split_score_per_note_density",
      [](const Score& score, int max_seq_len, double average_num_tokens_per_note,
         int num_overlap_bars, std::optional<int> min_seq_len) {
        nb::gil_scoped_release release;
        return split_score_per_note_density(score, max_seq_len, average_num_tokens_per_note,
                                            num_overlap_bars, min_seq_len);
      },
      nb::arg("score"), nb::arg("max_seq_len"), nb::arg("average_num_tokens_per_note"),
      nb::arg("num_overlap_bars") = 1, nb::arg("min_seq_len") = nb::none(),
      "Splits a score at bars into chunks of about max_seq_len tokens "
      "(split_score_per_note_density).");
  m.def(
      "split_score_per_ticks",
      [](const Score& score, std::vector<tick_t> ticks) {
        nb::gil_scoped_release release;
        return split_score_per_ticks(score, std::move(ticks));
      },
      nb::arg("score"), nb::arg("ticks"),
      "Splits a score at the given ticks: [0, t1), [t1, t2), ..., [tn, end + 1).");
  m.def(
      "split_score_per_beats",
      [](const Score& score, int max_num_beats, int min_num_beats) {
        nb::gil_scoped_release release;
        return split_score_per_beats(score, max_num_beats, min_num_beats);
      },
      nb::arg("score"), nb::arg("max_num_beats"), nb::arg("min_num_beats") = 1,
      "Splits a score every max_num_beats beats (split_score_per_beats).");
  m.def("split_score_per_tracks", &split_score_per_tracks, nb::arg("score"),
        "One score per track, each with the tempos, signatures and markers.");
  m.def(
      "deepest_common_dir", [](const FsPaths& paths) { return FsPath{deepest_common_dir(paths)}; },
      nb::arg("paths"),
      "The deepest directory holding every path (absolute paths; mixed depths allowed).");

  nb::class_<SplitFilesOptions>(m, "SplitFilesOptions",
                                "What split_files_for_training needs, as plain values.")
      .def(nb::init<>())
      .def_prop_rw(
          "save_dir", [](const SplitFilesOptions& o) { return FsPath{o.save_dir}; },
          [](SplitFilesOptions& o, const FsPath& p) { o.save_dir = p.bytes; })
      .def_prop_rw(
          "root_dir", [](const SplitFilesOptions& o) { return FsPath{o.root_dir}; },
          [](SplitFilesOptions& o, const FsPath& p) { o.root_dir = p.bytes; })
      .def_rw("max_seq_len", &SplitFilesOptions::max_seq_len)
      .def_rw("average_num_tokens_per_note", &SplitFilesOptions::average_num_tokens_per_note)
      .def_rw("num_overlap_bars", &SplitFilesOptions::num_overlap_bars)
      .def_rw("min_seq_len", &SplitFilesOptions::min_seq_len, nb::arg().none())
      .def_rw("one_token_stream", &SplitFilesOptions::one_token_stream)
      .def_rw("use_time_signatures", &SplitFilesOptions::use_time_signatures)
      .def_rw("supported_time_signatures", &SplitFilesOptions::supported_time_signatures);

  m.def(
      "prepare_time_signatures_for_split",
      [](Score& score, const SplitFilesOptions& options) {
        prepare_time_signatures_for_split(score, options);
      },
      nb::arg("score"), nb::arg("options"),
      "MidiTok's time-signature cleanup before splitting (in place).");
  m.def(
      "split_score_for_files",
      [](const Score& score, const FsPath& file_path, const SplitFilesOptions& options) {
        std::vector<std::pair<std::string, Score>> chunks;
        {
          nb::gil_scoped_release release;
          chunks = split_score_for_files(score, file_path, options);
        }
        nb::list out;
        for (auto& [path, chunk] : chunks) {
          out.append(nb::make_tuple(fs_str(path), nb::cast(std::move(chunk))));
        }
        return out;
      },
      nb::arg("score"), nb::arg("file_path"), nb::arg("options"),
      "The chunks of a prepared score with the paths MidiTok gives them (none written).");
  m.def(
      "split_score_to_files",
      [](const Score& score, const FsPath& file_path, const SplitFilesOptions& options) {
        std::vector<std::string> paths;
        {
          nb::gil_scoped_release release;
          paths = split_score_to_files(score, file_path, options).chunk_paths;
        }
        return fs_list(paths);
      },
      nb::arg("score"), nb::arg("file_path"), nb::arg("options"),
      "Splits a prepared score and writes its chunks as MIDI files; returns their paths.");
  m.def(
      "split_midi_files",
      [](const FsPaths& paths, const SplitFilesOptions& options, std::size_t threads) {
        std::vector<SplitFileResult> results;
        {
          nb::gil_scoped_release release;
          results = split_midi_files(paths, options, threads);
        }
        return split_results(results);
      },
      nb::arg("paths"), nb::arg("options"), nb::arg("threads") = 0,
      "Splits MIDI files into chunk files on threads: (chunk paths of all files in order, "
      "chunks per file, [(file index, error)], bytes of each chunk).");
  nb::class_<SplitBatch>(m, "SplitBatch",
                         "split_midi_files over several calls into one output: save_dir staged "
                         "when it does not exist or is empty, put in place by commit() (dropped "
                         "if never committed).")
      .def(nb::init<const SplitFilesOptions&>(), nb::arg("options"))
      .def(
          "split",
          [](SplitBatch& batch, const FsPaths& paths, std::size_t threads) {
            std::vector<SplitFileResult> results;
            {
              nb::gil_scoped_release release;
              batch.wait();  // a background batch first (its result is dropped: advance gives it)
              results = split_midi_files(paths, batch.options, threads, batch.dirs, batch.spares);
            }
            return split_results(results);
          },
          nb::arg("paths"), nb::arg("threads") = 0, "split_midi_files' work and result.")
      .def(
          "advance",
          [](SplitBatch& batch, FsPaths next, std::size_t threads) {
            std::vector<SplitFileResult> results;
            {
              nb::gil_scoped_release release;
              results = batch.wait();
              if (!next.items.empty()) batch.start(std::move(next.items), threads);
            }
            return split_results(results);  // while the next batch runs
          },
          nb::arg("next"), nb::arg("threads") = 0,
          "Waits for the batch running in the background, starts `next` (unless empty) in the "
          "background, and returns the finished batch's result as split() does (empty when no "
          "batch was running).")
      .def(
          "commit",
          [](SplitBatch& batch) {
            nb::gil_scoped_release release;
            batch.wait();
            batch.spares.clear();
            batch.dirs.commit();
          },
          "Puts the chunks written so far in place (one rename when staged).");
  m.def(
      "tokens_per_note_ratios",
      [](const MusicTokenizer& tokenizer, const FsPaths& paths, std::size_t threads,
         const HfTokenizer* model) {
        std::vector<double> ratios;
        {
          nb::gil_scoped_release release;
          ratios = tokens_per_note_ratios(tokenizer, model, paths, threads);
        }
        return numpy_of(std::move(ratios));
      },
      nb::arg("tokenizer"), nb::arg("paths"), nb::arg("threads") = 0,
      nb::arg("model").none() = nb::none(),
      "get_average_num_tokens_per_note's ratios on threads: tokens / notes per file (per track "
      "for multi-stream tokenizers), in input order, unreadable files skipped.");

  m.def(
      "dataset_tokenize_files",
      [](const MusicTokenizer& tokenizer, const FsPaths& paths, int max_seq_len,
         std::optional<token_id_t> bos, std::optional<token_id_t> eos, bool all_tracks,
         std::size_t threads) {
        DatasetTokenizeResult r;
        {
          nb::gil_scoped_release release;
          r = tokenize_files_for_dataset(
              tokenizer, paths, dataset_options(max_seq_len, bos, eos, all_tracks), threads);
        }
        std::vector<token_id_t> ids = r.samples.ids();
        std::vector<std::int64_t> offsets(r.samples.offsets().begin(), r.samples.offsets().end());
        return nb::make_tuple(numpy_of(std::move(ids)), numpy_of(std::move(offsets)),
                              numpy_of(std::move(r.samples_per_file)), messages(r.errors));
      },
      nb::arg("tokenizer"), nb::arg("paths"), nb::arg("max_seq_len"),
      nb::arg("bos_token_id").none(), nb::arg("eos_token_id").none(), nb::arg("all_tracks") = true,
      nb::arg("threads") = 0,
      "Tokenizes MIDI files for DatasetMIDI on threads: (ids, offsets, samples per file, "
      "errors per file).");
  m.def(
      "dataset_tokenize_file",
      [](const MusicTokenizer& tokenizer, const FsPath& path, int max_seq_len,
         std::optional<token_id_t> bos, std::optional<token_id_t> eos) -> nb::object {
        DatasetTokenizeResult r;
        {
          nb::gil_scoped_release release;
          r = tokenize_files_for_dataset(tokenizer, {path.bytes},
                                         dataset_options(max_seq_len, bos, eos, false), 1);
        }
        if (!r.errors[0].empty()) return nb::none();
        std::vector<token_id_t> ids = r.samples.ids();
        return numpy_of(std::move(ids));
      },
      nb::arg("tokenizer"), nb::arg("path"), nb::arg("max_seq_len"), nb::arg("bos_token_id").none(),
      nb::arg("eos_token_id").none(),
      "DatasetMIDI's on-the-fly item of one MIDI file (first sequence), None if unreadable.");
}

}  // namespace miditok::bindings
