// Token-file bindings: MidiTok's tokenize_dataset core (read, tokenize and write JSON token files
// on C++ threads with the GIL released) and a counter that Python polls to draw a progress bar
// while the threads run.
#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <atomic>

#include "bind.h"
#include "bind_path.h"
#include "miditok/data/token_files.h"

namespace nb = nanobind;

namespace miditok::bindings {

namespace {

/// Files finished by a running batch call, read from another Python thread.
struct Counter {
  std::atomic<std::size_t> value{0};
};

}  // namespace

void bind_token_files(nb::module_& m) {
  nb::class_<Counter>(m, "_Counter", "Files finished by a running batch call.")
      .def(nb::init<>())
      .def_prop_ro("value", [](const Counter& c) { return c.value.load(); });

  m.def(
      "_write_token_files",
      [](const MusicTokenizer& tokenizer, const HfTokenizer* model, const FsPaths& path_args,
         nb::object scores, const FsPath& root_dir, const FsPath& out_dir, bool overwrite,
         bool save_programs, std::size_t threads, Counter* counter) {
        const std::vector<std::string>& paths = path_args;
        std::vector<const Score*> score_ptrs;
        if (!scores.is_none()) {
          for (nb::handle s : scores) score_ptrs.push_back(nb::cast<const Score*>(s));
        }
        TokenFilesOptions options;
        options.root_dir = root_dir.bytes;
        options.out_dir = out_dir.bytes;
        options.overwrite = overwrite;
        options.save_programs = save_programs;
        TokenFilesResult r;
        {
          nb::gil_scoped_release release;
          r = write_token_files(tokenizer, model, paths, score_ptrs, options, threads,
                                counter != nullptr ? &counter->value : nullptr);
        }
        nb::list written;
        nb::list errors;
        for (std::size_t i = 0; i < paths.size(); ++i) {
          if (r.errors[i].empty()) {
            written.append(fs_str(r.written[i]));
          } else {
            written.append(nb::none());
            errors.append(nb::make_tuple(fs_str(paths[i]), message_str(r.errors[i])));
          }
        }
        return nb::make_tuple(written, errors);
      },
      nb::arg("tokenizer"), nb::arg("model").none(), nb::arg("paths"), nb::arg("scores").none(),
      nb::arg("root_dir"), nb::arg("out_dir"), nb::arg("overwrite"), nb::arg("save_programs"),
      nb::arg("num_threads") = 0, nb::arg("counter").none() = nb::none(),
      "Reads, tokenizes and writes MidiTok token files on C++ threads (GIL released): (written "
      "path or None per file, [(path, error)]). `scores`, when given, replaces the reading.");
}

}  // namespace miditok::bindings
