"""MusicTokenizer.encode_batch: the same ids as encode() for MIDI and ABC files, per track or in
one stream, with a trained model, in input order whatever the thread count; bad files reported."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import corpus_files

import miditok_cpp as mc

SEED = {"num_velocities": 16, "use_chords": True, "use_programs": True}
MIDI = corpus_files("one_track") + corpus_files("multitrack")
ABC = corpus_files("abc", "*.abc")


def _as_lists(result, one_stream):
    if result is None:
        return None
    if one_stream:
        assert isinstance(result, np.ndarray) and result.dtype == np.int32
        return result.tolist()
    assert all(isinstance(a, np.ndarray) and a.dtype == np.int32 for a in result)
    return [a.tolist() for a in result]


def _expected(tok, path):
    seqs = tok.encode(path)
    return seqs.ids if tok.one_token_stream else [s.ids for s in seqs]


@pytest.mark.parametrize("threads", [1, 2, 3])
@pytest.mark.parametrize("use_programs", [True, False])
def test_same_ids_as_encode_in_input_order(corpus, threads, use_programs):
    tok = mc.REMI(mc.TokenizerConfig(**{**SEED, "use_programs": use_programs}))
    paths = MIDI + ABC + MIDI[:3]  # repeated files and sizes in no particular order
    ids, errors = tok.encode_batch(paths, num_threads=threads)
    assert errors == []
    assert len(ids) == len(paths)
    for path, got in zip(paths, ids, strict=True):
        assert _as_lists(got, tok.one_token_stream) == _expected(tok, path), path.name


def test_abc_files(corpus):
    assert ABC, "the corpus has ABC files"
    tok = mc.TSD(mc.TokenizerConfig(**SEED))
    ids, errors = tok.encode_batch(ABC, num_threads=2)
    assert errors == []
    for path, got in zip(ABC, ids, strict=True):
        assert len(got) > 0
        assert got.tolist() == tok(path).ids, path.name


@pytest.mark.parametrize("model", ["BPE", "Unigram", "WordPiece"])
def test_trained_tokenizer_returns_model_ids(corpus, model):
    tok = mc.REMI(mc.TokenizerConfig(**SEED))
    tok.train(vocab_size=len(tok) + 200, model=model, files_paths=MIDI[:8])
    assert tok.is_trained
    ids, errors = tok.encode_batch(MIDI, num_threads=2)
    assert errors == []
    for path, got in zip(MIDI, ids, strict=True):
        seq = tok.encode(path)
        assert seq.are_ids_encoded
        assert got.tolist() == seq.ids, path.name


def test_bad_files_are_reported_not_raised(corpus, tmp_path):
    tok = mc.REMI(mc.TokenizerConfig(**SEED))
    bad = tmp_path / "bad.mid"
    bad.write_bytes(b"MThd not a midi file")
    missing = tmp_path / "missing.mid"
    bad_abc = tmp_path / "bad.abc"
    bad_abc.write_text("this is not ABC notation\n")
    corrupted = corpus_files("corrupted")
    paths = [MIDI[0], bad, missing, MIDI[1], bad_abc, *corrupted]
    ids, errors = tok.encode_batch(paths, num_threads=2)
    assert ids[0].tolist() == tok(MIDI[0]).ids and ids[3].tolist() == tok(MIDI[1]).ids
    failed = {p for p, _ in errors}
    assert {str(bad), str(missing), str(bad_abc)} <= failed
    for i, p in enumerate(paths):
        assert (ids[i] is None) == (str(p) in failed), p
    assert all(msg for _, msg in errors)


def test_empty_batch():
    tok = mc.REMI(mc.TokenizerConfig(**SEED))
    assert tok.encode_batch([]) == ([], [])
