"""Benchmarks of miditok-cpp against its peers (miditok, symusic, HF tokenizers)."""
