"""Multi-vocabulary tokenizers: path -> compound ids and compound ids -> Score for Octuple, CPWord
and MuMIDI (MidiTok's test configs with programs and tempos), ours vs miditok 3.1.0 on the shared
corpus, one thread."""

from __future__ import annotations

import warnings

from bench.harness import Case
from bench.tok_cases import encode_decode_cases

CONFIGS = {
    "Octuple": {"use_programs": True, "use_tempos": True, "use_time_signatures": False},
    "CPWord": {
        "use_programs": True,
        "use_tempos": True,
        "use_chords": True,
        "use_rests": True,
        "use_time_signatures": False,
    },
    # MidiTok's test value of max_bar_embedding (the default, 60, clips most files)
    "MuMIDI": {"use_tempos": True, "use_chords": True, "max_bar_embedding": 2000},
}


def _tokenizers(cls_name: str, with_ref: bool):
    import miditok_cpp

    params = CONFIGS[cls_name]
    ours = getattr(miditok_cpp, cls_name)(miditok_cpp.TokenizerConfig(**params))
    ref = None
    if with_ref:
        import miditok

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ref = getattr(miditok, cls_name)(miditok.TokenizerConfig(**params))
    return ours, ref


def _prepare(cls_name: str, paths, with_ids: bool):
    def prepare():
        ours, ref = _tokenizers(cls_name, True)
        data = {"paths": list(paths), "ours": ours, "ref": ref}
        if with_ids:
            data["ids"] = [ours(p).ids for p in paths]
        return data

    return prepare


def _run(side: str, inputs: str):
    """Encodes every path (inputs="paths") or decodes every id sequence (inputs="ids"); an item
    that raises (miditok crashes on some) gives None."""

    def run(data):
        tok, out = data[side], []
        for x in data[inputs]:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    out.append(tok(x).ids if inputs == "paths" else tok.decode(x))
                except Exception:
                    out.append(None)
        return out

    return run


def cases(corpus) -> list[Case]:
    shared = list(corpus.get("shared", []))
    return [
        case
        for cls_name in CONFIGS
        for case in encode_decode_cases(
            cls_name,
            lambda with_ids, cls_name=cls_name: _prepare(cls_name, shared, with_ids),
            lambda side: _run(side, "paths"),
            lambda side: _run(side, "ids"),
            what="compound ids",
        )
    ]
