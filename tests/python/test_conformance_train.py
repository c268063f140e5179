"""Training conformance: miditok 3.1.0's train vs ours on the same corpus files.

BPE: the same vocabulary, the same merges in the same order and the same encoded ids on every
file, for each encode_ids_split. WordPiece: the same vocabulary and ids. Params files cross-load
both ways and encode to the same ids.
"""

from __future__ import annotations

import json
import warnings

import pytest
from conftest import corpus_files

import miditok_cpp

CONFIGS = {
    "seed": {"num_velocities": 16, "use_chords": True, "use_programs": True},
    "default": {},
    "rests_tempos_ts": {"use_rests": True, "use_tempos": True, "use_time_signatures": True},
}
SPLITS = ("bar", "beat", "no")
VOCAB_SIZE = 1000


def _files():
    return corpus_files("one_track") + corpus_files("multitrack")


def _ids_lists(seq):
    if isinstance(seq, list):
        return [list(map(int, s.ids)) for s in seq]
    return [list(map(int, seq.ids))]


def _first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i, x, y
    return min(len(a), len(b)), a[len(b) :][:1], b[len(a) :][:1]


def _as_list(seq):
    return seq if isinstance(seq, list) else [seq]


_CACHE: dict = {}


def _trained(miditok_ref, cfg_name, split, model="BPE"):
    key = (cfg_name, split, model)
    if key not in _CACHE:
        params = dict(CONFIGS[cfg_name], encode_ids_split=split)
        ref = miditok_ref.REMI(miditok_ref.TokenizerConfig(**params))
        ours = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**params))
        files = _files()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref.train(VOCAB_SIZE, model=model, files_paths=files)
            ours.train(VOCAB_SIZE, model=model, files_paths=files, show_progress=False)
        _CACHE[key] = (ref, ours, files)
    return _CACHE[key]


def _check_same_model(ref, ours, label):
    assert ours.is_trained
    assert len(ours) == len(ref), f"{label}: len {len(ours)} != {len(ref)}"
    rv, ov = ref.vocab_model, ours.vocab_model
    if rv != ov:
        only_ref = sorted(set(rv.items()) - set(ov.items()), key=lambda x: x[1])[:3]
        only_ours = sorted(set(ov.items()) - set(rv.items()), key=lambda x: x[1])[:3]
        pytest.fail(f"{label}: vocab_model differs; ref {only_ref} ours {only_ours}")
    rm = json.loads(ref._model.to_str())["model"]
    om = json.loads(ours._model.to_str())["model"]
    if "merges" in rm and rm["merges"] != om["merges"]:
        i, a, b = _first_diff(rm["merges"], om["merges"])
        pytest.fail(f"{label}: merge #{i} differs: ref {a!r} ours {b!r}")


def _check_same_ids(ref, ours, files, label):
    for path in files:
        r = _ids_lists(ref.encode(path))
        o = _ids_lists(ours.encode(path))
        assert len(r) == len(o), f"{label} {path.name}: {len(o)} sequences, ref {len(r)}"
        for t, (a, b) in enumerate(zip(r, o, strict=True)):
            if a != b:
                i, x, y = _first_diff(a, b)
                pytest.fail(f"{label} {path.name} seq {t}: id #{i} ref {x} ours {y}")


@pytest.mark.parametrize("split", SPLITS)
@pytest.mark.parametrize("cfg_name", list(CONFIGS))
def test_bpe_same_vocab_merges_and_ids(corpus, miditok_ref, cfg_name, split):
    ref, ours, files = _trained(miditok_ref, cfg_name, split)
    label = f"BPE {cfg_name} split={split}"
    _check_same_model(ref, ours, label)
    _check_same_ids(ref, ours, files, label)


@pytest.mark.parametrize("split", ("bar", "beat"))
def test_wordpiece_same_vocab_and_ids(corpus, miditok_ref, split):
    ref, ours, files = _trained(miditok_ref, "seed", split, "WordPiece")
    label = f"WordPiece seed split={split}"
    _check_same_model(ref, ours, label)
    _check_same_ids(ref, ours, files, label)


@pytest.mark.parametrize("split", SPLITS)
def test_round_trip_after_training(corpus, miditok_ref, split):
    _, ours, files = _trained(miditok_ref, "seed", split)
    for path in files:
        encoded = _as_list(ours.encode(path))
        base = _as_list(ours.encode(path, encode_ids=False))
        for e, b in zip(encoded, base, strict=True):
            assert e.are_ids_encoded
            ours.decode_token_ids(e)
            assert list(e.ids) == list(b.ids), f"{path.name}: decode_token_ids is not lossless"
            assert list(e.tokens) == list(b.tokens)


@pytest.mark.parametrize("split", ("bar", "no"))
def test_params_cross_load(corpus, miditok_ref, tmp_path, split):
    ref, ours, files = _trained(miditok_ref, "seed", split)
    ref.save(tmp_path / "ref.json")
    ours.save(tmp_path / "ours.json")
    ours_from_ref = miditok_cpp.REMI(params=tmp_path / "ref.json")
    ref_from_ours = miditok_ref.REMI(params=tmp_path / "ours.json")
    assert ours_from_ref.is_trained and ref_from_ours.is_trained
    _check_same_ids(ref, ours_from_ref, files, f"ours loading miditok's params split={split}")
    _check_same_ids(ref_from_ours, ours, files, f"miditok loading our params split={split}")
    assert json.loads(ref_from_ours._model.to_str()) == json.loads(ours._model.to_str())
