"""Multi-vocabulary (compound token) tokenizers: Octuple and CPWord, as MidiTok's (MuMIDI is in
mumidi.py).

``vocab`` is a list of dicts (one per slot of a compound token), the ids of a sequence are a list
of rows of ids, ``len(tokenizer)`` is the sum of the sub-vocabulary sizes and ``tokenizer.len``
their list. Encoding and decoding run in the C++ core (``_core._mv_*``).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

from . import _core, _ids
from ._convert import _as_score, _new_score, _to_list
from .classes import Event, TokSequence
from .score import Score
from .tokenizer import MusicTokenizer


class _CompoundTokens:
    """Gives an encoded sequence its compound tokens on first access."""

    def __init__(self, core) -> None:
        self._core = core

    def ids_to_tokens(self, ids):
        return _core._mv_ids_to_tokens(self._core, _to_list(ids))


def _rows(ids) -> list:
    """Rows of ids as lists: from a (rows, K) array, or already lists (MuMIDI's ragged rows)."""
    return ids if isinstance(ids, list) else ids.tolist()


def _depth(x, expected: int) -> int:
    """Number of dimensions of nested lists, as MidiTok counts them (an empty row counts)."""
    dims = 1
    if len(x) > 0 and isinstance(x[0], (list, tuple)):
        dims += 1
        if (len(x[0]) > 0 and isinstance(x[0][0], (list, tuple))) or (
            len(x[0]) == 0 and dims == expected - 1
        ):
            dims += 1
    return dims


class MultiVocTokenizer(MusicTokenizer):
    """Base of the compound tokenizers: sub-vocabularies, rows of ids, compound decode."""

    def _cache_derived(self) -> None:
        super()._cache_derived()
        subs = _core._mv_sub_vocabs(self._core)
        self._vocab_base = [{tok: i for i, tok in enumerate(sub)} for sub in subs]
        self._vocab_base_inv = [dict(enumerate(sub)) for sub in subs]
        self._vocab_base_id_to_byte = {}
        self._vocab_base_byte_to_token = {}
        self.vocab_types_idx = dict(_core._mv_vocab_types_idx(self._core))

    # ---- vocabulary ----
    @property
    def is_multi_voc(self) -> bool:
        """True: one vocabulary per slot of a compound token."""
        return True

    @property
    def pad_token_id(self) -> int:
        """Id of PAD_None (the same in every sub-vocabulary)."""
        return self._vocab_base[0]["PAD_None"]

    def __len__(self) -> int:
        return sum(len(v) for v in self._vocab_base)

    @property
    def len(self) -> list[int]:
        """The size of each sub-vocabulary."""
        return [len(v) for v in self._vocab_base]

    def __getitem__(self, item):
        if isinstance(item, tuple):
            vocab_id, key = item
            if isinstance(key, str):
                return self._vocab_base[vocab_id][key]
            return self._vocab_base_inv[vocab_id][key]
        if isinstance(item, str):
            if all(item in voc for voc in self._vocab_base):
                return self._vocab_base[0][item]
            msg = (
                "This tokenizer uses multiple vocabularies / embedding pooling. To index it you "
                "must either provide a token (string) that is within all vocabularies (e.g. "
                "special tokens), or a tuple (vocabulary index, token or id)."
            )
            raise ValueError(msg)
        return self._vocab_base_inv[item]

    def token_ids_of_type(self, token_type: str, vocab_id: int | None = None) -> list[int]:
        """The ids of the tokens of type ``token_type`` (e.g. ``"Pitch"``) in the
        sub-vocabulary ``vocab_id`` (default None: in every sub-vocabulary, ids of each one
        following the previous one's), in id order."""
        vocabs = self._vocab_base if vocab_id is None else [self._vocab_base[vocab_id]]
        return [i for voc in vocabs for tok, i in voc.items() if tok.split("_")[0] == token_type]

    def token_id_type(self, id_: int, vocab_id: int | None = None) -> str:
        """The type of the token of id ``id_`` in the sub-vocabulary ``vocab_id`` (required
        here despite its None default, as MidiTok's)."""
        return self[vocab_id, id_].split("_")[0]

    def add_to_vocab(self, token, special_token: bool = False, vocab_idx=None, byte_=None):
        """Not supported: the sub-vocabularies are fixed by the configuration. Always raises
        NotImplementedError, whatever ``token``, ``special_token``, ``vocab_idx`` and
        ``byte_`` (the base class's parameters) are."""
        msg = f"{self._name()} does not support adding tokens to its sub-vocabularies"
        raise NotImplementedError(msg)

    def train(self, *args, **kwargs) -> None:
        """Multi-vocabulary tokenizers cannot be trained: as MidiTok, warns (UserWarning) and
        returns None, ignoring the ``args`` and ``kwargs`` of :meth:`MusicTokenizer.train`."""
        warnings.warn(
            "This tokenizer is based on multiple vocabularies/embedding pooling. It therefore "
            "cannot be trained. Skipping `tokenizer.train` function call.",
            stacklevel=2,
        )

    # ---- encode / decode ----
    def _encode_core(self, obj, no_preprocess_score: bool, ac_indexes=None):
        del ac_indexes  # no attribute controls on compound tokens
        core = self._core
        if isinstance(obj, (str, os.PathLike)):
            path = os.fspath(obj)
            if path.lower().endswith(".abc"):
                return _core._mv_encode(core, Score.from_file(path), no_preprocess_score)
            return _core._mv_encode_midi_file(core, path, no_preprocess_score)
        if isinstance(obj, (bytes, bytearray, memoryview)):
            return _core._mv_encode_midi_bytes(core, bytes(obj), no_preprocess_score)
        s = _as_score(obj)
        if s is None:
            msg = f"cannot encode an object of type {type(obj).__name__}"
            raise TypeError(msg)
        return _core._mv_encode(core, s, no_preprocess_score)

    def encode(
        self,
        score,
        encode_ids: bool = True,
        no_preprocess_score: bool = False,
        attribute_controls_indexes=None,
    ):
        """Tokenizes ``score`` (a MIDI or ABC path, MIDI bytes, a Score or a
        ``symusic.Score``) into compound tokens: a :class:`TokSequence` whose ids are rows of
        ids (one id per sub-vocabulary), or a list of them, one per track.

        ``no_preprocess_score`` (default False) skips the preprocessing of a score already
        preprocessed. ``encode_ids`` (default True) and ``attribute_controls_indexes`` (default
        None) are accepted for MidiTok's signature and ignored: these tokenizers have neither
        a trained model nor attribute controls. Raises MidiError / IoError for a file that
        cannot be read."""
        del encode_ids, attribute_controls_indexes  # no model, no attribute controls
        seqs = []
        for ids, bars, beats in self._encode_core(score, no_preprocess_score):  # new lists each
            seq = TokSequence(ids=ids, _ticks_bars=bars, _ticks_beats=beats)
            seq._tokens_from = _CompoundTokens(self._core)
            seqs.append(seq)
        return seqs[0] if self.one_token_stream else seqs

    def encode_batch(  # type: ignore[override]  # no attribute-control arguments: none here
        self, paths, num_threads: int = 0
    ):
        """Tokenizes the MIDI files of ``paths`` on ``num_threads`` C++ threads (default 0:
        one per core). Returns ``(ids, errors)``: per path, its rows of ids (or a list of them,
        one per track; None for a file that failed), and the ``(path, error message)`` of the
        files that failed."""
        ids, errors = _core._mv_encode_batch(self._core, [os.fspath(p) for p in paths], num_threads)
        out: list[Any] = []
        for x in ids:
            if x is None:
                out.append(None)
            else:
                seqs = [_rows(a) for a in x]
                out.append(seqs[0] if self.one_token_stream else seqs)
        return out, errors

    def _compound_sequences(self, tokens):
        """(kind, list of sequences of rows) from TokSequence(s), nested lists, arrays, tensors."""
        if isinstance(tokens, TokSequence):
            tokens = [tokens]
        if isinstance(tokens, list) and tokens and all(isinstance(s, TokSequence) for s in tokens):
            if all(len(s.ids) > 0 or len(s.tokens) == 0 for s in tokens):
                return "ids", [_to_list(s.ids) for s in tokens]
            return "tokens", [[list(r) for r in s.tokens] for s in tokens]
        seq = _to_list(tokens)
        first = seq
        while isinstance(first, list) and first:
            first = first[0]
        kind = "ids"
        if isinstance(first, str):
            kind = "tokens"
        elif isinstance(first, Event):
            kind = "tokens"
            seq = [[[str(e) for e in row] for row in s] for s in seq]
        expected = len(self.io_format)
        if isinstance(seq, list) and not seq:  # no compound token at all
            return kind, [[]] if self.one_token_stream else []
        dims = _depth(seq, expected)
        if not self.one_token_stream and dims == expected - 1:
            warnings.warn(
                f"The input sequence has one dimension less than expected ({dims} instead of "
                f"{expected}). It is being unsqueezed to conform with the tokenizer's i/o format "
                f"({self.io_format})",
                stacklevel=3,
            )
            seq = [seq]
        elif dims != expected:
            msg = (
                "The input sequence does not have the expected dimension "
                f"({dims} instead of {expected})."
            )
            raise _core.TokenError(msg)
        if self.one_token_stream:
            seq = [seq]
        return kind, seq

    def decode(self, tokens, programs=None, output_path=None) -> Score:
        """Decodes ``tokens`` (compound ids or tokens, a :class:`TokSequence` or a list of
        them) into a score (symusic's when it is installed, as ``decode`` of the other
        tokenizers). ``programs`` (default None) gives the ``(program, is_drum)`` of each
        track when the tokens do not carry programs; ``output_path`` (default None) also
        writes the result there as a MIDI file. Raises TokenError for ids out of the
        vocabularies or a sequence of the wrong dimension."""
        kind, seqs = self._compound_sequences(tokens)
        progs = None if programs is None else [(int(p), bool(d)) for p, d in programs]
        if kind == "ids":
            try:
                # lists of rows of ints are read at once; anything else (None) is converted
                rows = _core._mv_decode_int_rows(self._core, seqs, progs)
                if isinstance(rows, _core.Score):
                    score = rows
                else:
                    score = _core._mv_decode_ids(self._core, seqs, progs)
            except TypeError:  # not all ints: integral floats converted, anything else named
                score = _core._mv_decode_ids(self._core, _ids.checked_rows(seqs), progs)
        else:
            score = _core._mv_decode_tokens(self._core, seqs, progs)
        if output_path:
            out = Path(output_path)
            out.parent.mkdir(parents=True, exist_ok=True)
            score.dump_midi(out)
        return _new_score(score)

    def complete_sequence(self, seq: TokSequence, complete_bytes: bool = False) -> None:
        """Fills in place the empty tokens or ids of ``seq`` (a compound
        :class:`TokSequence`) from the others. ``complete_bytes`` (default False) is ignored:
        these tokenizers have no bytes. Returns None."""
        del complete_bytes  # no model, no bytes
        if len(seq.tokens) == 0:
            if len(seq.events) > 0:
                seq.tokens = [[str(e) for e in row] for row in seq.events]
            elif len(seq.ids) > 0:
                seq.tokens = _core._mv_ids_to_tokens(self._core, _to_list(seq.ids))
        if len(seq.ids) == 0 and len(seq.tokens) > 0:
            seq.ids = _core._mv_tokens_to_ids(self._core, [list(r) for r in seq.tokens])

    def tokens_errors(self, tokens):
        """Ratio of erroneous compound tokens (a list for several sequences)."""
        if isinstance(tokens, list) and tokens and isinstance(tokens[0], TokSequence):
            return [self.tokens_errors(t) for t in tokens]
        if not isinstance(tokens, TokSequence):
            kind, seqs = self._compound_sequences(tokens)
            out = []
            for s in seqs:
                rows = s if kind == "tokens" else _core._mv_ids_to_tokens(self._core, s)
                out.append(_core._mv_tokens_errors(self._core, rows) if rows else 0)
            return out[0] if self.one_token_stream else out
        if len(tokens) == 0:
            return 0
        self.complete_sequence(tokens)
        return _core._mv_tokens_errors(self._core, [list(r) for r in tokens.tokens])

    def __repr__(self) -> str:
        tmp = ["one token stream"] if self.one_token_stream else []
        tmp.append("multi-voc")
        return (
            f"{self._name()}({self.len} tokens with {self.io_format} io format "
            f"({', '.join(tmp)}), not trained)"
        )


class Octuple(MultiVocTokenizer):
    """Octuple: one compound token of (up to) eight slots per note.

    From MusicBERT (Zeng et al., https://arxiv.org/abs/2106.05630). Each note is one row,
    meant to be embedded slot by slot and pooled, which makes sequences as short as the number
    of notes (at the price of one output head per slot):

    - 0 ``Pitch`` / ``PitchDrum``, 1 ``Position`` in the bar, 2 ``Bar`` (the bar's number,
      up to ``additional_params["max_bar_embedding"]``, 60 by default; later notes are cut);
    - then, when enabled: ``Velocity``, ``Duration``, ``Program``, ``Tempo`` (the current
      tempo) and ``TimeSig`` (the current time signature).

    Rows are sorted by time, then track (in the score's order), then pitch; tracks sharing
    a program are merged.
    ``use_programs`` merges all tracks into one stream; without it each track is its own
    sequence (decoding several takes the tempos and time signatures of the first). Time
    signatures are carried by the notes, so a meter change in bars without notes cannot be
    placed exactly. Chords, rests, sustain pedals, pitch bends, pitch intervals, program
    changes, attribute controls, control changes and key signatures are turned off (the
    last two with a UserWarning); successive equal tempos are merged; durations are for all
    programs or none. ``ids`` are rows of ids (an array) with one vocabulary per slot
    (``vocab`` is a list of dicts); compound tokens cannot be trained (:meth:`train` warns
    and does nothing).

    Constructor: ``tokenizer_config`` (default None: a default ``TokenizerConfig()``) is the
    configuration the vocabulary is built from, adjusted as described above; ``params``
    (default None) is the path of a ``tokenizer.json`` written by :meth:`save`, loaded in its
    place (config, vocabulary and any trained model).
    """

    _class_name = "Octuple"


class CPWord(MultiVocTokenizer):
    """Compound Word: REMI's events grouped into compound tokens, one per note or metric event.

    From the Compound Word Transformer (Hsiao et al., AAAI 2021,
    https://ojs.aaai.org/index.php/AAAI/article/view/16091). Each step of the sequence is a
    list of tokens, one per slot, meant to be embedded apart and pooled into one vector (and
    predicted by one output head per slot, which makes sampling harder for small models):

    - 0 ``Family``: ``Family_Metric`` (bar, position, rest) or ``Family_Note``;
    - 1 ``Bar`` / ``Position``, time as in :class:`REMI`;
    - 2 ``Pitch`` / ``PitchDrum``;
    - then, when enabled: ``Velocity``, ``Duration``, ``Program`` (with notes and chords),
      ``Chord`` and ``Tempo`` (with positions), ``Rest`` (a metric row that moves time), and
      ``TimeSig`` (with bars). A slot a row does not use holds ``Ignore_None``.

    ``ids`` are therefore rows of K ids (an array), one vocabulary per slot
    (``vocab`` is a list of dicts). ``use_programs`` merges all tracks into one stream;
    without it each track is its own sequence and decoding several takes the tempos and
    time signatures of the first. Sustain pedals, pitch bends, pitch intervals, control
    changes, key signatures, program changes and attribute controls are not supported and
    turned off (control changes and key signatures with a UserWarning). Durations are for
    all programs or none (a UserWarning when ``use_note_duration_programs`` names only
    some). Time signatures with rests warn: bars are skipped inside a rest, so a meter
    change there is lost. Compound tokens cannot be trained (:meth:`train` warns and does
    nothing).

    Constructor: ``tokenizer_config`` (default None: a default ``TokenizerConfig()``) is the
    configuration the vocabulary is built from, adjusted as described above; ``params``
    (default None) is the path of a ``tokenizer.json`` written by :meth:`save`, loaded in its
    place (config, vocabulary and any trained model).
    """

    _class_name = "CPWord"
