"""DataCollator: pads the samples of a batch into tensors, with attention masks and labels.

Gives the same batches as MidiTok's ``DataCollator`` for valid samples. Unlike MidiTok, a sample
whose inputs, decoder inputs or labels are ``None`` (an unreadable file) or empty is dropped from
every key at once, so inputs and labels stay aligned, and a batch left empty gives empty tensors
instead of an IndexError.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import torch

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence


class DataCollator:
    r"""
    All-in-one data collator for a PyTorch ``DataLoader``.

    Pads the sequences (right, or left with ``pad_on_left``), optionally copies the inputs as
    labels and shifts them for teacher forcing, and adds an ``"attention_mask"`` (and
    ``"decoder_attention_mask"``) following the padding.

    :param pad_token_id: padding token id.
    :param pad_on_left: pad on the left (first indexes) instead of the right. (default: False)
    :param copy_inputs_as_labels: add a labels entry (``labels_kwarg_name``) copying the decoder
        inputs if present, else the inputs, when the batch has no labels. (default: False)
    :param shift_labels: drop the last input step and the first label step, for
        autoregressive training. (default: False)
    :param labels_pad_idx: padding id for labels. (default: -100)
    :param inputs_kwarg_name: key of the inputs. (default: ``"input_ids"``)
    :param labels_kwarg_name: key of the labels. (default: ``"labels"``)
    :param decoder_inputs_kwarg_name: key of the decoder inputs of encoder-decoder models.
        (default: ``"decoder_input_ids"``)
    """

    def __init__(
        self,
        pad_token_id: int,
        pad_on_left: bool = False,
        copy_inputs_as_labels: bool = False,
        shift_labels: bool = False,
        labels_pad_idx: int = -100,
        inputs_kwarg_name: str = "input_ids",
        labels_kwarg_name: str = "labels",
        decoder_inputs_kwarg_name: str = "decoder_input_ids",
    ) -> None:
        self.pad_token = pad_token_id
        self.pad_on_left = pad_on_left
        self.copy_inputs_as_labels = copy_inputs_as_labels
        self.shift_labels = shift_labels
        self.labels_pad_idx = labels_pad_idx
        self.inputs_kwarg_name = inputs_kwarg_name
        self.labels_kwarg_name = labels_kwarg_name
        self.decoder_inputs_kwarg_name = decoder_inputs_kwarg_name

    def __call__(self, batch: Sequence[Mapping[str, Any]]) -> dict[str, torch.Tensor]:
        """
        Collate the samples of a batch into padded tensors ready to be fed to a model.

        :param batch: samples, as dictionaries holding input ids and optionally labels.
        :return: the batch, a dictionary of tensors.
        """
        keys = (self.inputs_kwarg_name, self.decoder_inputs_kwarg_name, self.labels_kwarg_name)
        present = [any(key in sample for sample in batch) for key in keys]
        kept = [
            sample
            for sample in batch
            if all(not p or _is_valid(sample.get(k)) for k, p in zip(keys, present, strict=True))
        ]
        x_seqs, x_dec_seqs, y_seqs = (
            [_as_tensor(sample[key]) for sample in kept] if p else None
            for key, p in zip(keys, present, strict=True)
        )

        # Copy labels, the decoder inputs have priority over the inputs
        if y_seqs is None and self.copy_inputs_as_labels:
            y_seqs = x_dec_seqs if x_dec_seqs is not None else x_seqs
        labels_are_seqs = y_seqs is not None and (len(y_seqs) == 0 or y_seqs[0].dim() > 0)

        x = None if x_seqs is None else _pad_batch(x_seqs, self.pad_token, self.pad_on_left)
        x_dec = (
            None if x_dec_seqs is None else _pad_batch(x_dec_seqs, self.pad_token, self.pad_on_left)
        )
        y: torch.Tensor | None = None
        if y_seqs is not None:
            if labels_are_seqs:
                y = _pad_batch(y_seqs, self.labels_pad_idx, self.pad_on_left)
            else:  # classification: one label per sample
                y = torch.stack(y_seqs).long()

        # Shift labels (teacher forcing), otherwise it is left to the model
        if self.shift_labels:
            if x_dec is not None:
                x_dec = x_dec[:, :-1]
            elif x is not None:
                x = x[:, :-1]
            if y is not None and labels_are_seqs:
                y = y[:, 1:]
            elif y is not None:
                warnings.warn(
                    "miditok_cpp DataCollator: shift_labels=True but the labels are one int "
                    "per sample (sequence classification); the labels are not shifted.",
                    stacklevel=2,
                )

        out: dict[str, torch.Tensor] = {}
        if x is not None:
            out[self.inputs_kwarg_name] = x
        if x_dec is not None:
            out[self.decoder_inputs_kwarg_name] = x_dec
        if y is not None:
            out[self.labels_kwarg_name] = y
        # Padding masks only, causal masks are left to the models
        if x is not None:
            out["attention_mask"] = _attention_mask(x, self.pad_token)
        if x_dec is not None:
            out["decoder_attention_mask"] = _attention_mask(x_dec, self.pad_token)
        return out


def _is_valid(value: Any) -> bool:
    """Whether a sample's value can be collated: not None and not an empty sequence."""
    if value is None:
        return False
    if isinstance(value, torch.Tensor):
        return value.dim() == 0 or value.size(0) > 0
    if isinstance(value, int):
        return True
    return len(value) > 0


def _as_tensor(value: Any) -> torch.Tensor:
    return value if isinstance(value, torch.Tensor) else torch.as_tensor(value, dtype=torch.long)


def _attention_mask(x: torch.Tensor, pad_token_id: int) -> torch.Tensor:
    mask = (x != pad_token_id).int()
    if mask.dim() == 3:  # multi-vocab (N,T,Z): the first vocabulary decides
        mask = mask[..., 0]
    return mask


def _pad_batch(
    batch: Sequence[torch.Tensor], pad_token_id: int, pad_on_left: bool = False
) -> torch.Tensor:
    """
    Pad the sequences of a batch into one tensor of shape (N, T) or (N, T, Z).

    :param batch: the sequences, as tensors of shape (T,) or (T, Z).
    :param pad_token_id: padding id.
    :param pad_on_left: pad the first indexes instead of the last ones.
    :return: the padded batch, as a long tensor.
    """
    if len(batch) == 0:
        return torch.empty((0, 0), dtype=torch.long)
    first_len = batch[0].size(0)
    if all(seq.size(0) == first_len for seq in batch):
        return torch.stack(list(batch), dim=0).long()
    max_len = max(seq.size(0) for seq in batch)
    out = torch.full((len(batch), max_len, *batch[0].shape[1:]), pad_token_id, dtype=torch.long)
    for i, seq in enumerate(batch):
        if pad_on_left:
            out[i, max_len - seq.size(0) :] = seq
        else:
            out[i, : seq.size(0)] = seq
    return out
