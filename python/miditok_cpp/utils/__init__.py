"""MidiTok's ``miditok.utils``: score helpers, and the split utilities (no PyTorch needed)."""

from .split import *  # noqa: F403  (split_files_for_training, split_score_per_*, ...)
from .utils import *  # noqa: F403  (score helpers, chord detection, track merging, ...)
