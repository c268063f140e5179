"""Preprocessing benchmarks: ours (C++ blocks) against miditok 3.1.0 on the same scores.

- preprocess: MusicTokenizer.preprocess_score after resampling (both sides get scores already at
  the tokenizer's tpq, so neither side resamples) under MidiTok's test configuration (tempos,
  TS with several denominators, pedals, pitch bends, programs, duplicate removal);
- chords: detect_chords on every track of the preprocessed scores;
- time_grid: get_bars_ticks + get_beats_ticks + get_num_notes_per_bar on every score.
"""

from __future__ import annotations

import warnings

from bench.harness import ROOT, Case

TS_RANGE = {8: [3, 12, 6], 4: [5, 6, 3, 2, 1, 4, 8], 2: [2, 3, 4]}
CONFIG = {
    "beat_res": {(0, 4): 8, (4, 12): 4, (12, 16): 2},
    "time_signature_range": TS_RANGE,
    "use_tempos": True,
    "use_time_signatures": True,
    "use_sustain_pedals": True,
    "use_pitch_bends": True,
    "use_programs": True,
    "delete_equal_successive_time_sig_changes": True,
    "delete_equal_successive_tempo_changes": True,
    "remove_duplicated_notes": True,
}


def _tokenizer():
    import miditok

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return miditok.REMI(miditok.TokenizerConfig(**CONFIG))


def _resampled(paths):
    """(tokenizer, symusic scores at the tokenizer's tpq, the same as our Scores)."""
    import symusic

    from miditok_cpp import Score
    from miditok_cpp._core import preprocess as pp

    tok = _tokenizer()
    supported = [tuple(ts) for ts in tok.time_signatures]
    syms, ours = [], []
    for path in paths:
        sym = symusic.Score(path)
        mine = Score.from_symusic(sym)
        ts, tpq = pp.prepare_time_signatures(mine.time_signatures, True, supported, 8)
        if sym.ticks_per_quarter != tpq:
            pp.resample_time_signatures(ts, sym.ticks_per_quarter, tpq)
            sym = sym.resample(tpq, min_dur=1)
        sym.time_signatures = symusic.TimeSignature.from_numpy(**ts.numpy())
        syms.append(sym)
        ours.append(Score.from_symusic(sym))
    return tok, syms, ours


def _num_notes(data) -> tuple[float, str]:
    return float(sum(len(t.notes) for s in data[2] for t in s.tracks)), "note"


def cases(corpus) -> list[Case]:
    files = corpus["shared"]

    def prepare():
        import sys

        tok, syms, ours = _resampled(files)
        sys.path.insert(0, str(ROOT / "tests" / "python"))
        from preprocess_conformance import pipeline_params  # MidiTok tokenizer -> our params

        return tok, syms, ours, pipeline_params(tok)

    def ours_preprocess(data):
        from miditok_cpp._core import preprocess as pp

        tok, _, scores, params = data
        supported = [tuple(ts) for ts in tok.time_signatures]
        for s in scores:
            ts, _ = pp.prepare_time_signatures(s.time_signatures, True, supported, 8)
            out = s.copy()
            out.time_signatures = ts
            pp.preprocess_resampled_score(out, s, params)

    def theirs_preprocess(data):
        tok, syms, _, _ = data
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for s in syms:
                tok.preprocess_score(s)

    def prepare_chords():
        import miditok
        import numpy as np
        import symusic

        from miditok_cpp import Track

        tok = _tokenizer()
        note_list = type(Track().notes)
        items = []
        for path in files:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pre = tok.preprocess_score(symusic.Score(path))
            tpb = miditok.utils.get_score_ticks_per_beat(pre)
            for track in pre.tracks:
                notes = track.notes.copy()
                notes.sort(key=lambda n: (n.time, n.pitch))
                items.append((notes, note_list.from_numpy(**notes.numpy()), np.asarray(tpb)))
        return items

    def ours_chords(items):
        from miditok.constants import CHORD_MAPS

        from miditok_cpp.utils import detect_chords

        for _, mine, tpb in items:
            detect_chords(mine, tpb, CHORD_MAPS, unknown_chords_num_notes_range=(3, 6))

    def theirs_chords(items):
        from miditok.constants import CHORD_MAPS
        from miditok.utils import detect_chords

        for notes, _, tpb in items:
            detect_chords(notes, tpb, CHORD_MAPS, unknown_chords_num_notes_range=(3, 6))

    def prepare_grid():
        import symusic

        from miditok_cpp import Score

        syms = [symusic.Score(p) for p in files]
        return syms, [Score.from_symusic(s) for s in syms]

    def ours_grid(data):
        from miditok_cpp import utils

        for s in data[1]:
            utils.get_bars_ticks(s, True)
            utils.get_beats_ticks(s, True)
            utils.get_num_notes_per_bar(s)

    def theirs_grid(data):
        from miditok import utils

        for s in data[0]:
            utils.get_bars_ticks(s, True)
            utils.get_beats_ticks(s, True)
            utils.get_num_notes_per_bar(s)

    return [
        Case(
            "preprocess_score after resampling (REMI, MidiTok test config)",
            "miditok 3.1.0",
            prepare,
            ours_preprocess,
            theirs_preprocess,
            work=_num_notes,
        ),
        Case(
            "detect_chords (every track, unknown chords on)",
            "miditok 3.1.0",
            prepare_chords,
            ours_chords,
            theirs_chords,
            work=lambda items: (float(sum(len(n) for n, _, _ in items)), "note"),
        ),
        Case(
            "bars + beats ticks + notes per bar",
            "miditok 3.1.0",
            prepare_grid,
            ours_grid,
            theirs_grid,
            work=lambda data: (float(len(data[1])), "file"),
        ),
    ]
