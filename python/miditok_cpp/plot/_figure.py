"""matplotlib, imported lazily (the optional ``plot`` extra), and the PNG writing shared by the
plots: each returns a :class:`Picture` telling where its axes lie in the image."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


def pyplot():
    """matplotlib.pyplot on the non-interactive Agg backend, or an ImportError saying what to do."""
    try:
        import matplotlib
    except ImportError as e:
        raise ImportError(
            "miditok_cpp.plot needs matplotlib: pip install 'miditok-cpp[plot]' "
            "(or pip install matplotlib)"
        ) from e
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def count(n: int, word: str) -> str:
    """ "1 track", "2 tracks", "1,000 notes"."""
    return f"{n:,} {word}{'s' * (n != 1)}"


@dataclass
class Picture:
    """A written PNG: its ``path``, ``width`` and ``height`` in pixels, and per panel name the
    pixel box in ``boxes`` (left, top, right, bottom; origin at the top left of the image) and
    the data limits in ``limits`` (xmin, xmax, ymin, ymax)."""

    path: Path
    width: int
    height: int
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    limits: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)

    def pixel(self, panel: str, x: float, y: float) -> tuple[int, int]:
        """(row, column) of the image pixel showing data point (x, y) of a panel."""
        left, top, right, bottom = self.boxes[panel]
        xmin, xmax, ymin, ymax = self.limits[panel]
        col = left + (x - xmin) / (xmax - xmin) * (right - left)
        row = bottom - (y - ymin) / (ymax - ymin) * (bottom - top)
        return int(row), int(col)


def save(fig, out_path, panels: dict) -> Picture:
    """Writes ``fig`` as a PNG atomically (a temporary file renamed into place), closes it and
    returns the :class:`Picture` of ``panels`` ({name: Axes})."""
    plt = pyplot()
    out = Path(os.fsdecode(out_path))
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.canvas.draw()
    width, height = (round(v) for v in fig.canvas.get_width_height())
    boxes: dict[str, tuple[float, float, float, float]] = {}
    limits: dict[str, tuple[float, float, float, float]] = {}
    for name, ax in panels.items():
        b = ax.get_window_extent()
        boxes[name] = (float(b.x0), float(height - b.y1), float(b.x1), float(height - b.y0))
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        limits[name] = (float(x0), float(x1), float(y0), float(y1))
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            fig.savefig(f, format="png", dpi=fig.dpi)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        plt.close(fig)
    return Picture(out, width, height, boxes, limits)
