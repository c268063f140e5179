"""Tokenizing with attribute controls, side by side with miditok 3.1.0 on every corpus file.

REMI, TSD and MIDILike with every control on, with (a) every control on every track and bar and
(b) random subsets drawn once (MidiTok's create_random_ac_indexes) and given to both: same ids,
and the decode of the AC-tokenized ids equals miditok's (controls are ignored on decode).

The expectation is miditok's tokenizer with its controls corrected where MidiTok is wrong
(docs/differences.md rows 1-5; ours are the same standalone controls, see
test_conformance_ac.py): bar controls on a subset of bars count only their own bar's notes,
bars holding one note get their controls, ACTrackOnsetPolyphonyMin is the real minimum, the
ThirtySecond duration controls are computed, a track without notes gives no control, values
below a non-default minimum are clamped to it (MidiTok emits tokens out of its vocabulary and
crashes with a KeyError). Everything
else (where the tokens go, their order among the other events, Bar/Position/TimeShift around them,
vocabulary ids) is miditok's own code. `test_raw_miditok_where_it_is_right` compares with raw
miditok on the controls and bars it computes right.
"""

from __future__ import annotations

import random
import types
import warnings
from copy import deepcopy

import numpy as np
import pytest
from conftest import corpus_files

miditok = pytest.importorskip("miditok")
symusic = pytest.importorskip("symusic")

import miditok_cpp  # noqa: E402
from miditok_cpp._config_options import AC_FLAGS  # noqa: E402

FILES = corpus_files("one_track") + corpus_files("multitrack")
ALL_ACS = dict.fromkeys(AC_FLAGS, True)  # the 8 controls, all on
# Plain, rich (rests, tempos, time signatures, pedals, bends, chords: the events ACs mix with),
# per-track programs with program changes; non-default AC ranges on the rich one.
CONFIGS = {
    "plain": {**ALL_ACS},
    "rich": {
        **ALL_ACS,
        "use_rests": True,
        "use_tempos": True,
        "use_time_signatures": True,
        "use_sustain_pedals": True,
        "use_pitch_bends": True,
        "use_chords": True,
        "ac_polyphony_min": 2,
        "ac_polyphony_max": 4,
        "ac_note_density_track_min": 1,
        "ac_note_density_track_max": 12,
        "ac_note_density_bar_max": 10,
        "ac_repetition_track_num_bins": 5,
        "ac_repetition_track_num_consec_bars": 2,
    },
    "programs": {
        **ALL_ACS,
        "use_programs": True,
        "one_token_stream_for_programs": False,
        "program_changes": True,
        "use_rests": True,
    },
    # The controls MidiTok computes right (no onset-polyphony track, no note durations).
    "right": {
        **ALL_ACS,
        "ac_polyphony_track": False,
        "ac_note_duration_bar": False,
        "ac_note_duration_track": False,
        "use_rests": True,
    },
}
CLASSES = ("REMI", "TSD", "MIDILike")
FACTORS = (4, 2, 1, 0.5, 0.25, 0.125)

_PAIRS: dict[str, tuple] = {}


# ---- miditok's controls, corrected ----
def _fixed_bar_compute(self, track, time_division, ticks_bars, ticks_beats, bars_idx):
    """MidiTok's BarAttributeControl.compute on each listed bar's own notes (also 1-note bars)."""
    soa = track.notes.numpy()
    times = soa["time"]
    if len(times) == 0:
        return []
    bars = np.asarray(ticks_bars)
    n_bars = int(np.searchsorted(bars, times[-1], side="right"))
    events = []
    for b in sorted(set(bars_idx)):
        if b >= n_bars:
            break
        lo = bars[b] if b > 0 else np.iinfo(np.int64).min
        hi = bars[b + 1] if b < n_bars - 1 else np.iinfo(np.int64).max
        mask = (times >= lo) & (times < hi)
        if not mask.any():
            continue
        bar_events = self._compute_on_bar({k: v[mask] for k, v in soa.items()}, None, None,
                                          time_division)  # fmt: skip
        for e in bar_events:
            e.time = int(bars[b])
        events += bar_events
    return events


def _fixed_polyphony_compute(self, track, time_division, ticks_bars, ticks_beats, bars_idx):
    """TrackOnsetPolyphony with the real minimum (MidiTok always gives the configured one)."""
    times = track.notes.numpy()["time"]
    if len(times) == 0:
        return []
    _, counts = np.unique(times, return_counts=True)
    lo = min(max(int(counts.min()), self.min_polyphony), self.max_polyphony)
    hi = min(max(int(counts.max()), self.min_polyphony), self.max_polyphony)
    return [
        miditok.Event("ACTrackOnsetPolyphonyMin", lo, -1),
        miditok.Event("ACTrackOnsetPolyphonyMax", hi, -1),
    ]


def _clamp_values(events, lo: int, hi: int | None = None):
    """Integer values clamped to [lo, hi] (MidiTok emits tokens outside its vocabulary)."""
    for e in events:
        if isinstance(e.value, (int, np.integer)):
            e.value = max(int(e.value), lo) if hi is None else min(max(int(e.value), lo), hi)
    return events


def correct_controls(tokenizer) -> None:
    """Replace, in place, the computation of miditok's controls by the corrected one."""
    acs = miditok.attribute_controls
    for ac in tokenizer.attribute_controls:
        if hasattr(ac, "factors"):
            ac.factors = FACTORS  # six names, six factors: ThirtySecond is computed
        if isinstance(ac, acs.BarOnsetPolyphony):
            on_bar = ac._compute_on_bar
            ac._compute_on_bar = lambda *a, _f=on_bar, _ac=ac: _clamp_values(
                _f(*a), _ac.min_polyphony, _ac.max_polyphony
            )
        if isinstance(ac, acs.BarAttributeControl):
            ac.compute = types.MethodType(_fixed_bar_compute, ac)
        elif isinstance(ac, acs.TrackOnsetPolyphony):
            ac.compute = types.MethodType(_fixed_polyphony_compute, ac)
        elif isinstance(ac, acs.TrackNoteDensity):
            original = ac.compute
            ac.compute = lambda *a, _f=original, _ac=ac: _clamp_values(_f(*a), _ac.density_min)
        elif isinstance(ac, acs.TrackNoteDuration):
            original = ac.compute
            ac.compute = lambda track, *a, _f=original: _f(track, *a) if len(track.notes) else []


def make_pair(cls_name: str, config_name: str, corrected: bool = True):
    """(miditok tokenizer, ours) for a config, built once per session."""
    key = f"{cls_name}:{config_name}:{corrected}"
    if key not in _PAIRS:
        params = CONFIGS[config_name]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = getattr(miditok, cls_name)(miditok.TokenizerConfig(**deepcopy(params)))
            ours = getattr(miditok_cpp, cls_name)(miditok_cpp.TokenizerConfig(**deepcopy(params)))
        if corrected:
            correct_controls(ref)
        _PAIRS[key] = (ref, ours)
    return _PAIRS[key]


# ---- indexes ----
def all_indexes(tokenizer, score) -> dict:
    """Every control on every track; bar-level ones on every bar of the (preprocessed) score."""
    n_bars = len(miditok.utils.get_bars_ticks(score, only_notes_onsets=True))
    bar_level = miditok.attribute_controls.BarAttributeControl
    return {
        ti: {
            ai: list(range(n_bars)) if isinstance(ac, bar_level) else True
            for ai, ac in enumerate(tokenizer.attribute_controls)
        }
        for ti in range(len(score.tracks))
    }


def random_indexes(tokenizer, score, seed: int) -> dict:
    random.seed(seed)
    return miditok.attribute_controls.create_random_ac_indexes(
        score, tokenizer.attribute_controls, (0.3, 1.0), (0.2, 0.8)
    )


# ---- comparison ----
def first_diff(a: list[str], b: list[str]) -> str:
    k = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
    return (
        f"lengths {len(a)} (miditok) vs {len(b)} (ours), first difference at {k}: "
        f"miditok {a[max(0, k - 3) : k + 3]} vs ours {b[max(0, k - 3) : k + 3]}"
    )


def encode_both(ref, ours, path, indexes):
    """miditok's and our sequences of a file with the same indexes (ours reads the path)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seq_ref = ref.encode(symusic.Score(path), attribute_controls_indexes=deepcopy(indexes))
    seq_ours = ours.encode(path, attribute_controls_indexes=indexes)
    return seq_ref, seq_ours


def check(ref, ours, path, indexes, where: str) -> list:
    seq_ref, seq_ours = encode_both(ref, ours, path, indexes)
    assert len(seq_ref) == len(seq_ours), f"{where}: {len(seq_ref)} sequences vs {len(seq_ours)}"
    for i, (a, b) in enumerate(zip(seq_ref, seq_ours, strict=True)):
        assert list(a.ids) == list(b.ids), f"{where}, track {i}: {first_diff(a.tokens, b.tokens)}"
    return [list(s.ids) for s in seq_ref]


def preprocessed(ref, path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ref.preprocess_score(symusic.Score(path))


@pytest.mark.parametrize("cls_name", CLASSES)
@pytest.mark.parametrize("config_name", list(CONFIGS))
def test_vocab_and_controls_match_miditok(cls_name, config_name):
    ref, ours = make_pair(cls_name, config_name)
    assert [ours[i] for i in range(len(ours))] == [ref[i] for i in range(len(ref))]
    assert ours.vocab == ref.vocab
    assert ours.tokens_types_graph == ref.tokens_types_graph
    assert [type(a).__name__ for a in ours.attribute_controls] == [
        type(a).__name__ for a in ref.attribute_controls
    ]
    for a, b in zip(ours.attribute_controls, ref.attribute_controls, strict=True):
        assert list(a.tokens) == list(b.tokens)


@pytest.mark.parametrize("cls_name", CLASSES)
@pytest.mark.parametrize("config_name", list(CONFIGS))
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_all_tracks_all_bars(path, config_name, cls_name):
    ref, ours = make_pair(cls_name, config_name)
    indexes = all_indexes(ref, preprocessed(ref, path))
    ids = check(ref, ours, path, indexes, f"{cls_name}/{config_name} on {path.name}, all ACs")
    # Decoding ignores the control tokens: same Score as miditok's decode of the same ids.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dec_ref = ref.decode(deepcopy(ids))
    assert ours.decode(ids) == dec_ref, f"{cls_name}/{config_name} on {path.name}: decode differs"
    # ... and the Score of the same file tokenized without controls.
    plain = ours.encode(path)
    assert ours.decode([list(s.ids) for s in plain]) == dec_ref, f"{path.name}: ACs change decode"


@pytest.mark.parametrize("cls_name", CLASSES)
def test_tokens_errors_leave_the_controls_out(cls_name):
    """MidiTok raises KeyError on a control token (its type is not in the graph); ours leaves
    them out: an AC-tokenized sequence has the error ratio of the same one without controls."""
    ref, ours = make_pair(cls_name, "plain")
    for path in FILES[::5]:
        indexes = all_indexes(ref, preprocessed(ref, path))
        with_acs = ours.encode(path, attribute_controls_indexes=indexes)
        plain = ours.encode(path)
        for a, b in zip(with_acs, plain, strict=True):
            assert ours.tokens_errors(a) == pytest.approx(ours.tokens_errors(b)), path.name
            assert ours.tokens_errors([list(a.ids)]) == pytest.approx([ours.tokens_errors(b)])
    with pytest.raises(KeyError):
        ref.tokens_errors(miditok.TokSequence(ids=list(with_acs[0].ids)))


@pytest.mark.parametrize("cls_name", CLASSES)
@pytest.mark.parametrize("config_name", list(CONFIGS))
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_random_subsets(path, config_name, cls_name):
    ref, ours = make_pair(cls_name, config_name)
    score = preprocessed(ref, path)
    for seed in (0, 1):
        indexes = random_indexes(ref, score, seed)
        check(ref, ours, path, indexes, f"{cls_name}/{config_name} on {path.name}, seed {seed}")


@pytest.mark.parametrize("path", FILES[::4], ids=[p.name for p in FILES[::4]])
def test_true_means_every_bar(path):
    """Ours: True for a bar-level control is every bar (MidiTok: TypeError on len(True))."""
    ref, ours = make_pair("REMI", "plain")
    indexes = all_indexes(ref, preprocessed(ref, path))
    as_true = {ti: dict.fromkeys(acs, True) for ti, acs in indexes.items()}
    a = ours.encode(path, attribute_controls_indexes=indexes)
    b = ours.encode(path, attribute_controls_indexes=as_true)
    assert [list(s.ids) for s in a] == [list(s.ids) for s in b]


def test_inputs_and_errors():
    """Score, symusic.Score, bytes and path give the same ids; bad indexes raise ValueError."""
    path = FILES[0]
    ref, ours = make_pair("TSD", "plain")
    indexes = all_indexes(ref, preprocessed(ref, path))
    by_path = [list(s.ids) for s in ours.encode(path, attribute_controls_indexes=indexes)]
    for obj in (miditok_cpp.Score(path), symusic.Score(path), path.read_bytes()):
        seqs = ours.encode(obj, attribute_controls_indexes=indexes)
        assert [list(s.ids) for s in seqs] == by_path, type(obj).__name__
    # Preprocessed once, then no_preprocess_score (DatasetMIDI's path).
    pre = ours.preprocess_score(miditok_cpp.Score(path))
    seqs = ours.encode(pre, no_preprocess_score=True, attribute_controls_indexes=indexes)
    assert [list(s.ids) for s in seqs] == by_path
    # Negative indexes count from the end, as Python lists do in MidiTok.
    n = len(ours.attribute_controls)
    neg = {0: {ai - n: v for ai, v in indexes[0].items()}}
    pos = {0: indexes[0]}
    assert list(ours.encode(path, attribute_controls_indexes=neg)[0].ids) == list(
        ours.encode(path, attribute_controls_indexes=pos)[0].ids
    )
    with pytest.raises(ValueError, match="out of range"):
        ours.encode(path, attribute_controls_indexes={0: {n: True}})
    with pytest.raises(ValueError, match="must be an int"):
        ours.encode(path, attribute_controls_indexes={0: {"x": True}})
    with pytest.raises(ValueError, match="mapping"):
        ours.encode(path, attribute_controls_indexes={0: [1, 2]})
    # No controls in one-stream mode (MidiTok disables them with a warning).
    with pytest.warns(UserWarning, match="Attribute controls"):
        one = miditok_cpp.REMI(
            miditok_cpp.TokenizerConfig(
                use_programs=True, one_token_stream_for_programs=True, **ALL_ACS
            )
        )
    assert one.attribute_controls == []
    assert not any(t.startswith("AC") for t in one.vocab)


def _bars_miditok_computes(score, track, n_bars: int) -> list[int]:
    """The bars raw MidiTok computes when given every bar: >= 2 notes, or the track's last bar."""
    times = track.notes.numpy()["time"]
    if len(times) == 0:
        return []
    bars = np.asarray(miditok.utils.get_bars_ticks(score, only_notes_onsets=True))[:n_bars]
    last = int(np.searchsorted(bars, times[-1], side="right")) - 1
    counts = np.bincount(np.clip(np.searchsorted(bars, times, side="right") - 1, 0, None))
    return [b for b in range(last + 1) if counts[b] >= 2 or (b == last and counts[b] >= 1)]


@pytest.mark.parametrize("cls_name", CLASSES)
def test_raw_miditok_where_it_is_right(cls_name):
    """Raw miditok (no correction), on the controls it computes right and the bars it computes
    right (all bars given: it skips single-note bars except the last; we are given the bars it
    keeps): our ids equal miditok's on every file."""
    raw, ours = make_pair(cls_name, "right", corrected=False)
    bar_level = miditok.attribute_controls.BarAttributeControl
    for path in FILES:
        score = preprocessed(raw, path)
        n_bars = len(miditok.utils.get_bars_ticks(score, only_notes_onsets=True))
        ref_indexes = all_indexes(raw, score)
        our_indexes = {
            ti: {
                ai: _bars_miditok_computes(score, track, n_bars)
                if isinstance(ac, bar_level)
                else True
                for ai, ac in enumerate(raw.attribute_controls)
            }
            for ti, track in enumerate(score.tracks)
        }
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            seq_ref = raw.encode(symusic.Score(path), attribute_controls_indexes=ref_indexes)
        seq_ours = ours.encode(path, attribute_controls_indexes=our_indexes)
        for i, (a, b) in enumerate(zip(seq_ref, seq_ours, strict=True)):
            assert list(a.ids) == list(b.ids), (
                f"{cls_name} (raw miditok) on {path.name}, track {i}: "
                f"{first_diff(a.tokens, b.tokens)}"
            )


# ---- DatasetMIDI with random attribute controls ----
DATASET_FILES = corpus_files("multitrack")[:4] + corpus_files("one_track")[:4]
RANGES = {"ac_tracks_random_ratio_range": (0.2, 1.0), "ac_bars_random_ratio_range": (0.1, 0.9)}


def _datasets(pre_tokenize: bool, workers: int = 1):
    from miditok.pytorch_data import DatasetMIDI as RefDataset

    from miditok_cpp.pytorch_data import DatasetMIDI

    ref, ours = make_pair("REMI", "plain")
    kw = {"max_seq_len": 4000, "bos_token_id": 1, "eos_token_id": 2, **RANGES}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        random.seed(7)
        ds_ref = RefDataset(
            DATASET_FILES, ref, pre_tokenize=pre_tokenize, parallel_workers_size=1, **kw
        )
        random.seed(7)
        ds_ours = DatasetMIDI(
            DATASET_FILES, ours, pre_tokenize=pre_tokenize, parallel_workers_size=workers, **kw
        )
    return ds_ref, ds_ours


def test_dataset_on_the_fly_draws_as_miditok():
    """Same `random` state, same calls: the items equal miditok's (with corrected controls)."""
    ds_ref, ds_ours = _datasets(pre_tokenize=False)
    for i in range(len(DATASET_FILES)):
        random.seed(100 + i)
        a = ds_ref[i]["input_ids"].tolist()
        random.seed(100 + i)
        b = ds_ours[i]["input_ids"].tolist()
        assert a == b, f"item {i} ({DATASET_FILES[i].name}): {first_diff(a, b)}"
        assert any(ds_ours.tokenizer[t].startswith("AC") for t in b[:50]), "no control token"


def test_dataset_pre_tokenized_sequentially_equals_miditok():
    ds_ref, ds_ours = _datasets(pre_tokenize=True)
    assert len(ds_ref) == len(ds_ours)
    for i in range(len(ds_ref)):
        a, b = ds_ref[i]["input_ids"].tolist(), ds_ours[i]["input_ids"].tolist()
        assert a == b, f"sample {i}: {first_diff(a, b)}"


def test_dataset_pre_tokenized_on_threads_is_reproducible_and_holds_the_controls():
    """Threads: one seed per file drawn in file order; same random.seed, same samples. With
    a bar ratio of 1 every bar-level control is on every bar: the samples are those encodings
    (track-level ones are left out: their order is the sampled one)."""
    from miditok_cpp.pytorch_data import DatasetMIDI

    _, a = _datasets(pre_tokenize=True, workers=2)
    _, b = _datasets(pre_tokenize=True, workers=2)
    assert [s.tolist() for s in a.samples] == [s.tolist() for s in b.samples]
    ref, ours = make_pair("REMI", "plain")
    ones = {"ac_bars_random_ratio_range": (1.0, 1.0)}
    ds = DatasetMIDI(
        DATASET_FILES, ours, 100000, pre_tokenize=True, parallel_workers_size=2, **ones
    )
    expected = []
    bar_level = miditok.attribute_controls.BarAttributeControl
    for path in DATASET_FILES:
        indexes = all_indexes(ref, preprocessed(ref, path))
        indexes = {
            ti: {
                ai: v for ai, v in acs.items() if isinstance(ref.attribute_controls[ai], bar_level)
            }
            for ti, acs in indexes.items()
        }
        expected += [list(s.ids) for s in ours.encode(path, attribute_controls_indexes=indexes)]
    assert [s.tolist() for s in ds.samples] == expected
