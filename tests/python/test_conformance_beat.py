"""BEAT side by side with miditok 3.1.0: the corpus (MIDI and ABC files) and generated scores.

For each configuration and file: same vocabulary, same ids, same bar / beat ticks, same decoded
Score. Configurations: the defaults (every corpus file), tempos and key signatures, no velocities
with drums as Pitch tokens, a program subset, time signature ranges mixing the denominators 2, 4,
8 and 16 (6/8-style beats), duplicate removal. Generated scores add what the corpus lacks: time
signature changes across denominators off bar lines, tempos and key signatures between bars,
same-pitch overlaps, duplicated notes with other velocities, same-program tracks and drums.
Where miditok fails, ours is checked on its own (no time signature with no_preprocess_score).
"""

from __future__ import annotations

import json
import pickle
import random
import warnings
from copy import deepcopy

import pytest
from conftest import corpus_files
from tok_conformance import (
    HARD,
    MULTITRACK,
    ONE_TRACK,
    _score_diff,
    check_file,
    first_diff,
    make_pair,
    miditok,
    miditok_cpp,
    symusic,
    vocab_equal,
)

CLS = "BEAT"
ABC = corpus_files("abc")
TS_MIXED = {16: [3, 6, 7], 8: [3, 12, 6, 5], 4: [5, 6, 3, 2, 1, 4], 2: [2, 3]}
CONFIGS = [
    {"use_tempos": True, "use_key_signatures": True},
    {"use_velocities": False, "use_pitchdrum_tokens": False},
    {"programs": [0, 24, -1, 33, 48], "num_velocities": 16},
    {
        "time_signature_range": TS_MIXED,
        "use_tempos": True,
        "num_tempos": 32,
        "tempo_range": (40, 250),
        "log_tempos": True,
        "delete_equal_successive_tempo_changes": True,
        "delete_equal_successive_time_sig_changes": True,
        "remove_duplicated_notes": True,
    },
    {"time_signature_range": TS_MIXED, "use_key_signatures": True, "special_tokens": ["PAD"]},
]
CONFIG_FILES = MULTITRACK + HARD + ABC


def _check_ticks(ref, ours, path, params) -> None:
    a, b = ref(symusic.Score(path)), ours(path)
    where = f"BEAT on {path.name} with {params}"
    assert list(b._ticks_bars) == list(a._ticks_bars), f"{where}: bar ticks differ"
    assert list(b._ticks_beats) == list(a._ticks_beats), f"{where}: beat ticks differ"


@pytest.mark.parametrize("path", ONE_TRACK + MULTITRACK + ABC, ids=lambda p: p.name)
def test_default_config(path, corpus):
    ref, ours = make_pair(CLS, {})
    vocab_equal(ref, ours, {})
    check_file(ref, ours, path, {})
    _check_ticks(ref, ours, path, {})


@pytest.mark.parametrize("ci", range(len(CONFIGS)))
def test_configs(ci, corpus):
    params = CONFIGS[ci]
    ref, ours = make_pair(CLS, params)
    vocab_equal(ref, ours, params)
    assert ours.tokens_types_graph == ref.tokens_types_graph, f"graph differs for {params}"
    for path in CONFIG_FILES:
        check_file(ref, ours, path, params)


def _random_score(seed: int):
    """A symusic Score exercising BEAT's preprocessing and roll (deterministic per seed)."""
    rng = random.Random(seed)
    tpq = rng.choice([96, 120, 220, 384, 480, 8, 16])
    score = symusic.Score(tpq)
    length = rng.randint(1, 40) * tpq
    sigs = [(0, 4, 4)] if rng.random() < 0.5 else []
    for _ in range(rng.randint(0, 4)):
        sigs.append(
            (
                rng.randint(0, length),
                rng.choice([2, 3, 4, 5, 6, 7, 9, 12]),
                rng.choice([2, 4, 8, 16]),
            )
        )
    for t, num, den in sorted(sigs):
        score.time_signatures.append(symusic.TimeSignature(t, num, den))
    for _ in range(rng.randint(0, 5)):
        score.tempos.append(symusic.Tempo(rng.randint(0, length + tpq), rng.uniform(30, 300)))
    score.tempos.sort()
    for _ in range(rng.randint(0, 4)):
        score.key_signatures.append(
            symusic.KeySignature(rng.randint(0, length), rng.randint(-7, 7), rng.randint(0, 1))
        )
    score.key_signatures.sort()
    for _ in range(rng.randint(0, 5)):
        track = symusic.Track(program=rng.choice([0, 0, 24, 33, 48, 5]), is_drum=rng.random() < 0.2)
        for _ in range(rng.randint(0, 60)):
            duration = rng.choice([0, 1, rng.randint(1, 4 * tpq), rng.randint(1, tpq // 2 + 1)])
            velocity = rng.choice([0, rng.randint(1, 127), rng.randint(1, 127)])
            track.notes.append(
                symusic.Note(rng.randint(0, length), duration, rng.randint(20, 100), velocity)
            )
        if rng.random() < 0.3 and len(track.notes) > 0:  # a duplicate with another velocity
            n = track.notes[0]
            track.notes.append(symusic.Note(n.time, n.duration, n.pitch, rng.randint(1, 127)))
        if rng.random() < 0.7:
            track.notes.sort()
        score.tracks.append(track)
    return score


GENERATED_CONFIGS = [
    {"time_signature_range": TS_MIXED, "use_tempos": True, "use_key_signatures": True},
    {
        "time_signature_range": TS_MIXED,
        "use_tempos": True,
        "use_velocities": False,
        "use_pitchdrum_tokens": False,
        "remove_duplicated_notes": True,
        "delete_equal_successive_tempo_changes": True,
        "delete_equal_successive_time_sig_changes": True,
    },
    {"programs": [0, 24, -1, 33], "num_velocities": 16, "use_key_signatures": True},
]


@pytest.mark.parametrize("ci", range(len(GENERATED_CONFIGS)))
def test_generated_scores(ci):
    """Preprocessed score, ids, bar / beat ticks and decoded Score equal to miditok's."""
    params = GENERATED_CONFIGS[ci]
    ref, ours = make_pair(CLS, params)
    for seed in range(60):
        score = _random_score(seed)
        where = f"BEAT on generated score {seed} with {params}"
        pre_ref = ref.preprocess_score(score.copy())
        pre = ours.preprocess_score(score.copy())  # a symusic score in, a symusic score out
        assert type(pre) is type(pre_ref) and pre == pre_ref, f"{where}: preprocessed differ"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            a = ref(score.copy())
        b = ours(score.copy())
        assert b.ids == a.ids, f"{where}: {first_diff(a.tokens, b.tokens)}"
        assert list(b._ticks_bars) == list(a._ticks_bars), where
        assert list(b._ticks_beats) == list(a._ticks_beats), where
        dec_ref = ref.decode(deepcopy(a.ids))
        dec = ours.decode(a.ids)
        assert dec == dec_ref, f"{where}: decoded scores differ: {_score_diff(dec_ref, dec)}"


def test_piano_roll_of_unpreprocessed_scores():
    """no_preprocess_score: overlapping and duplicated notes, velocities 0 and above 127 (as
    uint8), notes without duration are read as symusic's piano roll reads them (last note
    written wins)."""
    for params in ({"use_velocities": False}, {}):
        ref, ours = make_pair(CLS, params)
        for seed in range(80):
            rng = random.Random(seed)
            tpq = rng.choice([8, 16, 48, 480])
            score = symusic.Score(tpq)
            length = rng.randint(1, 20) * tpq
            score.time_signatures.append(symusic.TimeSignature(0, rng.choice([3, 4, 6]), 4))
            if rng.random() < 0.5:
                score.time_signatures.append(
                    symusic.TimeSignature(rng.randint(1, length), rng.choice([3, 6, 12]), 8)
                )
            for _ in range(rng.randint(1, 4)):
                track = symusic.Track(
                    program=rng.choice([0, 0, 24, 33]), is_drum=rng.random() < 0.2
                )
                for _ in range(rng.randint(0, 80)):
                    duration = rng.choice([0, rng.randint(1, 3 * tpq), rng.randint(1, tpq)])
                    velocity = rng.choice([0, 1, 64, 127, -5])
                    track.notes.append(
                        symusic.Note(
                            rng.randint(0, length), duration, rng.randint(30, 88), velocity
                        )
                    )
                score.tracks.append(track)
            a = ref.encode(score.copy(), no_preprocess_score=True)
            b = ours.encode(score.copy(), no_preprocess_score=True)
            assert b.ids == a.ids, f"seed {seed} with {params}: {first_diff(a.tokens, b.tokens)}"


def test_types_graph_and_errors(corpus):
    """Same token-type graph and tokens_errors, on sequences and corrupted ones."""
    for params in ({}, *CONFIGS):
        ref, ours = make_pair(CLS, params)
        assert ours.tokens_types_graph == ref.tokens_types_graph, f"graph differs for {params}"
    ref, ours = make_pair(CLS, {})
    for path in MULTITRACK[:3] + ABC[:2]:
        seq = ours(path)
        assert ours.tokens_errors(seq) == pytest.approx(ref.tokens_errors(ref(path)))
        toks = list(seq.tokens)
        toks[5:11] = toks[11:5:-1]  # swapped tokens and pitches out of descending order
        toks.insert(20, "Pitch_0")
        assert ours.tokens_errors(toks) == pytest.approx(ref.tokens_errors(toks)), path.name


def test_decode_edge_sequences():
    """Malformed groups, sustains without onset, notes before any Program, silent blocks."""
    ref, ours = make_pair(CLS, CONFIGS[0])
    sequences = [
        ["Beat_None", "Pitch_60", "Pattern_27", "Velocity_63"],  # before Bar and Program
        ["Bar_None", "Beat_None", "Program_0", "Pitch_60", "Pattern_26", "Velocity_63"],
        [
            "Bar_None",
            "Beat_None",
            "Program_0",
            "Pitch_60",
            "Pattern_29",
            "Beat_None",
            "Program_0",
            "Pitch_60",
            "Pattern_80",
            "Velocity_63",
        ],
        [
            "Bar_None",
            "TimeSig_6/8",
            "Beat_None",
            "Program_0",
            "Rest_None",
            "Program_0",
            "Pitch_70",
            "Pattern_53",
            "Velocity_99",
            "Pitch_5",
            "Pattern_1",
            "Velocity_31",
            "Beat_None",
            "Program_0",
            "Rest_None",
            "Program_0",
            "Pitch_70",
            "Pattern_66",
            "Velocity_99",
            "Bar_None",
            "TimeSig_3/4",
            "Tempo_121.29",
            "Beat_None",
            "Program_-1",
            "PitchDrum_36",
            "Pattern_40",
            "Velocity_91",
            "Pitch_100",
            "Pattern_1",
        ],
        [
            "Program_33",
            "Pitch_60",
            "Pattern_9",
            "Velocity_63",
            "Pitch_61",
            "Pattern_1",
            "Velocity_63",
            "Pitch_50",
        ],
        [],
    ]
    for toks in sequences:
        dec_ref = ref.decode(miditok.TokSequence(tokens=list(toks)))
        dec = ours.decode(list(toks))
        assert dec == dec_ref, f"{toks}: {_score_diff(dec_ref, dec)}"


def test_params_files_both_ways(tmp_path):
    """Our params file loads in miditok and miditok's in ours; pickling keeps the tokenizer."""
    params = CONFIGS[0]
    ref, ours = make_pair(CLS, params)
    ours.save(tmp_path / "ours.json")
    ref.save(tmp_path / "ref.json")
    assert miditok.BEAT(params=tmp_path / "ours.json").vocab == ref.vocab
    loaded = miditok_cpp.BEAT(params=tmp_path / "ref.json")
    assert loaded == ours and loaded.vocab == ref.vocab
    assert (
        json.loads((tmp_path / "ours.json").read_text())["config"]
        == json.loads((tmp_path / "ref.json").read_text())["config"]
    )
    clone = pickle.loads(pickle.dumps(ours))
    assert clone == ours and clone.one_token_stream and clone.vocab == ref.vocab
    assert type(miditok_cpp.MusicTokenizer.from_pretrained(tmp_path / "ref.json")) is type(ours)
    assert ours.config.max_num_pos_per_beat == 4 and ours.time_division == ref.time_division


@pytest.mark.parametrize("split", ["bar", "beat"])
def test_bpe_training(split, corpus):
    """BPE trained on BEAT equals miditok's: merges, encoded ids and decoded scores."""
    params = {"encode_ids_split": split}
    files = ONE_TRACK[:8] + MULTITRACK[:4]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = miditok.BEAT(miditok.TokenizerConfig(**deepcopy(params)))
        ours = miditok_cpp.BEAT(miditok_cpp.TokenizerConfig(**deepcopy(params)))
        ref.train(700, model="BPE", files_paths=files)
        ours.train(700, model="BPE", files_paths=files, show_progress=False)
    rm = json.loads(ref._model.to_str())["model"]
    om = json.loads(ours._model.to_str())["model"]
    assert om["merges"] == rm["merges"]
    for path in files[:6]:
        seq_ref, seq_ours = ref.encode(path), ours.encode(path)
        assert list(seq_ours.ids) == list(seq_ref.ids), (
            f"{path.name}: {first_diff(seq_ref.ids, seq_ours.ids)}"
        )
        dec = ours.decode(seq_ours.ids)
        assert dec == ref.decode(seq_ref.ids), path.name


def test_where_miditok_fails():
    """A score without time signature encoded with no_preprocess_score: miditok fails
    (StopIteration looking for the time signature of its last bar), ours reads it as 4/4, as
    preprocessing does."""
    ref, ours = make_pair(CLS, {})
    score = symusic.Score(8)
    track = symusic.Track(program=0)
    track.notes.append(symusic.Note(0, 12, 60, 99))
    score.tracks.append(track)
    with pytest.raises(StopIteration):
        ref.encode(score.copy(), no_preprocess_score=True)
    seq = ours.encode(score.copy(), no_preprocess_score=True)
    assert seq.tokens == [
        "Bar_None",
        "Beat_None",
        "Program_0",
        "Pitch_60",
        "Pattern_53",
        "Velocity_99",
        "Beat_None",
        "Program_0",
        "Pitch_60",
        "Pattern_72",
        "Velocity_99",
    ]
    notes = ours.decode(seq).tracks[0].notes  # symusic's, as miditok's decode
    assert [(n.time, n.duration, n.pitch, n.velocity) for n in notes] == [(0, 12, 60, 99)]
