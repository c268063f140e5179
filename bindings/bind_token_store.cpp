// Token store bindings: tokenize_to_store (GIL released) and the mmap reader, whose documents
// come out as numpy views of the map (zero copy) or as int64 dataset items.
#include <nanobind/nanobind.h>
#include <nanobind/ndarray.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/shared_ptr.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <memory>
#include <string_view>

#include "bind.h"
#include "bind_encode_result.h"
#include "bind_numpy.h"
#include "bind_path.h"
#include "miditok/data/token_store.h"

namespace nb = nanobind;

namespace miditok::bindings {

namespace {

// A read-only numpy view of n elements of T at data, keeping `store` alive.
template <class T>
nb::object view_of(const void* data, std::size_t n, nb::handle store) {
  return nb::cast(
      nb::ndarray<nb::numpy, const T, nb::ndim<1>>(static_cast<const T*>(data), {n}, store));
}

// The paths of a Python sequence, converted a round at a time (taking the GIL): a list of a
// million paths is never copied whole into C++ strings. Made with the GIL held; the sequence
// is borrowed (the caller's argument outlives the call).
PathSource round_paths(nb::handle paths) {
  return {nb::len(paths), [paths](std::size_t start, std::size_t n) {
            nb::gil_scoped_acquire gil;
            std::vector<std::string> out(n);
            for (std::size_t i = 0; i < n; ++i) {
              const auto index = static_cast<Py_ssize_t>(start + i);
              const nb::object item = nb::steal(PySequence_GetItem(paths.ptr(), index));
              if (!item.is_valid()) {
                PyErr_Clear();
                throw nb::index_error("tokenize_to_store: the paths changed size while read");
              }
              if (!fs_bytes(item, out[i])) {
                throw nb::type_error(("tokenize_to_store: path " + std::to_string(start + i) +
                                      " is not a str, bytes or os.PathLike")
                                         .c_str());
              }
            }
            return out;
          }};
}

nb::dict report_dict(const TokenStoreReport& r) {
  nb::dict out;
  out["files"] = r.files;
  out["failed"] = r.failed;
  out["documents"] = r.documents;
  out["tokens"] = r.tokens;
  out["shards"] = r.shards;
  out["errors"] = nb::cast(r.errors);
  return out;
}

// Views of the bytes objects of `data` (kept alive by the caller's list while the GIL is out).
std::vector<std::string_view> buffer_views(const std::vector<nb::bytes>& data) {
  std::vector<std::string_view> views;
  views.reserve(data.size());
  for (const nb::bytes& b : data) views.emplace_back(b.c_str(), b.size());
  return views;
}

TokenStoreOptions store_options(std::uint64_t shard_tokens, std::size_t threads,
                                std::size_t files_per_round = 0) {
  TokenStoreOptions o;
  o.shard_tokens = shard_tokens;
  o.threads = threads;
  o.files_per_round = files_per_round;
  return o;
}

}  // namespace

void bind_token_store(nb::module_& m) {
  m.def(
      "tokenize_to_store",
      [](const MusicTokenizer& tokenizer, nb::sequence paths, const std::string& out_dir,
         const HfTokenizer* model, std::uint64_t shard_tokens, std::size_t threads,
         std::size_t files_per_round) {
        TokenStoreReport r;
        const PathSource source = round_paths(paths);
        {
          nb::gil_scoped_release release;
          r = tokenize_to_store(tokenizer, model, source, out_dir,
                                store_options(shard_tokens, threads, files_per_round));
        }
        return report_dict(r);
      },
      nb::arg("tokenizer"), nb::arg("paths"), nb::arg("out_dir"),
      nb::arg("model").none() = nb::none(), nb::arg("shard_tokens") = std::uint64_t{1} << 24,
      nb::arg("threads") = 0, nb::arg("files_per_round") = 0,
      "Tokenizes files into the token store at out_dir (created or appended to) on C++ threads "
      "with the GIL released: {files, failed, documents, tokens, shards, errors}.");
  m.def(
      "tokenize_bytes_to_store",
      [](const MusicTokenizer& tokenizer, const std::vector<nb::bytes>& data, const FsPaths& names,
         const std::string& out_dir, const HfTokenizer* model, std::uint64_t shard_tokens,
         std::size_t threads) {
        const std::vector<std::string_view> views = buffer_views(data);
        TokenStoreReport r;
        {
          nb::gil_scoped_release release;
          r = tokenize_buffers_to_store(tokenizer, model, views, names, out_dir,
                                        store_options(shard_tokens, threads));
        }
        return report_dict(r);
      },
      nb::arg("tokenizer"), nb::arg("data"), nb::arg("names"), nb::arg("out_dir"),
      nb::arg("model").none() = nb::none(), nb::arg("shard_tokens") = std::uint64_t{1} << 24,
      nb::arg("threads") = 0,
      "tokenize_to_store over file contents (bytes) already in memory, recorded under `names` "
      "(GIL released).");
  m.def(
      "encode_bytes_batch",
      [](const MusicTokenizer& tokenizer, const std::vector<nb::bytes>& data, const FsPaths& names,
         const HfTokenizer* model, std::size_t threads) {
        const std::vector<std::string_view> views = buffer_views(data);
        EncodeFilesResult r;
        {
          nb::gil_scoped_release release;
          r = encode_buffers(tokenizer, model, views, names, threads);
        }
        return encoded_files_py(r, names);
      },
      nb::arg("tokenizer"), nb::arg("data"), nb::arg("names"), nb::arg("model").none() = nb::none(),
      nb::arg("threads") = 0,
      "encode_batch over file contents (bytes) already in memory, named by `names` (GIL "
      "released): ([int32 array per sequence] per file or None, [(name, error)]).");
  m.def(
      "merge_token_stores",
      [](const std::string& out_dir, const std::vector<std::string>& parts) {
        TokenStoreReport r;
        {
          nb::gil_scoped_release release;
          r = merge_token_stores(out_dir, parts);
        }
        return report_dict(r);
      },
      nb::arg("out_dir"), nb::arg("parts"),
      "Moves the shards of the part stores, in order, into the store at out_dir (created or "
      "appended to; manifest written last): {files, failed, documents, tokens, shards, errors}.");
  m.def("tokenizer_hash", &tokenizer_hash, nb::arg("tokenizer"),
        nb::arg("model").none() = nb::none(),
        "The token store's hash of what determines the ids of a tokenizer.");

  nb::class_<TokenStore>(m, "TokenStore", "A token store opened for reading (memory-mapped).")
      .def(nb::init<const std::string&>(), nb::arg("dir"),
           "Opens the token store in the folder dir (written by tokenize_to_store). Raises "
           "IoError when it is missing or damaged.")
      .def("__len__", &TokenStore::size)
      .def_prop_ro("num_tokens", &TokenStore::num_tokens)
      .def_prop_ro("dtype", &TokenStore::dtype)
      .def_prop_ro("tokenizer_hash", &TokenStore::tokenizer_hash)
      .def_prop_ro("vocab_size", &TokenStore::vocab_size)
      .def_prop_ro("dir", &TokenStore::dir)
      .def(
          "ids",
          [](nb::handle self, std::size_t i) {
            const auto& store = nb::cast<const TokenStore&>(self);
            const auto [data, n] = store.raw(i);
            switch (store.item_size()) {
              case 1:
                return view_of<std::uint8_t>(data, n, self);
              case 2:
                return view_of<std::uint16_t>(data, n, self);
              default:
                return view_of<std::uint32_t>(data, n, self);
            }
          },
          nb::arg("index"), "Document `index` as a read-only numpy view of the map (no copy).")
      .def(
          "item",
          [](const TokenStore& store, std::size_t i, std::size_t max_seq_len,
             std::optional<std::int64_t> bos, std::optional<std::int64_t> eos) {
            return numpy_of(store.item(i, max_seq_len, bos, eos));
          },
          nb::arg("index"), nb::arg("max_seq_len"), nb::arg("bos_token_id").none() = nb::none(),
          nb::arg("eos_token_id").none() = nb::none(),
          "Document index as DatasetJSON's item: int64 ids cut to max_seq_len tokens, "
          "bos_token_id (default None: none) put first and eos_token_id (default None: none) "
          "last.");
}

}  // namespace miditok::bindings
