"""Attribute controls with MMM and in the C++ dataset path, side by side with miditok 3.1.0.

MMM: encode(..., attribute_controls_indexes=...) equals miditok's MMM (with its controls
corrected as in test_conformance_ac_encode.py, docs/differences.md rows 1-5) for every base
tokenization, with every control on every bar and with random subsets; DatasetMIDI with
ac_*_random_ratio_range and an MMM tokenizer gives miditok's items and samples. The C++
pre-tokenization on threads (seeded random controls, one seed per file drawn from `random`)
gives the samples of the Python threaded path with the same seeds.
"""

from __future__ import annotations

import random
import warnings
from copy import deepcopy

import pytest
from conftest import corpus_files
from test_conformance_ac_encode import (
    ALL_ACS,
    all_indexes,
    correct_controls,
    first_diff,
    random_indexes,
)

miditok = pytest.importorskip("miditok")
symusic = pytest.importorskip("symusic")

import miditok_cpp  # noqa: E402
from miditok_cpp.pytorch_data import DatasetMIDI, _native  # noqa: E402

FILES = corpus_files("multitrack") + corpus_files("one_track")[::3]
BASES = ("REMI", "TSD", "MIDILike")
RICH = {"use_rests": True, "use_tempos": True, "use_time_signatures": True, "use_chords": True}

_PAIRS: dict[str, tuple] = {}


def mmm_pair(base: str, rich: bool = False):
    """(miditok MMM with corrected controls, our MMM) with every control on."""
    key = f"{base}:{rich}"
    if key not in _PAIRS:
        params = {**ALL_ACS, **(RICH if rich else {}), "base_tokenizer": base}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = miditok.MMM(miditok.TokenizerConfig(**deepcopy(params)))
            ours = miditok_cpp.MMM(miditok_cpp.TokenizerConfig(**deepcopy(params)))
        correct_controls(ref)
        _PAIRS[key] = (ref, ours)
    return _PAIRS[key]


def _preprocessed(ref, path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ref.preprocess_score(symusic.Score(path))


@pytest.mark.parametrize("rich", [False, True], ids=["plain", "rich"])
@pytest.mark.parametrize("base", BASES)
def test_mmm_vocab_and_controls_match_miditok(base, rich):
    ref, ours = mmm_pair(base, rich)
    assert ours.vocab == ref.vocab
    assert [type(a).__name__ for a in ours.attribute_controls] == [
        type(a).__name__ for a in ref.attribute_controls
    ]


@pytest.mark.parametrize("rich", [False, True], ids=["plain", "rich"])
@pytest.mark.parametrize("base", BASES)
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_mmm_encode_with_controls(path, base, rich):
    ref, ours = mmm_pair(base, rich)
    score = _preprocessed(ref, path)
    cases = {"all": all_indexes(ref, score)}
    for seed in (0, 1):
        cases[f"seed {seed}"] = random_indexes(ref, score, seed)
    for name, indexes in cases.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seq_ref = ref.encode(symusic.Score(path), attribute_controls_indexes=deepcopy(indexes))
        seq_ours = ours.encode(path, attribute_controls_indexes=indexes)
        assert list(seq_ours.ids) == list(seq_ref.ids), (
            f"MMM/{base} {'rich' if rich else 'plain'} on {path.name}, {name}: "
            f"{first_diff(seq_ref.tokens, seq_ours.tokens)}"
        )
    # Per track (concatenate_track_sequences=False): the same tracks as miditok's
    indexes = cases["seed 0"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        parts_ref = ref.encode(
            symusic.Score(path),
            attribute_controls_indexes=deepcopy(indexes),
            concatenate_track_sequences=False,
        )
    parts = ours.encode(path, attribute_controls_indexes=indexes, concatenate_track_sequences=False)
    assert [list(p.ids) for p in parts] == [list(p.ids) for p in parts_ref], path.name


DATASET_FILES = corpus_files("multitrack")[:4] + corpus_files("one_track")[:3]
RANGES = {"ac_tracks_random_ratio_range": (0.2, 1.0), "ac_bars_random_ratio_range": (0.1, 0.9)}
KW = {"max_seq_len": 3000, "bos_token_id": 1, "eos_token_id": 2, **RANGES}


@pytest.mark.parametrize("pre_tokenize", [False, True])
@pytest.mark.parametrize("base", BASES)
def test_mmm_dataset_with_random_controls_equals_miditok(base, pre_tokenize):
    """Same `random` state: MMM DatasetMIDI items (on the fly, and pre-tokenized on one
    worker) equal miditok's."""
    from miditok.pytorch_data import DatasetMIDI as RefDataset

    ref, ours = mmm_pair(base)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        random.seed(3)
        ds_ref = RefDataset(
            DATASET_FILES, ref, pre_tokenize=pre_tokenize, parallel_workers_size=1, **KW
        )
        random.seed(3)
        ds_ours = DatasetMIDI(
            DATASET_FILES, ours, pre_tokenize=pre_tokenize, parallel_workers_size=1, **KW
        )
    assert len(ds_ref) == len(ds_ours)
    found_control = False
    for i in range(len(ds_ref)):
        random.seed(50 + i)
        a = ds_ref[i]["input_ids"].tolist()
        random.seed(50 + i)
        b = ds_ours[i]["input_ids"].tolist()
        assert a == b, f"MMM/{base} item {i}: {first_diff(a, b)}"
        found_control |= any(ours[t].startswith("AC") for t in b)
    assert found_control


def _threaded(tokenizer, native: bool, monkeypatch, seed: int = 11):
    with monkeypatch.context() as m:
        if not native:
            m.setattr(_native, "native_core", lambda ds, seeded_acs=False: None)
        random.seed(seed)
        return DatasetMIDI(
            DATASET_FILES, tokenizer, pre_tokenize=True, parallel_workers_size=2, **KW
        )


@pytest.mark.parametrize("cls", ["REMI", "MMM"])
def test_cpp_threads_equal_python_threads(cls, monkeypatch):
    """The C++ pre-tokenization with random controls (one seed per file, drawn from `random`
    in file order) gives the samples of the Python threaded path with the same seeds; another
    random.seed gives other controls."""
    if cls == "MMM":
        _, ours = mmm_pair("REMI")
    else:
        ours = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**ALL_ACS))
    native = _threaded(ours, True, monkeypatch)
    python = _threaded(ours, False, monkeypatch)
    got = [s.tolist() for s in native.samples]
    want = [s.tolist() for s in python.samples]
    assert len(got) == len(want)
    for i, (a, b) in enumerate(zip(want, got, strict=True)):
        assert a == b, f"{cls} sample {i}: {first_diff(a, b)}"
    assert any(ours[t].startswith("AC") for s in got for t in s)
    other = [s.tolist() for s in _threaded(ours, True, monkeypatch, seed=12).samples]
    assert other != got


def test_cpp_dataset_path_is_taken_with_seeded_controls(monkeypatch):
    """Threads with random controls run in C++ (not per file in Python)."""
    ours = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**ALL_ACS))
    calls = []
    monkeypatch.setattr(_native, "_pre_tokenize_one", lambda *a: calls.append(a))
    ds = DatasetMIDI(DATASET_FILES, ours, pre_tokenize=True, parallel_workers_size=2, **KW)
    assert not calls and len(ds) > 0


@pytest.mark.parametrize("cls", ["REMI", "TSD", "MMM"])
def test_encode_batch_with_random_controls(cls, tmp_path):
    """encode_batch with random controls: file i gets the controls seeded by the i-th draw of
    random.Random(seed), on C++ threads; the same as encode() with those indexes, and a bad
    file is still reported, not thrown."""
    from miditok_cpp.attribute_controls import create_random_ac_indexes

    if cls == "MMM":
        _, ours = mmm_pair("TSD")
    else:
        ours = getattr(miditok_cpp, cls)(miditok_cpp.TokenizerConfig(**ALL_ACS))
    files = [*DATASET_FILES, *corpus_files("corrupted")[:1]]
    ranges = ((0.3, 1.0), (0.2, 0.9))
    ids, errors = ours.encode_batch(files, 2, *ranges, seed=5)
    assert [e[0] for e in errors] == [str(files[-1])] and ids[-1] is None
    rng = random.Random(5)
    found_control = False
    for path, got in zip(files[:-1], ids, strict=False):
        score = ours.preprocess_score(miditok_cpp.Score(path))
        indexes = create_random_ac_indexes(
            score, ours.attribute_controls, *ranges, seed=rng.getrandbits(64)
        )
        seqs = ours.encode(score, no_preprocess_score=True, attribute_controls_indexes=indexes)
        want = [list(seqs.ids)] if ours.one_token_stream else [list(s.ids) for s in seqs]
        have = [got.tolist()] if ours.one_token_stream else [a.tolist() for a in got]
        assert have == want, f"{cls} {path.name}: {first_diff(want[0], have[0])}"
        found_control |= any(ours[t].startswith("AC") for s in have for t in s)
    assert found_control
    # Same seed, same ids whatever the threads; no ranges: the plain encoding
    again, _ = ours.encode_batch(files[:-1], 1, *ranges, seed=5)
    flat = [a.tolist() if ours.one_token_stream else [x.tolist() for x in a] for a in ids[:-1]]
    flat2 = [a.tolist() if ours.one_token_stream else [x.tolist() for x in a] for a in again]
    assert flat == flat2
    plain, _ = ours.encode_batch(files[:1])
    seq = ours.encode(files[0])
    first = plain[0].tolist() if ours.one_token_stream else plain[0][0].tolist()
    assert first == (list(seq.ids) if ours.one_token_stream else list(seq[0].ids))
