"""A one-page picture of a tokenized dataset: sequence lengths, tokens per note, token types and
the trained model's learned tokens (statistics from :mod:`miditok_cpp.plot.stats`)."""

from __future__ import annotations

import numpy as np

from ._figure import Picture, count, pyplot, save
from .stats import DatasetStats, dataset_stats

# One colour per panel, so that a test (or a reader) tells the panels' bars apart.
PANEL_COLOURS = {
    "lengths": "#1f77b4",
    "tokens_per_note": "#2ca02c",
    "base_tokens_per_note": "#98df8a",
    "types": "#d62728",
    "learned": "#9467bd",
}


def _histogram(ax, series, xlabel: str, ylabel: str, title: str) -> None:
    """Histograms of ``series`` ([(values, colour, label)]) on shared bins, means dashed."""
    from matplotlib.ticker import MaxNLocator

    series = [(v, c, label) for v, c, label in series if len(v)]
    if series:
        every = np.concatenate([v for v, _, _ in series])
        bins = np.histogram_bin_edges(every, bins=min(40, len(np.unique(every))))
        for values, colour, label in series:
            mean = float(np.mean(values))
            ax.hist(values, bins=bins, color=colour, label=f"{label} (mean {mean:,.2f})")
            ax.axvline(mean, color="black", linestyle="--", linewidth=1)
        ax.legend(loc="upper right", fontsize="small")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    else:
        _empty(ax, "no data")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)


def _empty(ax, text: str) -> None:
    ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes)
    ax.set_xticks([])
    ax.set_yticks([])


def _types(ax, stats: DatasetStats) -> None:
    order = np.argsort(stats.type_counts)
    order = order[stats.type_counts[order] > 0]
    total = int(stats.type_counts.sum())
    if total == 0:
        _empty(ax, "no tokens")
    else:
        shares = stats.type_counts[order] / total
        ax.barh(stats.type_names[order], shares, color=PANEL_COLOURS["types"])
        for y, share in enumerate(shares):
            ax.text(share, y, f" {100 * share:.3g}%", va="center", fontsize="small")
        ax.set_xscale("log")
        ax.set_xlim(right=1.0)
        ax.tick_params(axis="y", labelsize="small")
    ax.set_xlabel("share of base tokens (log scale)")
    ax.set_title(f"Token types ({total:,} base tokens)")


def _learned(ax, lengths: np.ndarray) -> None:
    if len(lengths):
        ax.hist(lengths, bins=np.arange(1.5, lengths.max() + 1.5), color=PANEL_COLOURS["learned"])
        ax.set_title(
            f"Learned tokens' lengths ({count(len(lengths), 'token')}, mean {lengths.mean():.2f})"
        )
        ax.set_ylabel("learned tokens")
    else:
        _empty(ax, "tokenizer not trained")
        ax.set_title("Learned tokens' lengths")
    ax.set_xlabel("base tokens per learned token")


def plot_report(stats: DatasetStats, out_path, title: str = "Dataset report") -> Picture:
    """Writes to ``out_path`` the four-panel report PNG of ``stats`` (a :class:`DatasetStats`),
    headed by ``title`` (default "Dataset report"); panels "lengths", "tokens_per_note",
    "types" and "learned" in the returned :class:`~miditok_cpp.plot.Picture`."""
    plt = pyplot()
    fig, ((a, b), (c, d)) = plt.subplots(2, 2, figsize=(14, 9), dpi=100, layout="constrained")
    trained = len(stats.learned_lengths) > 0
    kind = "trained-model tokens" if trained else "tokens"
    n, total = len(stats.lengths), int(stats.lengths.sum())
    _histogram(
        a,
        [(stats.lengths, PANEL_COLOURS["lengths"], kind)],
        f"{kind} per sequence",
        "sequences",
        f"Sequence lengths ({count(n, 'sequence')}, {total:,} {kind})",
    )
    per_note = [(stats.tokens_per_note, PANEL_COLOURS["tokens_per_note"], kind)]
    if trained:
        per_note.insert(
            0, (stats.base_tokens_per_note, PANEL_COLOURS["base_tokens_per_note"], "base tokens")
        )
    _histogram(
        b,
        per_note,
        "tokens per note",
        "sequences",
        f"Tokens per note ({count(len(stats.tokens_per_note), 'sequence')} with notes)",
    )
    _types(c, stats)
    _learned(d, stats.learned_lengths)
    if stats.errors:
        title += f" ({count(len(stats.errors), 'file')} could not be read)"
    fig.suptitle(title)
    return save(fig, out_path, {"lengths": a, "tokens_per_note": b, "types": c, "learned": d})


def plot_dataset_report(
    tokenizer, out_path, files=None, sequences=None, title: str = "Dataset report"
) -> Picture:
    """Computes :func:`~miditok_cpp.plot.stats.dataset_stats` of ``tokenizer`` over music
    ``files`` and/or token ``sequences`` (each default None) and writes :func:`plot_report`'s
    PNG to ``out_path``, headed by ``title`` (default "Dataset report"). Returns its
    :class:`~miditok_cpp.plot.Picture`."""
    return plot_report(dataset_stats(tokenizer, files, sequences), out_path, title)
