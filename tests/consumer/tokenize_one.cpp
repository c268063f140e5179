// Tokenizes a MIDI file with REMI (or the tokenizer of a params file, trained or not), decodes
// the ids back and prints what it did: the installed headers and library are enough.
// Usage: tokenize_one FILE.mid [tokenizer.json]
#include <iostream>
#include <memory>

#include "miditok/midi/midi_reader.h"
#include "miditok/tokenizer/music_tokenizer.h"
#include "miditok/tokenizers/registry.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tokenize_one FILE.mid [tokenizer.json]\n";
    return 2;
  }
  try {
    miditok::register_builtin_tokenizers();
    const auto tokenizer = argc > 2 ? miditok::MusicTokenizer::load(argv[2])
                                    : miditok::MusicTokenizer::create("REMI", {});
    const auto score = miditok::read_midi_file(argv[1]);
    auto sequences = tokenizer->encode(score);
    std::size_t ids = 0;
    for (const auto& s : sequences) ids += s.ids.size();
    for (auto& s : sequences) s.tokens.clear();  // decode from the ids alone
    const auto decoded = tokenizer->decode(sequences);
    std::cout << tokenizer->class_name() << (tokenizer->is_trained() ? " (trained)" : "") << ": "
              << sequences.size() << " sequences, " << ids << " ids, decoded "
              << decoded.tracks.size() << " tracks\n";
    return ids > 0 && !decoded.tracks.empty() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "tokenize_one: " << e.what() << '\n';
    return 1;
  }
}
