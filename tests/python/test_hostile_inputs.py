"""Hostile contents (issue 15): scores whose encoding would not fit in memory, configs that size
huge tables, damaged params files and bad decode arguments. Every case must raise one of our typed
errors naming the file and position or the value, fast and without exhausting memory."""

from __future__ import annotations

import contextlib
import json
import re

import numpy as np
import pytest
from hostile_util import far_note, run_limited, smf, song

import miditok_cpp
from miditok_cpp import (
    REMI,
    TSD,
    CPWord,
    MIDILike,
    MuMIDI,
    Octuple,
    PerTok,
    Score,
    Structured,
    TokenizerConfig,
)

TYPED = (miditok_cpp.MidiError, miditok_cpp.ConfigError, miditok_cpp.TokenError)


# ---- resource limits -------------------------------------------------------------------------
def test_far_note_fails_fast_with_bounded_memory(tmp_path):
    path = tmp_path / "far.mid"
    path.write_bytes(far_note())
    out = run_limited(
        f"""
        import resource, miditok_cpp
        from miditok_cpp import REMI, TSD, MIDILike, Structured, Octuple, CPWord, PerTok
        path = {str(path)!r}
        for cls in (REMI, TSD, MIDILike, Structured, Octuple, CPWord):
            try:
                cls()(path)
                print("encoded")
            except miditok_cpp.MidiError as err:
                assert path in str(err), err
                print("MidiError")
        ids, errors = REMI().encode_batch([path])
        assert ids == [None] and errors[0][0] == path and "beats" in errors[0][1], errors
        # VmHWM, this process's own peak: ru_maxrss would keep the forking pytest worker's
        with open("/proc/self/status") as status:
            peak = next(line for line in status if line.startswith("VmHWM"))
        print(int(peak.split()[1]) // 1024)
        """,
        tmp_path,
        timeout=60,
    )
    lines = out.split()
    assert lines[:6] == ["MidiError"] * 6
    assert int(lines[6]) < 1024  # MB peak for the whole child, against 4.3 GB before


def test_encode_limits_are_configurable(tmp_path):
    path = tmp_path / "long.mid"
    path.write_bytes(smf([(0, 10, 60), (480 * 100, 10, 62)]))  # 100 beats, 4 events
    base = miditok_cpp._core.encode_limits()
    try:
        miditok_cpp._core.set_encode_limits(1, 1)
        with pytest.raises(miditok_cpp.MidiError):
            REMI()(path)
    finally:
        miditok_cpp._core.set_encode_limits(*base)
    assert len(REMI()(path)) > 0


CONFIG_CASES = [
    {"beat_res": {(0, 10**6): 8}},
    {"beat_res": {(0, 4): 10**7}},
    {"beat_res": {(0, 4096): 4096}},
    {"use_rests": True, "beat_res_rest": {(0, 10**6): 10**6}},
    {"use_tempos": True, "num_tempos": 10**8},
    {"use_pitch_bends": True, "pitch_bend_range": (-8192, 8191, 10**8)},
    {"use_time_signatures": True, "time_signature_range": {4: [10**9]}},
    {"use_time_signatures": True, "time_signature_range": {2**20: [4]}},
]


@pytest.mark.parametrize("params", CONFIG_CASES)
def test_config_tables_are_bounded(params):
    with pytest.raises(miditok_cpp.ConfigError, match="limits"):
        REMI(TokenizerConfig(**params))


@pytest.mark.parametrize(
    "make",
    [
        lambda: REMI(TokenizerConfig(max_bar_embedding=10**9)),
        lambda: Octuple(TokenizerConfig(max_bar_embedding=10**9)),
        lambda: PerTok(_pertok(num_microtiming_bins=10**7)),
        lambda: PerTok(_pertok(ticks_per_quarter=1e300)),
        lambda: PerTok(_pertok(max_microtiming_shift=float("inf"))),
    ],
)
def test_additional_params_are_bounded(make):
    with pytest.raises(miditok_cpp.ConfigError):
        make()


def _pertok(**extra) -> TokenizerConfig:
    params = {"use_microtiming": True, "ticks_per_quarter": 480, "max_microtiming_shift": 0.125,
              "num_microtiming_bins": 30, **extra}  # fmt: skip
    return TokenizerConfig(beat_res={(0, 4): 4}, **params)


def test_miditok_test_configs_stay_within_the_maxima():
    """The largest values MidiTok's own tests use build (their test configs and defaults)."""
    REMI(TokenizerConfig(beat_res={(0, 4): 8, (4, 12): 4}, num_tempos=32, use_tempos=True,
                         use_rests=True, use_pitch_bends=True, max_bar_embedding=300,
                         use_time_signatures=True,
                         time_signature_range={8: [3, 12, 6], 4: [5, 6, 3, 2, 1, 4]}))  # fmt: skip
    Octuple(TokenizerConfig(max_bar_embedding=300))
    PerTok(_pertok())
    for cls in (TSD, MIDILike, Structured):
        cls(TokenizerConfig(beat_res={(0, 16): 32}, use_rests=True))


# ---- params files ----------------------------------------------------------------------------
def _params_cases(valid: dict) -> list[tuple[str, bytes]]:
    """Generated damaged params files: syntax, encoding, nesting, and each key's type."""
    text = json.dumps(valid)
    cases = [
        ("empty", b""),
        ("truncated", text[: len(text) // 2].encode()),
        ("latin1", text.replace("REMI", "R\xc9MI").encode("latin-1")),
        ("nested", b"[" * 100000 + b"]" * 100000),
        ("deep object", b'{"config": ' * 5000 + b"{}" + b"}" * 5000),
        ("array", b"[1, 2]"),
        ("string", b'"REMI"'),
        ("nan", text.replace('"REMI"', "NaN").encode()),
    ]
    bad_values = [None, 1, -1, 1.5, "x", [], {}, [1, "a"], {"a": None}, 10**30, True]
    for key in valid["config"]:
        for value in bad_values:
            doc = json.loads(text)
            doc["config"][key] = value
            cases.append((f"config.{key}={value!r}", json.dumps(doc).encode()))
    for key in ("tokenization", "config", "_vocab_base", "_model"):
        for value in bad_values:
            doc = json.loads(text)
            doc[key] = value
            cases.append((f"{key}={value!r}", json.dumps(doc).encode()))
    return cases


def test_params_files_raise_only_config_errors(tmp_path):
    valid_path = tmp_path / "valid.json"
    REMI(TokenizerConfig(use_programs=True)).save(valid_path)
    valid = json.loads(valid_path.read_text())
    outcomes = {"loaded": 0, "ConfigError": 0}
    for i, (what, data) in enumerate(_params_cases(valid)):
        path = tmp_path / f"p{i}.json"
        path.write_bytes(data)
        try:
            REMI(params=path)
            outcomes["loaded"] += 1
        except miditok_cpp.ConfigError as err:
            assert str(path) in str(err), (what, err)
            outcomes["ConfigError"] += 1
        except Exception as err:
            pytest.fail(f"{what}: {type(err).__name__}: {err}")
    assert outcomes["ConfigError"] > 0
    print(f"params cases: {outcomes}")


def test_params_file_errors_name_the_position(tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"tokenization": "REMI",\n "config": {,}}')
    with pytest.raises(miditok_cpp.ConfigError, match=r"line 2, column 13"):
        REMI(params=path)
    with pytest.raises(miditok_cpp.IoError) as info:
        REMI(params=tmp_path / "missing.json")
    assert info.value.filename == str(tmp_path / "missing.json")


# ---- decode arguments ------------------------------------------------------------------------
BAD_IDS = [
    [2**31],
    [2**40],
    [-1],
    [1.5],
    [float("nan")],
    [float("inf")],
    [None],
    [4, None, 5],
    ["4", 5, None],
    [[4, 5], [6]],
    [[[4]]],
    np.array([1.5, 2.0]),
    np.array([2**40]),
    [object()],
]


def case_id(value) -> str:
    """A test id that is the same in every xdist worker (no memory address)."""
    return re.sub(r" at 0x[0-9a-f]+", "", repr(value))[:30]


@pytest.mark.parametrize("ids", BAD_IDS, ids=case_id)
def test_bad_ids_raise_token_error(ids):
    with pytest.raises(miditok_cpp.TokenError):
        one_stream().decode(ids)
    with pytest.raises(miditok_cpp.TokenError):
        REMI().decode([ids])  # one track per sequence: one level deeper


def one_stream() -> REMI:
    return REMI(TokenizerConfig(use_programs=True))


def test_integral_floats_decode_as_ints():
    tok = one_stream()
    ids = tok(Score.from_midi(song(16))).ids
    expected = tok.decode(ids)
    for form in ([float(i) for i in ids], np.array(ids, dtype=np.float32),
                 np.array(ids, dtype=np.int64)):  # fmt: skip
        assert tok.decode(form) == expected
    torch = pytest.importorskip("torch")
    assert tok.decode(torch.tensor(ids, dtype=torch.float32)) == expected


# Compound rows (CPWord, Octuple, MuMIDI): a row of slot ids per token, as a MidiTok user passes.
BAD_ROW_VALUES = [2**31, 2**40, 1.5, float("nan"), float("inf"), None, "x", [1], object()]


@pytest.mark.parametrize("cls", [CPWord, Octuple, MuMIDI], ids=lambda c: c.__name__)
@pytest.mark.parametrize("value", BAD_ROW_VALUES, ids=case_id)
def test_bad_compound_ids_raise_token_error(cls, value):
    tok = cls()
    good = tok(Score.from_midi(song(8)))
    seq = good if isinstance(good, miditok_cpp.TokSequence) else good[0]
    rows = [list(r) for r in seq.ids]
    rows[1][0] = value
    seq = rows if tok.one_token_stream else [rows]
    with pytest.raises(miditok_cpp.TokenError, match="compound token 1, slot 0"):
        tok.decode(seq)


@pytest.mark.parametrize("cls", [CPWord, Octuple, MuMIDI], ids=lambda c: c.__name__)
def test_integral_float_compound_ids_decode_as_ints(cls):
    tok = cls()
    good = tok(Score.from_midi(song(8)))
    seq = good if isinstance(good, miditok_cpp.TokSequence) else good[0]
    rows = [list(r) for r in seq.ids]
    as_ids = rows if tok.one_token_stream else [rows]
    as_floats = [[float(v) for v in r] for r in rows]
    as_floats = as_floats if tok.one_token_stream else [as_floats]
    assert tok.decode(as_floats) == tok.decode(as_ids)


def test_bad_id_message_names_the_value():
    with pytest.raises(miditok_cpp.TokenError, match=r"2147483648.*position 1"):
        one_stream().decode([4, 2**31])


def test_truncated_and_mutated_midi_in_a_batch(tmp_path):
    """Every prefix and a sample of byte mutations of a file: typed errors only, good files of
    the batch kept."""
    good = tmp_path / "good.mid"
    good.write_bytes(song(24))
    data = good.read_bytes()
    rng = np.random.default_rng(0)
    paths = [good]
    for i in range(0, len(data), 7):
        p = tmp_path / f"cut{i}.mid"
        p.write_bytes(data[:i])
        paths.append(p)
    for i in range(60):
        mutated = bytearray(data)
        for pos in rng.integers(0, len(data), 3):
            mutated[pos] = int(rng.integers(0, 256))
        p = tmp_path / f"mut{i}.mid"
        p.write_bytes(bytes(mutated))
        paths.append(p)
    paths.append(good)
    for tok in (REMI(), TSD(), Octuple()):
        ids, errors = tok.encode_batch(paths)
        assert ids[0] is not None and ids[-1] is not None
        assert len(errors) == sum(x is None for x in ids)
        for p in paths[1:-1]:
            with contextlib.suppress(TYPED):
                tok(p)
