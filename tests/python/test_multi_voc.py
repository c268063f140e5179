"""The multi-vocabulary API of Octuple and CPWord next to miditok's: vocab as a list of dicts,
len / .len, indexing, pad id, io_format, params files both ways, pickling, decode from ids, tokens
or TokSequence, complete_sequence; out-of-vocabulary compound ids raise TokenError naming the
position, random compound ids never crash, and the inputs miditok crashes on decode with us."""

from __future__ import annotations

import pickle
import random
import warnings

import pytest
from conftest import corpus_files

miditok = pytest.importorskip("miditok")
symusic = pytest.importorskip("symusic")

import miditok_cpp  # noqa: E402

CLASSES = ["Octuple", "CPWord"]
PARAMS = {"use_programs": True, "use_tempos": True, "use_rests": True, "use_chords": True}
FILE = next(p for p in corpus_files("multitrack") if p.name.startswith("I Gotta"))


def _pair(cls_name, params=PARAMS):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = getattr(miditok, cls_name)(miditok.TokenizerConfig(**params))
        ours = getattr(miditok_cpp, cls_name)(miditok_cpp.TokenizerConfig(**params))
    return ref, ours


@pytest.mark.parametrize("cls_name", CLASSES)
def test_vocabulary_api(cls_name):
    ref, ours = _pair(cls_name)
    assert ours.is_multi_voc
    assert ours.vocab == ref.vocab
    assert len(ours) == len(ref) and ours.len == ref.len
    assert ours.io_format == ref.io_format == ("T", "C")
    assert ours.pad_token_id == ref.pad_token_id == 0
    assert ours["BOS_None"] == ref["BOS_None"]
    k = ours.vocab_types_idx["Pitch"]
    assert ours[k, "Pitch_60"] == ref[k, "Pitch_60"]
    assert ours[k, 5] == ref[k, 5]
    with pytest.raises(ValueError):
        ours["Pitch_60"]
    assert ours.special_tokens_ids == ref.special_tokens_ids
    assert ours.token_ids_of_type("Pitch", k) == ref.token_ids_of_type("Pitch", k)


@pytest.mark.parametrize("cls_name", CLASSES)
def test_params_files_both_ways(cls_name, tmp_path):
    ref, ours = _pair(cls_name, {**PARAMS, "one_token_stream_for_programs": False})
    ref.save(tmp_path / "ref.json")
    ours.save(tmp_path / "ours.json")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        loaded_ours = getattr(miditok_cpp, cls_name)(params=tmp_path / "ref.json")
        loaded_ref = getattr(miditok, cls_name)(params=tmp_path / "ours.json")
    assert loaded_ours == ours
    assert loaded_ours.vocab == ref.vocab
    assert loaded_ref.vocab == ours.vocab
    assert loaded_ours.io_format == ("I", "T", "C")
    clone = pickle.loads(pickle.dumps(ours))
    assert clone == ours and clone.vocab == ours.vocab
    assert clone(FILE)[0].ids == ours(FILE)[0].ids


@pytest.mark.parametrize("cls_name", CLASSES)
def test_decode_forms(cls_name):
    _, ours = _pair(cls_name)
    seq = ours(FILE)
    from_ids = ours.decode(seq.ids)
    assert ours.decode(seq) == from_ids
    assert ours.decode([seq]) == from_ids
    assert ours.decode(seq.tokens) == from_ids
    np = pytest.importorskip("numpy")
    assert ours.decode(np.array(seq.ids)) == from_ids
    other = miditok_cpp.TokSequence(tokens=seq.tokens)
    ours.complete_sequence(other)
    assert other.ids == seq.ids
    other = miditok_cpp.TokSequence(ids=seq.ids)
    ours.complete_sequence(other)
    assert other.tokens == seq.tokens
    ids, errors = ours.encode_batch([FILE, FILE])
    assert errors == [] and ids[0] == seq.ids


@pytest.mark.parametrize("cls_name", CLASSES)
def test_out_of_vocabulary_ids_name_the_position(cls_name):
    _, ours = _pair(cls_name)
    ids = [list(r) for r in ours(FILE).ids[:10]]
    ids[3][1] = 10_000
    with pytest.raises(miditok_cpp.TokenError, match="compound token 3, slot 1"):
        ours.decode(ids)
    ids[3] = ids[3][:-1]
    with pytest.raises(miditok_cpp.TokenError, match="compound token 3"):
        ours.decode(ids)
    with pytest.raises(miditok_cpp.TokenError, match="Pitch_1000"):
        ours.decode([["Pitch_1000"] * len(ours.vocab)])


@pytest.mark.parametrize("cls_name", CLASSES)
@pytest.mark.parametrize("one_stream", [True, False])
def test_random_compound_ids_never_crash(cls_name, one_stream):
    _, ours = _pair(cls_name, {**PARAMS, "one_token_stream_for_programs": one_stream})
    rng = random.Random(3)
    for _ in range(50):
        seqs = [
            [[rng.randrange(n) for n in ours.len] for _ in range(rng.randrange(40))]
            for _ in range(1 if one_stream else rng.randrange(1, 4))
        ]
        score = ours.decode(seqs[0] if one_stream else seqs)
        assert score.ticks_per_quarter == ours.time_division
        ours.tokens_errors(seqs[0] if one_stream else seqs)


@pytest.mark.parametrize("cls_name", CLASSES)
def test_padded_sequences_decode(cls_name):
    """Padding rows (all PAD_None) are skipped; miditok's Octuple crashes on them with programs."""
    ref, ours = _pair(cls_name)
    ids = ours(FILE).ids[:20]
    padded = ids + [[ours.pad_token_id] * len(ours.vocab)] * 5
    assert ours.decode(padded) == ours.decode(ids)
    if cls_name == "CPWord":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = ref.decode(padded)
        assert ours.decode(padded) == expected
    else:
        with pytest.raises(ValueError):  # int("None") on the Program slot
            ref.decode(padded)


def test_octuple_empty_sequence_decodes():
    """miditok's Octuple reads seq[0] of an empty sequence (IndexError); ours: an empty Score."""
    ref, ours = _pair("Octuple", {"use_time_signatures": True})
    score = ours.decode([[]])
    assert sum(len(t.notes) for t in score.tracks) == 0
    with pytest.raises(IndexError):
        ref.decode([[]])


def test_train_is_skipped():
    _, ours = _pair("CPWord")
    with pytest.warns(UserWarning, match="cannot be trained"):
        ours.train(1000, files_paths=[FILE])


@pytest.mark.parametrize("cls_name", [*CLASSES, "MuMIDI"])
def test_encoded_rows_are_plain_lists_out_of_the_cyclic_gc(cls_name):
    """The ids of an encode are lists of lists of ints, equal to miditok's, and neither the rows
    nor their list are tracked by the cyclic GC (no collection walks a kept sequence's rows);
    they stay ordinary, mutable lists."""
    import gc

    ref, ours = _pair(cls_name, {"use_programs": True})
    seqs, ref_seqs = ours(FILE), ref(FILE)
    if not isinstance(seqs, list):
        seqs, ref_seqs = [seqs], [ref_seqs]
    for seq, ref_seq in zip(seqs, ref_seqs, strict=True):
        assert type(seq.ids) is list and all(type(row) is list for row in seq.ids)
        assert all(type(i) is int for row in seq.ids for i in row)
        assert seq.ids == ref_seq.ids
        assert not gc.is_tracked(seq.ids)
        assert not any(gc.is_tracked(row) for row in seq.ids)
        seq.ids.append(list(seq.ids[0]))
        seq.ids[0].append(0)
        assert seq.ids[-1] == seq.ids[0][:-1]
