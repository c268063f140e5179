"""Conversions the tokenizer classes share: scores given as ours or symusic's, ids given as
numpy arrays / torch tensors / nested lists."""

from __future__ import annotations

from .score import Score


def _as_score(obj) -> Score | None:
    """Our Score from a Score or a symusic.Score; None for anything else."""
    if isinstance(obj, Score):
        return obj
    mod = type(obj).__module__ or ""
    if mod.startswith("symusic"):
        return Score.from_symusic(obj)
    return None


def _to_list(x):
    """Converts a numpy array / torch tensor / nested list of ids to nested Python lists."""
    if hasattr(x, "tolist"):
        return x.tolist()
    return x


def _map_nested(x, fn):
    """`fn` applied to every leaf of a nested list."""
    if isinstance(x, list):
        return [_map_nested(v, fn) for v in x]
    return fn(x)
