// MidiTok's token files (see token_files.h).
#include "miditok/data/token_files.h"

#include <sys/stat.h>

#include <charconv>
#include <exception>
#include <fstream>
#include <mutex>
#include <optional>
#include <set>
#include <system_error>

#include "miditok/core/error.h"
#include "miditok/core/file_io.h"
#include "miditok/core/output_dirs.h"
#include "miditok/data/encode_files.h"

namespace miditok {

namespace fs = std::filesystem;

namespace {

void append_int(std::string& out, long value) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof(buf), value);
  out.append(buf, r.ptr);
}

// A list of ids as json.dump writes it: "[1, 2, 3]".
void append_ids(std::string& out, const std::vector<token_id_t>& ids) {
  out.push_back('[');
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out.append(", ");
    append_int(out, ids[i]);
  }
  out.push_back(']');
}

const char* json_bool(bool b) { return b ? "true" : "false"; }

// Claims output names when files must not be overwritten: a name is free when no file has it
// on disk and no other thread of this call took it.
class NameClaims {
 public:
  fs::path claim(const fs::path& wanted) {
    const std::lock_guard lock(mutex_);
    fs::path path = wanted;
    const std::string stem = wanted.stem().string();
    for (int i = 1; taken(path); ++i) {
      path = wanted.parent_path() / (stem + "_" + std::to_string(i) + ".json");
    }
    claimed_.insert(path.string());
    return path;
  }

 private:
  bool taken(const fs::path& path) const {
    std::error_code ec;
    return claimed_.count(path.string()) > 0 || fs::is_regular_file(path, ec);
  }
  std::mutex mutex_;
  std::set<std::string> claimed_;
};

// One file of a batch, in its directory opened once: atomic (a new file linked in place, or an
// existing one replaced through the batch's spare inodes), not flushed to disk one by one. In a
// directory that was empty when the batch opened it, no stat looks for a file to replace first.
void write_text_file(const fs::path& path, const std::string& text, OutputDirs& dirs,
                     SpareInodes& spares) {
  const fs::path parent = path.parent_path();
  const OutputDirFd dir = dirs.open(parent.empty() ? fs::path(".") : parent);
  write_output(dir, parent.string(), path.filename().string(), text,
               AtomicWriteOptions{.sync = false, .spares = &spares});
}

}  // namespace

std::vector<std::pair<int, bool>> score_programs(const Score& score) {
  std::vector<std::pair<int, bool>> programs;
  programs.reserve(score.tracks.size());
  for (const Track& track : score.tracks) programs.emplace_back(track.program, track.is_drum);
  return programs;
}

std::string token_file_json(const std::vector<TokSequence>& seqs, bool one_token_stream,
                            const std::vector<std::pair<int, bool>>* programs) {
  std::string out;
  std::size_t num_ids = 0;
  for (const TokSequence& seq : seqs) num_ids += seq.ids.size();
  out.reserve(64 + 6 * num_ids + 16 * seqs.size());  // ids up to 4 digits and ", ": no regrowth
  out.append("{\"ids\": ");
  if (one_token_stream) {
    static const TokSequence kEmpty;
    const TokSequence& seq = seqs.empty() ? kEmpty : seqs.front();
    append_ids(out, seq.ids);
    out.append(", \"ids_encoded\": ").append(json_bool(seq.are_ids_encoded));
  } else {
    out.push_back('[');
    for (std::size_t i = 0; i < seqs.size(); ++i) {
      if (i > 0) out.append(", ");
      append_ids(out, seqs[i].ids);
    }
    out.push_back(']');
    if (!seqs.empty()) {  // MidiTok leaves ids_encoded out for an empty list of sequences
      out.append(", \"ids_encoded\": [");
      for (std::size_t i = 0; i < seqs.size(); ++i) {
        if (i > 0) out.append(", ");
        out.append(json_bool(seqs[i].are_ids_encoded));
      }
      out.push_back(']');
    }
  }
  if (programs != nullptr) {
    out.append(", \"programs\": [");
    for (std::size_t i = 0; i < programs->size(); ++i) {
      if (i > 0) out.append(", ");
      out.push_back('[');
      append_int(out, (*programs)[i].first);
      out.append(", ").append(json_bool((*programs)[i].second)).push_back(']');
    }
    out.push_back(']');
  }
  out.push_back('}');
  return out;
}

fs::path TokenFilePaths::resolved_dir(const fs::path& absolute_dir) {
  {
    const std::lock_guard lock(mutex_);
    if (const auto it = dirs_.find(absolute_dir.native()); it != dirs_.end()) return it->second;
  }
  fs::path dir = fs::weakly_canonical(absolute_dir);
  const std::lock_guard lock(mutex_);
  return dirs_.try_emplace(absolute_dir.native(), std::move(dir)).first->second;
}

fs::path TokenFilePaths::resolved(const std::string& source) {
  const fs::path absolute = fs::absolute(fs::path(source));
  const fs::path name = absolute.filename();
  struct stat st {};
  // A file that is no symlink (and a name that is no "." or "..") resolves as its folder does.
  if (!name.empty() && name != "." && name != ".." && ::lstat(absolute.c_str(), &st) == 0 &&
      !S_ISLNK(st.st_mode)) {
    return resolved_dir(absolute.parent_path()) / name;
  }
  return fs::weakly_canonical(absolute);
}

fs::path TokenFilePaths::operator()(const std::string& source, const fs::path& root,
                                    const fs::path& out_dir) {
  const fs::path file(source);
  // As MidiTok: the directory of the resolved file (a symlink's target), the symlink's own name.
  // A target outside the root (MidiTok fails there) is placed where the symlink is.
  fs::path relative = resolved(source).parent_path().lexically_relative(root);
  if (relative.empty() || *relative.begin() == "..") {
    relative = resolved_dir(fs::absolute(file).parent_path()).lexically_relative(root);
  }
  if (relative.empty() || *relative.begin() == "..") {
    throw IoError(source + " is not inside the dataset root " + root.string());
  }
  fs::path out = out_dir;
  if (relative != ".") out /= relative;
  return out / (file.stem().string() + ".json");
}

fs::path token_file_path(const std::string& source, const fs::path& root, const fs::path& out_dir) {
  return TokenFilePaths()(source, root, out_dir);
}

TokenFilesResult write_token_files(const MusicTokenizer& tokenizer, const HfTokenizer* model,
                                   const std::vector<std::string>& paths,
                                   const std::vector<const Score*>& scores,
                                   const TokenFilesOptions& options, std::size_t threads,
                                   std::atomic<std::size_t>* done) {
  TokenFilesResult result;
  result.written.resize(paths.size());
  NameClaims claims;
  TokenFilePaths out_paths;
  OutputDirs dirs;
  SpareInodes spares;  // deleted before the directories close
  result.errors = for_each_file(
      paths,
      [&](std::size_t i) {
        std::optional<Score> read;
        const Score* score = i < scores.size() ? scores[i] : nullptr;
        if (score == nullptr) score = &read.emplace(read_music_file(paths[i]));
        const std::vector<TokSequence> seqs = encode_with_model(tokenizer, model, *score);
        const auto programs = score_programs(*score);
        const std::string json = token_file_json(seqs, tokenizer.one_token_stream(),
                                                 options.save_programs ? &programs : nullptr);
        fs::path out = out_paths(paths[i], options.root_dir, options.out_dir);
        dirs.ensure(out.parent_path());
        if (!options.overwrite) out = claims.claim(out);
        write_text_file(out, json, dirs, spares);
        result.written[i] = out.string();
      },
      threads, done);
  return result;
}

}  // namespace miditok
