"""MMM (Multitrack Music Machine): the tracks tokenized apart by a base tokenization (REMI, TSD
or MIDILike), concatenated as ``Track_Start Program <tokens> Track_End``. The C++ core composes
the base tokenizer; this module adds MidiTok's per-track API (split, per-track model encoding)."""

from __future__ import annotations

import numpy as np

from ._convert import _to_list
from .classes import TokSequence
from .tokenizer import MusicTokenizer
from .trained_model import _BaseTokens


class _TrackSlice:
    """The events of one track of a sequence from the core, built on demand."""

    def __init__(self, core_seq, times, begin, end) -> None:
        self._core_seq, self._times, self._b, self._e = core_seq, times, begin, end

    def event_times(self):
        return self._times[self._b : self._e]

    def event_tuples(self):
        return self._core_seq.event_tuples()[self._b : self._e]


class MMM(MusicTokenizer):
    """MMM (Multi-Track Music Machine): tracks tokenized one by one and concatenated.

    From Ens and Pasquier (https://arxiv.org/abs/2008.06048), a layout made for infilling
    and inpainting: each track is written as ``Track_Start Program_p <the track's tokens>
    Track_End`` and the tracks follow one another in one sequence. The tokens inside a
    track come from the base tokenization ``additional_params["base_tokenizer"]`` (required:
    ``"REMI"``, ``"TSD"`` or ``"MIDILike"``), so time, notes and the optional tokens are that
    tokenization's; notes carry ``Duration`` tokens with REMI and TSD, not the paper's
    NoteOff. The program is only written at the start of its track.

    ``use_programs`` and ``program_changes`` are forced on and
    ``one_token_stream_for_programs`` off (the base tokenizer sees one sequence per track),
    while ``one_token_stream`` is True: :meth:`encode` returns one sequence and
    ``io_format`` is ``("T",)``. Control changes are turned off with a UserWarning. Every
    track repeats the score's tempos and time signatures; decoding takes the tempos, time
    signatures and key signatures of the first track. A trained model (BPE, Unigram,
    WordPiece) encodes each track on its own, as MidiTok does, so that no merged token
    spans two tracks. ``encode(..., concatenate_track_sequences=False)`` returns one
    sequence per track, and :meth:`split_tokseq_per_track` cuts a sequence back into its
    tracks.

    Constructor: ``tokenizer_config`` (default None: a default ``TokenizerConfig()``) is the
    configuration the vocabulary is built from, adjusted as described above; ``params``
    (default None) is the path of a ``tokenizer.json`` written by :meth:`save`, loaded in its
    place (config, vocabulary and any trained model).
    """

    _class_name = "MMM"

    def _track_bounds(self, ids) -> list[tuple[int, int | None]]:
        """(start, end) of each track, Track_Start included; [(0, None)] without tracks."""
        starts = np.flatnonzero(np.asarray(_to_list(ids)) == self._vocab_base["Track_Start"])
        starts = starts.tolist()
        if not starts:
            return [(0, None)]
        ends = [*starts[1:], None]
        return list(zip(starts, ends, strict=True))

    def split_tokseq_per_track(
        self, tokseq: TokSequence, keep_track_tokens: bool = False
    ) -> list[TokSequence]:
        """Splits the MMM sequence ``tokseq`` into one :class:`TokSequence` per track,
        returned as a list; with ``keep_track_tokens`` (default False) each keeps its
        Track_Start / Track_End tokens. A sequence without them is returned alone."""
        bounds = self._track_bounds(tokseq.ids)
        if bounds == [(0, None)] and (len(tokseq.ids) == 0 or tokseq.ids[0] != self["Track_Start"]):
            return [tokseq]
        if keep_track_tokens and tokseq._core is not None and not tokseq.are_ids_encoded:
            return [self._core_slice(tokseq, b, e) for b, e in bounds]
        out = []
        for b, e in bounds:
            if keep_track_tokens:
                out.append(tokseq[b:e])
            else:
                out.append(tokseq[b + 1 : None if e is None else e - 1])
        return out

    def _core_slice(self, seq: TokSequence, b: int, e: int | None) -> TokSequence:
        """A track of a sequence from encode, without building the events of the others."""
        if not hasattr(seq, "_mmm_times"):  # cached on the sequence for its other tracks
            seq._mmm_times = seq._event_times()  # type: ignore[attr-defined]
        part = TokSequence(
            ids=seq.ids[b:e], _ticks_bars=seq._ticks_bars, _ticks_beats=seq._ticks_beats
        )
        part._core = _TrackSlice(seq._core, seq._mmm_times, b, e)  # type: ignore[attr-defined]
        part._tokens_from = self._core
        return part

    def encode(
        self,
        score,
        encode_ids: bool = True,
        no_preprocess_score: bool = False,
        attribute_controls_indexes=None,
        concatenate_track_sequences: bool = True,
    ):
        """Tokenizes ``score`` (a path, bytes, a Score or a ``symusic.Score``) as
        :meth:`MusicTokenizer.encode`: one :class:`TokSequence` of the concatenated tracks, or
        one per track when ``concatenate_track_sequences`` (default True) is False.

        ``encode_ids`` (default True) encodes the ids of a trained tokenizer, each track on its
        own as MidiTok; ``no_preprocess_score`` (default False) skips the preprocessing;
        ``attribute_controls_indexes`` (default None) adds attribute-control tokens as in
        :meth:`MusicTokenizer.encode`."""
        seq = super().encode(score, False, no_preprocess_score, attribute_controls_indexes)
        trained = encode_ids and self.is_trained
        if concatenate_track_sequences and not trained:
            return seq  # the tracks are only split to be returned or encoded one by one
        parts = self.split_tokseq_per_track(seq, keep_track_tokens=True)
        if trained:
            self.encode_token_ids(parts)  # each track on its own, as MidiTok
            if concatenate_track_sequences:
                base_ids = seq.ids
                seq.ids = [i for p in parts for i in p.ids]
                seq._tokens_from = _BaseTokens(self._core, base_ids)
                seq.are_ids_encoded = True
        return seq if concatenate_track_sequences else parts

    def encode_token_ids(self, seq) -> None:
        """Encodes in place the ids of ``seq`` (a :class:`TokSequence` or a list of them) with
        the trained model; with ``encode_ids_split`` "bar" / "beat" each track of a sequence is
        split and encoded on its own. Returns None."""
        if self._model is None:
            return
        if self.config.encode_ids_split == "no":
            super().encode_token_ids(seq)
        elif isinstance(seq, list):
            for subseq in seq:
                self.encode_token_ids(subseq)
        elif not seq.are_ids_encoded:
            parts = self.split_tokseq_per_track(seq, keep_track_tokens=True)
            if len(parts) == 1 and parts[0] is seq:
                super().encode_token_ids(seq)
                return
            super().encode_token_ids(parts)
            base_ids = seq.ids
            seq.ids = [i for p in parts for i in p.ids]
            if seq._tokens_from is not None and not seq._tokens:
                seq._tokens_from = _BaseTokens(self._core, base_ids)
            seq.are_ids_encoded = True
