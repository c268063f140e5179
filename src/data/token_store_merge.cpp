// merge_token_stores: the shards of part stores (each written whole by tokenize_to_store, e.g.
// by distributed workers) renamed into one store, their file entries appended, manifest last.
#include <filesystem>
#include <system_error>

#include "miditok/core/error.h"
#include "miditok/data/token_store.h"
#include "token_store_manifest.h"

namespace miditok {

namespace fs = std::filesystem;
using store_detail::Manifest;

TokenStoreReport merge_token_stores(const std::string& out_dir,
                                    const std::vector<std::string>& parts) {
  std::vector<Manifest> part_manifests;  // their file entries are read again while merging
  part_manifests.reserve(parts.size());
  for (const std::string& part : parts) {
    part_manifests.push_back(store_detail::read_manifest(part));
    const Manifest& p = part_manifests.back();
    const Manifest& first = part_manifests.front();
    if (p.tokenizer_hash != first.tokenizer_hash || p.dtype != first.dtype) {
      throw ConfigError("merge_token_stores: " + part + " was written with another tokenizer (" +
                        p.tokenizer_hash + ", " + parts.front() + " with " + first.tokenizer_hash +
                        ")");
    }
  }
  TokenStoreReport report;
  if (parts.empty()) return report;
  const Manifest& first = part_manifests.front();
  store_detail::make_store_dir(out_dir);
  store_detail::FileList files(out_dir);
  Manifest m = store_detail::open_or_create(out_dir, first.tokenizer_hash, first.dtype,
                                            first.vocab_size, files);
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const auto base = static_cast<std::int64_t>(m.shards.size());
    for (store_detail::ShardEntry s : part_manifests[k].shards) {
      const std::string stem = store_detail::shard_stem(m.shards.size());
      for (auto [from, to] :
           {std::pair{&s.ids, stem + ".ids.npy"}, std::pair{&s.offsets, stem + ".offsets.npy"}}) {
        std::error_code ec;
        fs::rename(fs::path(parts[k]) / *from, fs::path(out_dir) / to, ec);
        if (ec) {
          throw IoError("merge_token_stores: cannot move " + (fs::path(parts[k]) / *from).string() +
                        " into " + out_dir + ": " + ec.message());
        }
        *from = to;
      }
      report.documents += s.documents;
      report.tokens += s.tokens;
      ++report.shards;
      m.shards.push_back(std::move(s));
    }
    store_detail::read_manifest(parts[k], [&](store_detail::FileEntry&& f) {
      if (f.shard >= 0) f.shard += base;
      if (!f.error.empty()) report.errors.emplace_back(report.files, f.error);
      ++report.files;
      files.add(f);
    });
  }
  report.failed = report.errors.size();
  store_detail::write_manifest(out_dir, m, files);
  return report;
}

}  // namespace miditok
