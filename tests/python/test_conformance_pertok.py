"""PerTok side by side with miditok 3.1.0 on every MIDI file of the corpus.

For each configuration and file: same vocabulary, same ids, same decoded Score. Configurations:
MidiTok's own PerTok tests (test_tokenize.py with utils_tests.adjust_tok_params_for_tests: the
one-track config, its hard-file sweep, the multitrack config) plus Position tokens, no
microtiming, per-track programs, durations per program, pitch intervals, control changes, pitch
bends / tempos / key signatures and pedals. Where miditok fails, ours is checked on its own:
time signatures the vocabulary lacks (miditok KeyError: ours drops them), PedalOff and Tempo
decoding (miditok AttributeError / TypeError: ours decodes them).
"""

from __future__ import annotations

import pickle
import warnings
from copy import deepcopy

import pytest
from miditok_test_params import adjust_for_tests
from tok_conformance import (
    HARD,
    MULTI,
    MULTITRACK,
    ONE_TRACK,
    ONE_TRACK_BASE,
    ONE_TRACK_PARAMS,
    _score_diff,
    check_config,
    first_diff,
    make_pair,
    miditok,
    miditok_cpp,
    symusic,
)

CLS = "PerTok"


def _adjust(params: dict) -> dict:
    """MidiTok's adjust_tok_params_for_tests for PerTok, key signatures left as given."""
    return adjust_for_tests(CLS, params, key_signatures=False)


ONE = _adjust(ONE_TRACK_PARAMS)
HARD_PARAMS = [_adjust({**ONE_TRACK_BASE, "use_velocities": v}) for v in (False, True)]
MULTI_P = _adjust(MULTI)
EXTRA_PARAMS = [
    MULTI_P,
    {**ONE, "use_position_toks": True},
    {**ONE, "use_microtiming": False},
    {**MULTI_P, "one_token_stream_for_programs": False, "program_changes": True},
    {**MULTI_P, "use_velocities": False, "use_note_duration_programs": [0, 1, 2, -1]},
    {**ONE, "use_note_duration_programs": [0]},
    {**ONE, "use_pitch_intervals": True},
    {**MULTI_P, "use_control_changes": True, "control_change_n_bins": 16},
    {**ONE, "use_pitch_bends": True, "use_tempos": True, "use_key_signatures": True},
    {**MULTI_P, "use_sustain_pedals": True, "use_position_toks": True},
]

# miditok's PerTok is slow: the extra configs run on the multitrack files and the hard ones.
CONFIG_FILES = MULTITRACK + HARD
_CRASHING_TYPES = ("Pedal", "PedalOff", "Tempo", "PitchBend")


def _ids(seq):
    return seq.ids if isinstance(seq, miditok.TokSequence) else [s.ids for s in seq]


def _without(ref, ids, types):
    """ids without the tokens of some types (those miditok fails to decode)."""
    if ids and isinstance(ids[0], list):
        return [_without(ref, s, types) for s in ids]
    return [i for i in ids if ref[i].split("_")[0] not in types]


def check(ref, ours, path, params) -> None:
    """Ids and decoded Score equal to miditok's; where miditok fails, ours is checked alone."""
    where = f"PerTok on {path.name} with {params}"
    score = symusic.Score(path)
    mine = ours(path)
    mine_list = [mine] if isinstance(mine, miditok_cpp.TokSequence) else mine
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seq_ref = ref(score)
    except KeyError as e:  # a time signature the vocabulary lacks: miditok fails
        assert str(e).strip("'").startswith("TimeSig_"), f"{where}: miditok failed with {e!r}"
        for s in mine_list:
            assert all(t in ours.vocab for t in s.tokens)
        assert ours.decode(_ids_mine(mine)) is not None
        return
    refs = [seq_ref] if isinstance(seq_ref, miditok.TokSequence) else seq_ref
    assert len(refs) == len(mine_list), f"{where}: {len(refs)} sequences vs {len(mine_list)}"
    for i, (a, b) in enumerate(zip(refs, mine_list, strict=True)):
        assert a.ids == b.ids, f"{where}, sequence {i}: {first_diff(a.tokens, b.tokens)}"
    ids = _ids(seq_ref)
    dec_ours = ours.decode(ids)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            dec_ref = ref.decode(deepcopy(ids))
    except (AttributeError, TypeError):
        # miditok fails on PedalOff (Pedal(...).int) and on Tempo / PitchBend at a float tick:
        # compare the rest, and check ours decodes one pedal per PedalOff, the bends and tempos
        dec_ref = ref.decode(_without(ref, deepcopy(ids), _CRASHING_TYPES))
        toks = [t for s in mine_list for t in s.tokens]
        assert sum(len(t.pedals) for t in dec_ours.tracks) == sum(
            t.startswith("PedalOff_") for t in toks
        ), where
        assert sum(len(t.pitch_bends) for t in dec_ours.tracks) == sum(
            t.startswith("PitchBend_") for t in toks
        ), where
        if params.get("use_tempos"):
            assert len(dec_ours.tempos) >= sum(t.startswith("Tempo_") for t in mine_list[0].tokens)
        for t in dec_ours.tracks:
            if not params.get("use_control_changes"):  # decode writes 2 CC64 per pedal
                assert len(t.controls) == 2 * len(t.pedals), where
                t.controls = []
            t.pedals = []
            t.pitch_bends = []
        dec_ours.tempos = dec_ref.tempos
    assert dec_ours == dec_ref, f"{where}: decoded scores differ: {_score_diff(dec_ref, dec_ours)}"


def _ids_mine(seq):
    return seq.ids if isinstance(seq, miditok_cpp.TokSequence) else [s.ids for s in seq]


@pytest.mark.parametrize("path", ONE_TRACK, ids=lambda p: p.name)
def test_one_track(path, corpus):
    check_config(CLS, ONE, [path], check)


@pytest.mark.parametrize("ci", range(len(HARD_PARAMS)))
def test_hard_files_sweep(ci, corpus):
    check_config(CLS, HARD_PARAMS[ci], HARD, check)


@pytest.mark.parametrize("ci", range(len(EXTRA_PARAMS)))
def test_configs(ci, corpus):
    check_config(CLS, EXTRA_PARAMS[ci], CONFIG_FILES, check)


def test_attributes_and_params_files(tmp_path):
    """MidiTok's attributes, params files both ways, pickling."""
    ref, ours = make_pair(CLS, ONE)
    assert ours.tpq == ref.tpq and ours.min_timeshift == ref.min_timeshift
    assert list(ours.microtiming_tick_values) == list(ref.microtiming_tick_values)
    assert list(ours.timeshift_tick_values) == list(ref.timeshift_tick_values)
    assert ours.durations == ref.durations
    ours.save(tmp_path / "ours.json")
    ref.save(tmp_path / "ref.json")
    assert miditok.PerTok(params=tmp_path / "ours.json").vocab == ref.vocab
    loaded = miditok_cpp.PerTok(params=tmp_path / "ref.json")
    assert loaded == ours and loaded.vocab == ref.vocab
    assert pickle.loads(pickle.dumps(ours)) == ours
    assert type(miditok_cpp.MusicTokenizer.from_pretrained(tmp_path / "ref.json")) is type(ours)


def test_config_errors_and_bad_input():
    """Missing parameters raise ValueError; unknown tokens and ids raise TokenError."""
    with pytest.raises(ValueError, match="ticks_per_quarter"):
        miditok_cpp.PerTok(miditok_cpp.TokenizerConfig(use_microtiming=False))
    with pytest.raises(ValueError, match="use_microtiming"):
        miditok_cpp.PerTok(miditok_cpp.TokenizerConfig(ticks_per_quarter=96))
    with pytest.raises(ValueError, match="num_microtiming_bins"):
        miditok_cpp.PerTok(
            miditok_cpp.TokenizerConfig(
                ticks_per_quarter=96, use_microtiming=True, max_microtiming_shift=0.1
            )
        )
    _, ours = make_pair(CLS, ONE)
    with pytest.raises(miditok_cpp.TokenError):
        ours.decode(["Bar_None", "Pitch_60", "Nope_1"])
    with pytest.raises(miditok_cpp.TokenError):
        ours.decode([1, 2, len(ours) + 3])
    # an unfinished note (no Velocity / Duration after its Pitch) is dropped, as miditok does
    assert len(ours.decode(["TimeShift_1.0.220", "Pitch_60", "MicroTiming_0"]).tracks) == 0


def test_config_and_preprocess_differences_from_miditok(corpus):
    """Where miditok raises late or changes its input, ours fails early or leaves it alone."""
    # max_microtiming_shift is not needed without microtiming (miditok: KeyError)
    no_micro = miditok_cpp.PerTok(
        miditok_cpp.TokenizerConfig(
            ticks_per_quarter=220, use_microtiming=False, num_microtiming_bins=110
        )
    )
    assert len(no_micro) > 0
    # pedal durations are not supported by PerTok: ConfigError at construction
    # (miditok: KeyError at encode time)
    with pytest.raises(miditok_cpp.ConfigError):
        miditok_cpp.PerTok(
            miditok_cpp.TokenizerConfig(
                **{k: v for k, v in ONE.items() if k != "use_sustain_pedals"},
                use_sustain_pedals=True,
                sustain_pedal_duration=True,
            )
        )
    # preprocessing a score already at the tokenizer's ticks per quarter leaves it unchanged
    # (miditok returns the same object, modified in place)
    _, ours = make_pair(CLS, ONE)
    path = sorted((corpus / "one_track").glob("*.mid"))[0]
    score = miditok_cpp.Score(path).resample(220)
    before = score.dumps_midi()
    ours.preprocess_score(score)
    assert score.dumps_midi() == before
