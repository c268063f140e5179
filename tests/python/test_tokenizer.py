"""The Python tokenizer API (MidiTok's surface), bad input, and where we differ from MidiTok."""

from __future__ import annotations

import json
import pickle

import pytest
import symusic
from conftest import corpus_files

import miditok_cpp as mc

SEED = {"num_velocities": 16, "use_chords": True, "use_programs": True}
MULTITRACK = corpus_files("multitrack")
ONE_TRACK = corpus_files("one_track")


def _score_with_bars(bars, tpq=8):
    s = mc.Score(tpq)
    t = mc.Track()
    for bar in bars:
        t.notes.append(mc.Note(time=bar * 4 * tpq, duration=tpq, pitch=60, velocity=100))
    s.tracks.append(t)
    return s


def test_surface():
    tok = mc.REMI(mc.TokenizerConfig(**SEED))
    assert tok["PAD_None"] == tok.pad_token_id == 0
    assert tok["BOS_None"] == 1
    assert tok[1] == "BOS_None"
    assert tok.special_tokens == ["PAD_None", "BOS_None", "EOS_None", "MASK_None"]
    assert tok.special_tokens_ids == [0, 1, 2, 3]
    assert len(tok) == len(tok.vocab) == tok.vocab_size
    assert tok.io_format == ("T",)
    assert tok.one_token_stream
    assert not tok.is_trained
    assert not tok.is_multi_voc
    assert tok.token_ids_of_type("Program")
    assert tok.token_id_type(tok["Pitch_60"]) == "Pitch"
    assert isinstance(tok.config, mc.TokenizerConfig)
    per_track = mc.REMI(mc.TokenizerConfig())
    assert per_track.io_format == ("I", "T")


@pytest.mark.parametrize("path", MULTITRACK[:3], ids=lambda p: p.name)
def test_inputs_and_round_trips(path, corpus, tmp_path):
    tok = mc.REMI(mc.TokenizerConfig(**SEED))
    seq = tok(path)
    assert isinstance(seq, mc.TokSequence)
    assert tok.encode(str(path)).ids == seq.ids
    assert tok.encode(path.read_bytes()).ids == seq.ids
    assert tok(mc.Score(path)).ids == seq.ids
    symusic = pytest.importorskip("symusic")
    assert tok(symusic.Score(path)).ids == seq.ids
    # decode from a TokSequence, ids, a numpy array and tokens
    import numpy as np

    dec = tok.decode(seq)
    assert tok(seq.ids) == dec
    assert tok.decode(np.array(seq.ids)) == dec
    assert tok.decode(mc.TokSequence(tokens=seq.tokens)) == dec
    assert dec.ticks_per_quarter == tok.time_division
    # events, splits, completion
    assert [str(e) for e in seq.events] == seq.tokens
    bars = seq.split_per_bars()
    assert sum(bars, mc.TokSequence()).ids == seq.ids
    beats = seq.split_per_beats()
    assert sum(len(b) for b in beats) == len(seq)
    fresh = mc.TokSequence(ids=list(seq.ids))
    tok.complete_sequence(fresh, complete_bytes=True)
    assert fresh.tokens == seq.tokens
    assert [ord(c) - 33 for c in fresh.bytes] == seq.ids
    assert tok.tokens_errors(seq) == 0
    assert tok.tokens_errors(seq.ids) == 0
    # preprocess_score is not in place and gives the tokenizer's resolution
    score = mc.Score(path)
    before = mc.Score(score)
    pre = tok.preprocess_score(score)
    assert score == before
    assert tok.encode(pre, no_preprocess_score=True).ids == seq.ids


def test_per_track_sequences(corpus):
    tok = mc.REMI(mc.TokenizerConfig(use_programs=True, one_token_stream_for_programs=False))
    seqs = tok(MULTITRACK[0])
    assert isinstance(seqs, list) and all(isinstance(s, mc.TokSequence) for s in seqs)
    dec = tok.decode(seqs)
    assert len(dec.tracks) == len(seqs)
    assert tok.decode([s.ids for s in seqs]) == dec
    assert isinstance(tok.tokens_errors(seqs), list)


def test_params_files_and_pickle(tmp_path):
    tok = mc.REMI(mc.TokenizerConfig(**SEED, use_tempos=True))
    tok.save(tmp_path)  # a directory: tokenizer.json inside
    assert (tmp_path / "tokenizer.json").is_file()
    assert mc.REMI(params=tmp_path / "tokenizer.json") == tok
    tok.save(tmp_path / "sub" / "tok.json", additional_attributes={"note": "x"})
    data = json.loads((tmp_path / "sub" / "tok.json").read_text())
    assert data["tokenization"] == "REMI" and data["note"] == "x"
    assert set(data) >= {"config", "miditok_version", "symusic_version", "hf_tokenizers_version"}
    assert pickle.loads(pickle.dumps(tok)) == tok
    assert mc.MusicTokenizer.from_pretrained(tmp_path) == tok
    assert tok != mc.REMI(mc.TokenizerConfig())


def test_batch_encode(corpus, tmp_path):
    tok = mc.REMI(mc.TokenizerConfig(**SEED))
    bad = tmp_path / "bad.mid"
    bad.write_bytes(b"MThd not a midi file")
    paths = [*MULTITRACK[:4], bad, *ONE_TRACK[:3]]
    ids, errors = tok.encode_batch(paths, num_threads=2)
    assert len(ids) == len(paths)
    assert ids[4] is None
    assert len(errors) == 1 and errors[0][0] == str(bad)
    for p, got in zip(paths, ids, strict=False):
        if p != bad:
            assert got.tolist() == tok(p).ids, p.name


def test_unknown_tokens_and_ids_raise_token_error():
    tok = mc.REMI(mc.TokenizerConfig(**SEED))
    with pytest.raises(mc.TokenError, match="Pitch_500"):
        tok.decode(mc.TokSequence(tokens=["Bar_None", "Pitch_500"]))
    with pytest.raises(mc.TokenError, match="100000"):
        tok.decode([0, 4, 100000])
    with pytest.raises(mc.TokenError, match="-3"):
        tok.decode([-3])
    with pytest.raises(KeyError):
        tok["NotAToken_1"]
    assert issubclass(mc.TokenError, ValueError)


def test_malformed_params_files(tmp_path):
    p = tmp_path / "bad.json"
    p.write_text("{ not json")
    with pytest.raises(ValueError):
        mc.REMI(params=p)
    p.write_text(json.dumps({"config": {"num_velocities": 0}, "tokenization": "REMI"}))
    with pytest.raises(mc.ConfigError, match="num_velocities"):
        mc.REMI(params=p)
    p.write_text(json.dumps({"tokenization": "REMI", "config": {"pitch_range": "x"}}))
    with pytest.raises((mc.ConfigError, TypeError, ValueError)):
        mc.REMI(params=p)
    with pytest.raises(OSError):
        mc.REMI(params=tmp_path / "missing.json")
    with pytest.raises(mc.ConfigError, match="pitch_range"):
        mc._core._CoreTokenizer.from_params_json(
            json.dumps({"tokenization": "REMI", "config": {"pitch_range": "x"}})
        )
    with pytest.raises(mc.ConfigError, match="Nope"):
        mc._core._CoreTokenizer.from_params_json(json.dumps({"tokenization": "Nope"}))


def test_random_ids_never_crash():
    import random

    rng = random.Random(0)
    for cfg in (SEED, {"use_rests": True, "use_tempos": True, "use_sustain_pedals": True}):
        tok = mc.REMI(mc.TokenizerConfig(**cfg))
        for _ in range(200):
            ids = [rng.randrange(len(tok)) for _ in range(rng.randrange(0, 80))]
            score = tok.decode(ids if tok.one_token_stream else [ids])
            assert isinstance(score, symusic.Score)  # as MidiTok's decode


def test_max_bar_embedding_numbers_bars_and_decodes_them():
    """MidiTok numbers bars 0, 1, 2, 4, 4, 6, 8 here and decodes every note into bar 0."""
    tok = mc.REMI(mc.TokenizerConfig(use_time_signatures=False), max_bar_embedding=10)
    score = _score_with_bars([0, 1, 3, 6])
    seq = tok(score)[0]
    bars = [t for t in seq.tokens if t.startswith("Bar_")]
    assert bars == [f"Bar_{i}" for i in range(7)]
    dec = tok.decode([seq.ids])
    assert [n.time for n in dec.tracks[0].notes] == [0, 32, 96, 192]
    with pytest.raises(mc.TokenError, match="max_bar_embedding"):
        tok(_score_with_bars([0, 12]))
