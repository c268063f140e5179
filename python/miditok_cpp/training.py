"""Training a tokenizer's BPE / WordPiece / Unigram model (MidiTok's train) over the C++ core.

Files are read, preprocessed, tokenized, split per bar / beat and counted on C++ threads with the
GIL released; BPE, WordPiece and Unigram are learned natively (HF tokenizers' trainers ported:
same merges and ids for BPE / WordPiece, same pieces and scores for Unigram).
"""

from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

from . import _core
from .attribute_controls import create_random_ac_indexes
from .classes import TokSequence
from .constants import SCORE_LOADING_EXCEPTION
from .score import Score

_TRAINER_KWARGS = (
    "min_frequency",
    "max_token_length",
    "limit_alphabet",
    "unk_token",
    "max_input_chars_per_word",
    "max_piece_length",
    "shrinking_factor",
    "n_sub_iterations",
)
_IGNORED_KWARGS = ("show_progress", "special_tokens", "initial_alphabet")


class TokTrainingIterator:
    """MidiTok's TokTrainingIterator: yields each file's training strings (bytes per bar/beat).

    Iterating tokenizes the files on C++ threads in chunks; ``tokenizer.train(iterator=it)``
    with this iterator takes the fully native path over ``files_paths``.

    ``tokenizer`` is the tokenizer whose tokens are yielded (as bytes, split as its
    ``config.encode_ids_split`` says); ``files_paths`` the music or token files.
    ``tracks_idx_random_ratio_range`` and ``bars_idx_random_ratio_range`` (default None: none)
    add random attribute controls to each file, drawn as
    :func:`miditok_cpp.attribute_controls.create_random_ac_indexes` does.
    """

    def __init__(
        self,
        tokenizer,
        files_paths: Sequence[Path],
        tracks_idx_random_ratio_range: tuple[float, float] | None = None,
        bars_idx_random_ratio_range: tuple[float, float] | None = None,
    ) -> None:
        self.tokenizer = tokenizer
        self.files_paths = list(files_paths)
        # MidiTok keeps [] for "none": the attributes hold what it holds.
        self.tracks_idx_random_ratio_range: Sequence[float] = tracks_idx_random_ratio_range or []
        self.bars_idx_random_ratio_range: Sequence[float] = bars_idx_random_ratio_range or []
        self.skipped_files: list[tuple[str, str]] = []
        self._iter_count = 0

    def _load_many(self, paths) -> list[list[str]]:
        if self.tracks_idx_random_ratio_range or self.bars_idx_random_ratio_range:
            return [self._load_with_attribute_controls(path) for path in paths]
        out = []
        for path, (strings, error) in zip(
            paths,
            _core._training_strings_files(self.tokenizer._core, [os.fspath(p) for p in paths]),
            strict=True,
        ):
            if strings is None:  # MidiTok returns [] for a file that fails to load
                self.skipped_files.append((os.fspath(path), error))
                strings = []
            out.append(strings)
        return out

    def _load_with_attribute_controls(self, path) -> list[str]:
        """The training strings of one file with random attribute controls, as MidiTok: the
        preprocessed score gets ``create_random_ac_indexes`` drawn with Python's ``random``,
        then is tokenized without the trained model, split per bar / beat and made bytes."""
        tokenizer = self.tokenizer
        try:
            score = tokenizer.preprocess_score(Score.from_file(path))
        except SCORE_LOADING_EXCEPTION as error:
            self.skipped_files.append((os.fspath(path), str(error)))
            return []
        ac_indexes = create_random_ac_indexes(
            score,
            tokenizer.attribute_controls,
            self.tracks_idx_random_ratio_range,
            self.bars_idx_random_ratio_range,
        )
        kwargs = {"concatenate_track_sequences": False} if tokenizer._name() == "MMM" else {}
        seqs = tokenizer.encode(
            score,
            encode_ids=False,
            no_preprocess_score=True,
            attribute_controls_indexes=ac_indexes,
            **kwargs,
        )
        seqs = [seqs] if isinstance(seqs, TokSequence) else seqs
        split = tokenizer.config.encode_ids_split
        if split in ("bar", "beat"):
            parts = [s.split_per_bars() if split == "bar" else s.split_per_beats() for s in seqs]
            seqs = [part for group in parts for part in group if len(part) > 0]
        if not seqs:
            return [""]  # MidiTok's bytes of no ids
        return [tokenizer._ids_to_bytes(list(s.ids), as_one_str=True) for s in seqs]

    def load_file(self, path) -> list[str]:
        """The training strings of the file ``path`` ([] when it cannot be read)."""
        return self._load_many([path])[0]

    def __len__(self) -> int:
        return len(self.files_paths)

    def __getitem__(self, idx: int) -> list[str]:
        return self.load_file(self.files_paths[idx])

    def __iter__(self):
        chunk = 256
        for i in range(0, len(self.files_paths), chunk):
            yield from self._load_many(self.files_paths[i : i + chunk])

    def __str__(self) -> str:
        return f"{self.tokenizer} - {len(self)} files"


def _progress_bar(total: int, desc: str):
    try:
        from tqdm import tqdm
    except ImportError:  # pragma: no cover - tqdm is a dependency of miditok
        return None
    return tqdm(total=total, desc=desc, unit="file")


def _trainer_kwargs(kwargs: dict) -> dict:
    out = {}
    for k, v in kwargs.items():
        if k in _TRAINER_KWARGS:
            out[k] = v
        elif k in _IGNORED_KWARGS:
            continue
        else:
            msg = f"tokenizer.train: unsupported trainer argument {k!r}"
            raise TypeError(msg)
    return out


def _strings_of(iterator: Iterable) -> list[str]:
    strings: list[str] = []
    for item in iterator:
        if isinstance(item, str):
            strings.append(item)
        else:
            strings.extend(item)
    return strings


UNIGRAM_SUFFIX = "-unigram"


def _add_unigram_special_tokens(tokenizer) -> None:
    """MidiTok's Unigram train adds a "<special>-unigram" special token to the base vocab for
    each special token (after the base ids), whose byte is "!" + the special token's byte + "!"
    (the model's added token for it)."""
    names = [t for t in tokenizer.special_tokens if not t.endswith(UNIGRAM_SUFFIX)]
    for tok in names:
        if tok + UNIGRAM_SUFFIX not in tokenizer.vocab:
            name = tok + UNIGRAM_SUFFIX
            tokenizer._core.add_to_vocab(name, True, tokenizer._core.unigram_byte(name))
    tokenizer.config.special_tokens = list(tokenizer._core.special_tokens())
    tokenizer._cache_derived()


def _keep_model_params(trained, trainer_kwargs: dict) -> None:
    """Training again keeps the parameters of the tokenizer's model (as MidiTok, which trains
    the model it has): WordPiece's ``max_input_chars_per_word`` and ``unk_token``, Unigram's
    ``unk_token`` (a Unigram model is learned anew with the special tokens and unk token it
    had; MidiTok 3.1.0 raises IndexError there when it has one). Arguments given to ``train``
    still win."""
    params = json.loads(trained.to_str())["model"]
    if params["type"] == "WordPiece":
        trainer_kwargs.setdefault("max_input_chars_per_word", params["max_input_chars_per_word"])
        trainer_kwargs.setdefault("unk_token", params["unk_token"])
    elif params["type"] == "Unigram" and params.get("unk_id") is not None:
        trainer_kwargs.setdefault("unk_token", params["vocab"][params["unk_id"]][0])


def train(
    tokenizer,
    vocab_size: int,
    model: str | None = None,
    iterator: Iterable | None = None,
    files_paths: Sequence[Path] | None = None,
    **kwargs,
) -> None:
    """MidiTok's MusicTokenizer.train (see MusicTokenizer.train)."""
    if tokenizer.is_multi_voc:
        _core._check_trainable(tokenizer._core)
    if iterator is None and files_paths is None:
        msg = "You must give an iterator or a list of paths to tokens to train the tokenizer."
        raise ValueError(msg)
    retraining = model is None and tokenizer._model is not None
    if model is None:
        model = tokenizer._model.model_name if tokenizer._model is not None else "BPE"
    if not isinstance(model, str) or model not in ("BPE", "Unigram", "WordPiece"):
        msg = "tokenizer.train: `model` must be 'BPE', 'Unigram', 'WordPiece' or None"
        raise ValueError(msg)
    if vocab_size <= len(tokenizer.vocab):
        msg = (
            f"tokenizer.train: `vocab_size` ({vocab_size}) must be higher than the number of "
            f"base tokens ({len(tokenizer.vocab)})"
        )
        raise _core.ConfigError(msg)
    if model == "WordPiece" and tokenizer.config.encode_ids_split == "no":
        warnings.warn(
            "miditok - tokenizer.train: you are training a WordPiece tokenizer without "
            "splitting the token ids per bars or beats; long sequences become unk_token.",
            stacklevel=3,
        )
    show_progress = kwargs.get("show_progress", True)
    tkw = _trainer_kwargs(kwargs)
    if retraining:
        _keep_model_params(tokenizer._model, tkw)
    if (
        isinstance(iterator, TokTrainingIterator)
        and files_paths is None
        and not (iterator.tracks_idx_random_ratio_range or iterator.bars_idx_random_ratio_range)
    ):  # the files' strings are made and counted in C++ threads
        files_paths = iterator.files_paths
        iterator = None
    skipped: list[tuple[str, str]] = []
    if iterator is None:
        assert files_paths is not None  # checked above: one of the two is given
        paths = [os.fspath(p) for p in files_paths]
        bar = _progress_bar(len(paths), f"Training {model}") if show_progress else None
        done = [0]

        def progress(n: int) -> None:
            if bar is not None:
                bar.update(n - done[0])
            done[0] = n

        try:
            trained, _, skipped = _core._train_from_files(
                tokenizer._core, paths, vocab_size, model, progress=progress, **tkw
            )
        finally:
            if bar is not None:
                bar.close()
    else:
        trained = _core._train_from_strings(
            tokenizer._core, _strings_of(iterator), vocab_size, model, **tkw
        )
    if skipped:
        shown = ", ".join(p for p, _ in skipped[:5])
        warnings.warn(
            f"miditok_cpp - tokenizer.train: {len(skipped)} file(s) could not be read and were "
            f"skipped ({shown}{', ...' if len(skipped) > 5 else ''})",
            stacklevel=3,
        )
    tokenizer.training_skipped_files = list(skipped)
    if model == "Unigram":
        _add_unigram_special_tokens(tokenizer)
    tokenizer._set_model(trained)
