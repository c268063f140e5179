"""Conversions the tokenizer classes share: scores given as ours or symusic's, ids given as
numpy arrays / torch tensors / nested lists."""

from __future__ import annotations

from .score import Score, get_score_type


def _is_symusic(obj) -> bool:
    return (type(obj).__module__ or "").startswith("symusic")


def _as_score(obj) -> Score | None:
    """Our Score from a Score or a symusic.Score; None for anything else."""
    if isinstance(obj, Score):
        return obj
    if _is_symusic(obj):
        return Score.from_symusic(obj)
    return None


def _new_score(score: Score):
    """A score this package made, as the caller gets it: a symusic.Score unless
    ``set_score_type("miditok_cpp")`` (or symusic is missing)."""
    return score.to_symusic() if get_score_type() == "symusic" else score


def _score_like(score: Score, given):
    """A score made from ``given``, of given's type (type in, type out)."""
    return score.to_symusic() if _is_symusic(given) else score


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
