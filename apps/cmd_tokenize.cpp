// `miditok-cpp tokenize`: tokenizes MIDI files on all cores into a token shard (one sequence per
// file, or per track for multi-stream tokenizers) or into MidiTok-style JSON token files.
// Unreadable files are skipped and listed; the good ones are never lost.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <vector>

#include "commands.h"
#include "miditok/core/error.h"
#include "miditok/core/thread_pool.h"
#include "miditok/data/token_shard.h"
#include "miditok/midi/midi_reader.h"
#include "miditok/midi/midi_writer.h"
#include "miditok/tokenizer/music_tokenizer.h"

namespace miditok::cli {
namespace {

// MidiTok's save_tokens layout: {"ids": [...]} for one stream, {"ids": [[...], ...]} otherwise.
void write_json_tokens(const std::string& path, const std::vector<TokSequence>& sequences,
                       bool one_stream) {
  std::ofstream out(path);
  if (!out) throw IoError("cannot write " + path);
  auto write_ids = [&](const std::vector<token_id_t>& ids) {
    out << '[';
    for (std::size_t i = 0; i < ids.size(); ++i) out << (i ? ", " : "") << ids[i];
    out << ']';
  };
  out << "{\"ids\": ";
  if (one_stream) {
    write_ids(sequences.front().ids);
  } else {
    out << '[';
    for (std::size_t s = 0; s < sequences.size(); ++s) {
      if (s) out << ", ";
      write_ids(sequences[s].ids);
    }
    out << ']';
  }
  out << ", \"ids_encoded\": false}";
}

}  // namespace

int run_tokenize(const Args& args) {
  const std::string params = args.get("params");
  const std::string shard = args.get("shard");
  const std::string out_dir = args.get("out-dir");
  if (params.empty() || (shard.empty() == out_dir.empty()) || args.positional().empty()) {
    std::fputs("tokenize: --params FILE and one of --shard OUT / --out-dir DIR, then files\n",
               stderr);
    return 2;
  }
  const auto tokenizer = MusicTokenizer::load(params);
  const auto& files = args.positional();
  std::vector<std::vector<TokSequence>> results(files.size());
  std::vector<std::string> errors(files.size());
  if (!out_dir.empty()) std::filesystem::create_directories(out_dir);
  parallel_for(files.size(), [&](std::size_t i) {
    try {
      results[i] = tokenizer->encode(read_midi_file(files[i]));
      if (!out_dir.empty()) {
        const auto stem = std::filesystem::path(files[i]).stem().string();
        write_json_tokens((std::filesystem::path(out_dir) / (stem + ".json")).string(), results[i],
                          tokenizer->one_token_stream());
        results[i].clear();
      }
    } catch (const Error& error) {
      errors[i] = error.what();
    }
  });
  std::size_t skipped = 0;
  TokenSequences sequences;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!errors[i].empty()) {
      std::fprintf(stderr, "skipped %s: %s\n", files[i].c_str(), errors[i].c_str());
      ++skipped;
      continue;
    }
    for (const auto& seq : results[i]) sequences.push_back(seq.ids);
  }
  if (!shard.empty()) write_token_shard(shard, sequences);
  std::printf("tokenized %zu files (%zu skipped): %zu sequences, %zu tokens\n",
              files.size() - skipped, skipped, sequences.size(), sequences.num_tokens());
  return 0;
}

int run_decode(const Args& args) {
  const std::string params = args.get("params");
  const std::string shard = args.get("shard");
  const std::string out = args.get("out");
  if (params.empty() || shard.empty() || out.empty()) {
    std::fputs("decode: --params FILE --shard SHARD [--index I] --out OUT.mid\n", stderr);
    return 2;
  }
  const auto tokenizer = MusicTokenizer::load(params);
  const auto sequences = read_token_shard(shard);
  const long index = args.get_int("index", 0);
  if (index < 0 || static_cast<std::size_t>(index) >= sequences.size()) {
    std::fprintf(stderr, "decode: --index %ld is outside the shard's %zu sequences\n", index,
                 sequences.size());
    return 2;
  }
  TokSequence seq;
  const auto ids = sequences[static_cast<std::size_t>(index)];
  seq.ids.assign(ids.begin(), ids.end());
  const Score score = tokenizer->decode({seq});
  write_midi_file(score, out);
  std::printf("decoded sequence %ld (%zu tokens) into %s\n", index, ids.size(), out.c_str());
  return 0;
}

}  // namespace miditok::cli
