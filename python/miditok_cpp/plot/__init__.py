"""Pictures of scores and tokenized datasets, as PNG files (needs the optional ``plot`` extra,
matplotlib, imported on first use).

- :func:`plot_pianoroll`: a piano roll of a Score or a decoded token sequence, tracks coloured,
  bars marked from the time signatures.
- :func:`plot_dataset_report`: sequence-length histogram, tokens per note, token-type frequencies
  and the trained model's learned tokens' lengths, over files or token sequences.

``python -m miditok_cpp.plot`` writes them from the command line.
"""

from __future__ import annotations

from ._figure import Picture
from .pianoroll import bar_ticks, plot_pianoroll
from .report import plot_dataset_report, plot_report
from .stats import DatasetStats, dataset_stats

__all__ = [
    "DatasetStats",
    "Picture",
    "bar_ticks",
    "dataset_stats",
    "plot_dataset_report",
    "plot_pianoroll",
    "plot_report",
]
