"""Tokenizing with attribute controls: REMI with the 8 controls on every track and bar.

path -> ids, ours vs miditok's encode(Score(path), attribute_controls_indexes=...), on the shared
corpus, the indexes built once per file beforehand (not timed); and the cost of the controls in
our encode (with vs without them).
"""

from __future__ import annotations

import warnings

from bench.harness import Case


def _acs() -> dict:
    """The 8 controls, all on (imported here: the peer's process must not load miditok_cpp)."""
    from miditok_cpp._config_options import AC_FLAGS

    return dict.fromkeys(AC_FLAGS, True)


def _indexes(path, tokenizer) -> dict:
    """Every control on every track; bar-level ones on every bar (as lists, as MidiTok needs)."""
    import symusic

    from miditok_cpp.utils import get_bars_ticks

    score = symusic.Score(path)
    n_bars = len(get_bars_ticks(tokenizer.preprocess_score(score), only_notes_onsets=True))
    return {
        ti: {
            ai: list(range(n_bars)) if ac.is_bar_level else True
            for ai, ac in enumerate(tokenizer.attribute_controls)
        }
        for ti in range(len(score.tracks))
    }


def _prepare(paths, with_ref=True):
    def prepare():
        import miditok_cpp

        ours = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**_acs()))
        data = {"paths": list(paths), "ours": ours}
        data["indexes"] = [_indexes(p, ours) for p in paths]
        if with_ref:
            import miditok

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                data["ref"] = miditok.REMI(miditok.TokenizerConfig(**_acs()))
        return data

    return prepare


def _ours(data):
    tok = data["ours"]
    return [
        [s.ids for s in tok.encode(p, attribute_controls_indexes=idx)]
        for p, idx in zip(data["paths"], data["indexes"], strict=True)
    ]


def _ours_without(data):
    tok = data["ours"]
    return [[s.ids for s in tok.encode(p)] for p in data["paths"]]


def _ref(data):
    import symusic

    tok, out = data["ref"], []
    for p, idx in zip(data["paths"], data["indexes"], strict=True):
        try:
            seqs = tok.encode(symusic.Score(p), attribute_controls_indexes=idx)
            out.append([s.ids for s in seqs])
        except Exception:  # MidiTok's controls crash on some tracks (empty, out-of-vocab values)
            out.append(None)
    return out


def cases(corpus) -> list[Case]:
    shared = list(corpus.get("shared", []))
    work = lambda data: (float(len(data["paths"])), "file")  # noqa: E731
    return [
        Case(
            name="REMI, 8 attribute controls on every track and bar: path -> ids, shared corpus",
            peer="miditok 3.1.0 encode(Score(path), attribute_controls_indexes=...)",
            prepare=_prepare(shared),
            ours=_ours,
            theirs=_ref,
            work=work,
        ),
        Case(
            name="REMI: path -> ids with the 8 controls on every track and bar vs without",
            peer="miditok_cpp encode(path) without attribute controls",
            prepare=_prepare(shared, with_ref=False),
            ours=_ours,
            theirs=_ours_without,
            work=work,
        ),
    ]
