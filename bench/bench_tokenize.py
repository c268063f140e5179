"""Tokenizing files: path -> ids with the seed's REMI config, ours vs miditok's tokenizer(path),
and every tokenizer under its default config and MidiTok's test configs (bench/tok_configs.py),
path -> ids and ids -> Score, one thread (case names "<Tokenizer> <config>: ...").

Cases: one thread over the shared corpus (and the generated one when present), decode of the
ids back to a score, and the batch call (C++ threads, GIL released): "ours" is encode_batch on 2
threads and the "peer" the very same call on 1 thread, so the speed-up column is the scaling on 2
cores. Each side runs in its own process at a different moment: the figure only means something
on an otherwise idle machine (best of 3 runs; the matrix and the 2,000-file row 1, the scaling 7).
"""

from __future__ import annotations

import warnings

from bench.harness import Case
from bench.tok_cases import encode_decode_cases, files_work
from bench.tok_configs import CONFIGS, TOKENIZERS, config_kwargs

SEED = {"num_velocities": 16, "use_chords": True, "use_programs": True}
BATCH_REPEAT = 8


def _ours_tokenizer():
    import miditok_cpp

    return miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**SEED))


def _ref_tokenizer():
    import miditok

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return miditok.REMI(miditok.TokenizerConfig(**SEED))


def _encode_files_ours(data):
    tok, paths = data["ours"], data["paths"]
    return [tok(p).ids for p in paths]


def _encode_files_ref(data):
    tok, paths = data["ref"], data["paths"]
    out = []
    for p in paths:
        try:
            out.append(tok(p).ids)
        except Exception:
            out.append(None)
    return out


def _prepare(paths, side_needs_ref=True):
    def prepare():
        data = {"paths": list(paths), "ours": _ours_tokenizer()}
        if side_needs_ref:
            data["ref"] = _ref_tokenizer()
        return data

    return prepare


def _prepare_decode(paths):
    def prepare():
        data = _prepare(paths)()
        data["ids"] = [data["ours"](p).ids for p in paths]
        return data

    return prepare


def _decode_ours(data):
    return [data["ours"].decode(ids) for ids in data["ids"]]


def _decode_ref(data):
    return [data["ref"].decode(ids) for ids in data["ids"]]


def _batch(threads):
    def run(data):
        ids, _errors = data["ours"].encode_batch(data["paths"], num_threads=threads)
        return ids

    return run


def _matrix_prepare(name: str, config: str, paths, with_ids: bool):
    """Both tokenizers of `name` under `config` and the paths (with our ids of each file)."""

    def prepare():
        import miditok

        import miditok_cpp

        kwargs = config_kwargs(name, config)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = {
                "paths": list(paths),
                "ours": getattr(miditok_cpp, name)(miditok_cpp.TokenizerConfig(**kwargs)),
                "ref": getattr(miditok, name)(miditok.TokenizerConfig(**kwargs)),
            }
        if with_ids:
            data["ids"] = [_ids_of(data["ours"], p) for p in paths]
        return data

    return prepare


def _ids_of(tok, path):
    try:
        seq = tok(path)
    except Exception:
        return None
    return [s.ids for s in seq] if isinstance(seq, list) else seq.ids


def _matrix_encode(side: str):
    def run(data):
        tok = data[side]
        return [_ids_of(tok, p) for p in data["paths"]]

    return run


def _matrix_decode(side: str):
    def run(data):
        tok, out = data[side], []
        for ids in data["ids"]:
            try:
                out.append(None if ids is None else tok.decode(ids))
            except Exception:
                out.append(None)
        return out

    return run


def matrix_cases(shared, generated) -> list[Case]:
    """path -> ids and ids -> Score of every tokenizer under every configuration, on the shared
    corpus, and under its default config on the generated files; both sides catch a file's error
    alike (a file one side cannot encode costs that side its failed attempt)."""
    out = []
    corpora = [("shared corpus", shared, list(CONFIGS))]
    if generated:
        corpora.append((f"{len(generated)} generated files", generated, ["default"]))
    for label, paths, configs in corpora:
        for config in configs:
            for name in TOKENIZERS:
                for with_ids in (False, True):
                    what = "ids -> Score" if with_ids else "path -> ids"
                    call = "decode(ids)" if with_ids else "tokenizer(path)"
                    out.append(
                        Case(
                            name=f"{name} {config}: {what}, {label}, 1 thread",
                            peer=f"miditok 3.1.0 {call}",
                            prepare=_matrix_prepare(name, config, paths, with_ids),
                            ours=(_matrix_decode if with_ids else _matrix_encode)("ours"),
                            theirs=(_matrix_decode if with_ids else _matrix_encode)("ref"),
                            work=files_work,
                            repeat=1,
                        )
                    )
    return out


def cases(corpus) -> list[Case]:
    shared = list(corpus.get("shared", []))
    generated = list(corpus.get("generated", []))[:500]
    work = lambda data: (float(len(data["paths"])), "file")  # noqa: E731
    # The scaling case needs about half a second of work per run: the shared corpus 8 times.
    batch = shared * BATCH_REPEAT + generated
    out = [
        *encode_decode_cases(
            "REMI seed config",
            lambda with_ids: (_prepare_decode if with_ids else _prepare)(shared),
            {"ours": _encode_files_ours, "ref": _encode_files_ref}.get,
            {"ours": _decode_ours, "ref": _decode_ref}.get,
        ),
        Case(
            name=f"REMI seed config: encode_batch, {len(batch)} files, 2 threads vs 1 (scaling)",
            peer="the same encode_batch call on 1 thread",
            prepare=_prepare(batch, side_needs_ref=False),
            ours=_batch(2),
            theirs=_batch(1),
            work=work,
            repeat=7,
        ),
    ]
    all_generated = list(corpus.get("generated", []))
    out.extend(matrix_cases(shared, all_generated))
    if generated:
        out.insert(
            1,
            Case(
                name="REMI seed config: path -> ids, 500 generated files, 1 thread",
                peer="miditok 3.1.0 tokenizer(path)",
                prepare=_prepare(generated),
                ours=_encode_files_ours,
                theirs=_encode_files_ref,
                work=work,
            ),
        )
    if len(all_generated) > len(generated):
        # Issue 16 asks for every generated file (2,000 by default): about 40 s a run for miditok.
        out.insert(
            2,
            Case(
                name=(
                    f"REMI seed config: path -> ids, {len(all_generated)} generated files, 1 thread"
                ),
                peer="miditok 3.1.0 tokenizer(path)",
                prepare=_prepare(all_generated),
                ours=_encode_files_ours,
                theirs=_encode_files_ref,
                work=work,
                repeat=1,
            ),
        )
    return out
