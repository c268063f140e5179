"""MMM side by side with miditok 3.1.0 on every MIDI file of the corpus, for each base
tokenization (REMI, TSD, MIDILike).

For each configuration and file: same vocabulary, same ids, same decoded Score. Configurations:
MidiTok's own MMM tests (test_tokenize.py: the one-track config, the full hard-file sweep over
velocities / duration programs / tempos / time signatures / pitch intervals, the multitrack config)
plus the seed config. Also: per-track output, split_tokseq_per_track, tokens_errors, params files
both ways, pickling, BPE training equal to miditok's (merges and encoded ids), bad input.
"""

from __future__ import annotations

import itertools
import json
import pickle
import warnings
from copy import deepcopy

import pytest
from tok_conformance import (
    HARD,
    MULTI,
    MULTITRACK,
    ONE_TRACK,
    ONE_TRACK_BASE,
    ONE_TRACK_PARAMS,
    SEED,
    check_config,
    first_diff,
    make_pair,
    miditok,
    miditok_cpp,
    symusic,
)

CLS = "MMM"
BASES = ("REMI", "TSD", "MIDILike")
_MMM_FLAGS = [
    "use_velocities",
    "use_note_duration_programs",
    "use_tempos",
    "use_time_signatures",
    "use_pitch_intervals",
]


def _mmm_hard_params() -> list[dict]:
    out = []
    for bits in itertools.product([False, True], repeat=len(_MMM_FLAGS)):
        p = deepcopy(ONE_TRACK_BASE)
        for flag, val in zip(_MMM_FLAGS, bits, strict=True):
            if flag == "use_note_duration_programs":
                p[flag] = list(range(-1, 128)) if val else []
            else:
                p[flag] = val
        out.append(p)
    return out


def _with_base(params: dict, base: str) -> dict:
    return {**params, "base_tokenizer": base}


HARD_PARAMS = [_with_base(p, b) for p in _mmm_hard_params() for b in BASES]
MULTI_PARAMS = [_with_base(p, b) for p in (MULTI, SEED) for b in BASES]


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("path", ONE_TRACK + MULTITRACK, ids=lambda p: p.name)
def test_seed_config(path, base, corpus):
    check_config(CLS, _with_base(SEED, base), [path])


@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("path", ONE_TRACK, ids=lambda p: p.name)
def test_one_track(path, base, corpus):
    check_config(CLS, _with_base(ONE_TRACK_PARAMS, base), [path])


@pytest.mark.parametrize("ci", range(len(HARD_PARAMS)))
def test_hard_files_sweep(ci, corpus):
    check_config(CLS, HARD_PARAMS[ci], HARD)


@pytest.mark.parametrize("ci", range(len(MULTI_PARAMS)))
def test_multitrack(ci, corpus):
    check_config(CLS, MULTI_PARAMS[ci], MULTITRACK)


@pytest.mark.parametrize("base", BASES)
def test_per_track_sequences_and_split(base, corpus):
    """concatenate_track_sequences=False and split_tokseq_per_track give miditok's sequences."""
    ref, ours = make_pair(CLS, _with_base(MULTI, base))
    for path in MULTITRACK[:4]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seqs_ref = ref.encode(path, concatenate_track_sequences=False)
            split_ref = ref.split_tokseq_per_track(ref.encode(path))
        seqs_ours = ours.encode(path, concatenate_track_sequences=False)
        split_ours = ours.split_tokseq_per_track(ours.encode(path))
        assert [s.ids for s in seqs_ours] == [s.ids for s in seqs_ref], path.name
        assert [s.tokens for s in split_ours] == [s.tokens for s in split_ref], path.name
        assert [s._ticks_bars for s in seqs_ours] == [list(s._ticks_bars) for s in seqs_ref]


@pytest.mark.parametrize("base", BASES)
def test_types_graph_and_errors(base, corpus):
    """Same token-type graph and tokens_errors as miditok."""
    for params in (SEED, ONE_TRACK_PARAMS, MULTI):
        ref, ours = make_pair(CLS, _with_base(params, base))
        assert ours.tokens_types_graph == ref.tokens_types_graph, f"graph differs for {params}"
    ref, ours = make_pair(CLS, _with_base(SEED, base))
    for path in MULTITRACK[:3]:
        seq = ours(path)
        assert ours.tokens_errors(seq) == pytest.approx(ref.tokens_errors(ref(path)))
        # errors counted on a corrupted sequence too
        toks = list(seq.tokens)
        toks[5:9] = toks[9:5:-1]
        assert ours.tokens_errors(toks) == pytest.approx(ref.tokens_errors(toks))


def test_params_files_both_ways(tmp_path):
    """Our params file loads in miditok and miditok's in ours; pickling keeps the tokenizer."""
    params = _with_base(SEED, "TSD")
    ref, ours = make_pair(CLS, params)
    ours.save(tmp_path / "ours.json")
    ref.save(tmp_path / "ref.json")
    assert miditok.MMM(params=tmp_path / "ours.json").vocab == ref.vocab
    loaded = miditok_cpp.MMM(params=tmp_path / "ref.json")
    assert loaded == ours and loaded.vocab == ref.vocab
    assert (
        json.loads((tmp_path / "ours.json").read_text())["config"]
        == json.loads((tmp_path / "ref.json").read_text())["config"]
    )
    clone = pickle.loads(pickle.dumps(ours))
    assert clone == ours and clone.one_token_stream
    assert type(miditok_cpp.MusicTokenizer.from_pretrained(tmp_path / "ref.json")) is type(ours)


def test_config_errors_and_bad_input():
    """A missing / unknown base tokenizer, unknown tokens and out-of-vocabulary ids raise."""
    with pytest.raises(ValueError, match="base_tokenizer"):
        miditok_cpp.MMM(miditok_cpp.TokenizerConfig())
    with pytest.raises(ValueError, match="base_tokenizer"):
        miditok_cpp.MMM(miditok_cpp.TokenizerConfig(base_tokenizer="Octuple"))
    _, ours = make_pair(CLS, _with_base(SEED, "REMI"))
    with pytest.raises(miditok_cpp.TokenError):
        ours.decode([["Track_Start", "Pitch_60", "Nope_1"]][0])
    with pytest.raises(miditok_cpp.TokenError):
        ours.decode([4, 5, len(ours) + 3])


def test_edge_sequences_where_miditok_fails():
    """Sequences miditok crashes on: an empty track, and a score without any event."""
    ref, ours = make_pair(CLS, _with_base(SEED, "TSD"))
    toks = [
        "Track_Start",
        "Track_End",
        "Track_Start",
        "Program_0",
        "Pitch_60",
        "Velocity_63",
        "Duration_1.0.8",
        "Track_End",
    ]
    with pytest.raises(IndexError):
        ref.tokens_errors(toks)  # miditok indexes the empty first track
    assert ours.tokens_errors(toks) == 0
    with pytest.raises(IndexError):  # no track, tempo nor time signature: no event at all
        ref.encode(symusic.Score(8), no_preprocess_score=True)
    seq = ours.encode(miditok_cpp.Score(8), no_preprocess_score=True)
    assert seq.tokens == ["Track_Start", "Track_End"]
    assert len(ours.decode(seq).tracks) == 0
    assert ours.encode(miditok_cpp.Score(8)).tokens == ref.encode(symusic.Score(8)).tokens


def _ids(seq):
    return list(map(int, seq.ids))


@pytest.mark.parametrize(("base", "split"), [("REMI", "bar"), ("TSD", "no"), ("MIDILike", "beat")])
def test_bpe_training(base, split, corpus):
    """BPE trained on MMM (per-track sequences) equals miditok's: merges and encoded ids."""
    params = _with_base({**SEED, "encode_ids_split": split}, base)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = miditok.MMM(miditok.TokenizerConfig(**deepcopy(params)))
        ours = miditok_cpp.MMM(miditok_cpp.TokenizerConfig(**deepcopy(params)))
        files = ONE_TRACK + MULTITRACK
        ref.train(600, model="BPE", files_paths=files)
        ours.train(600, model="BPE", files_paths=files, show_progress=False)
    rm = json.loads(ref._model.to_str())["model"]
    om = json.loads(ours._model.to_str())["model"]
    assert om["merges"] == rm["merges"]
    for path in MULTITRACK[:6]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seq_ref = ref.encode(path)
            parts_ref = ref.encode(path, concatenate_track_sequences=False)
        seq_ours = ours.encode(path)
        assert _ids(seq_ours) == _ids(seq_ref), (
            f"{path.name}: {first_diff(seq_ref.ids, seq_ours.ids)}"
        )
        parts = ours.encode(path, concatenate_track_sequences=False)
        assert [_ids(s) for s in parts] == [_ids(s) for s in parts_ref]
        assert seq_ours.tokens == seq_ref.tokens  # base tokens kept after model encoding
        dec = ours.decode(seq_ours.ids)
        assert dec == ref.decode(seq_ref.ids)
