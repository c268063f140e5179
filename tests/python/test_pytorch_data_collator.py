"""DataCollator: the same batches as MidiTok's for every option, and None items dropped safely."""

from __future__ import annotations

import itertools
import subprocess
import sys
from pathlib import Path

import pytest

import torch
from miditok_cpp.pytorch_data import DataCollator

ROOT = Path(__file__).resolve().parents[2]


def _rand_batch(
    rng: torch.Generator, n: int, z: int | None, labels: str | None, dec: bool
) -> list[dict]:
    batch = []
    for _ in range(n):
        length = int(torch.randint(1, 12, (1,), generator=rng))
        shape = (length,) if z is None else (length, z)
        sample = {"input_ids": torch.randint(1, 50, shape, generator=rng)}
        if dec:
            d_len = int(torch.randint(1, 9, (1,), generator=rng))
            d_shape = (d_len,) if z is None else (d_len, z)
            sample["decoder_input_ids"] = torch.randint(1, 50, d_shape, generator=rng)
        if labels == "seq":
            sample["labels"] = torch.randint(0, 50, (length,), generator=rng)
        elif labels == "cls":
            sample["labels"] = torch.tensor([int(torch.randint(0, 9, (1,), generator=rng))])
        batch.append(sample)
    return batch


def _assert_same(ours: dict, ref: dict, what: str) -> None:
    assert ours.keys() == ref.keys(), f"{what}: keys {sorted(ours)} != {sorted(ref)}"
    for key in ref:
        assert ours[key].dtype == ref[key].dtype, f"{what}: {key} dtype"
        assert torch.equal(ours[key], ref[key]), (
            f"{what}: {key} differs\nours {ours[key].tolist()}\nref  {ref[key].tolist()}"
        )


@pytest.mark.parametrize(
    ("pad_on_left", "copy", "shift", "z", "labels", "dec"),
    [
        (left, copy, shift, z, labels, dec)
        for left, copy, shift, z, labels, dec in itertools.product(
            (False, True),
            (False, True),
            (False, True),
            (None, 3),
            (None, "seq", "cls"),
            (False, True),
        )
        # MidiTok crashes when shifting without labels; "cls" labels shift to empty (N, 0)
        if not (shift and labels is None and not copy)
    ],
)
def test_same_batches_as_miditok(miditok_ref, pad_on_left, copy, shift, z, labels, dec):
    from miditok.pytorch_data import DataCollator as RefCollator

    kwargs = {
        "pad_token_id": 0,
        "pad_on_left": pad_on_left,
        "copy_inputs_as_labels": copy,
        "shift_labels": shift,
        "labels_pad_idx": -100,
    }
    rng = torch.Generator().manual_seed(7)
    for n in (1, 2, 5):
        batch = _rand_batch(rng, n, z, labels, dec)
        same_len = [{k: v[:3] for k, v in s.items()} for s in batch]
        for b in (batch, same_len):
            ref = RefCollator(**kwargs)([dict(s) for s in b])
            ours = DataCollator(**kwargs)([dict(s) for s in b])
            _assert_same(ours, ref, f"{kwargs} z={z} labels={labels} dec={dec} n={n}")


def test_custom_key_names_and_pad_ids(miditok_ref):
    from miditok.pytorch_data import DataCollator as RefCollator

    kwargs = {
        "pad_token_id": 5,
        "labels_pad_idx": -1,
        "inputs_kwarg_name": "x",
        "labels_kwarg_name": "y",
        "decoder_inputs_kwarg_name": "xd",
        "copy_inputs_as_labels": True,
    }
    batch = [
        {"x": torch.tensor([1, 2, 3]), "xd": torch.tensor([9, 8])},
        {"x": torch.tensor([4]), "xd": torch.tensor([7, 6, 5, 4])},
    ]
    ours = DataCollator(**kwargs)(batch)
    _assert_same(ours, RefCollator(**kwargs)(batch), str(kwargs))
    assert ours["y"].tolist() == [[9, 8, -1, -1], [7, 6, 5, 4]]
    assert ours["attention_mask"].tolist() == [[1, 1, 1], [1, 0, 0]]


def test_none_items_dropped_consistently():
    collator = DataCollator(pad_token_id=0)
    batch = [
        {"input_ids": torch.tensor([1, 2]), "labels": torch.tensor([3])},
        {"input_ids": None, "labels": None},
        {"input_ids": torch.tensor([4, 5, 6]), "labels": None},  # label missing: dropped too
        {"input_ids": torch.tensor([7]), "labels": torch.tensor([8])},
    ]
    out = collator(batch)
    # MidiTok filters per key: 3 inputs but 2 labels, misaligned
    assert out["input_ids"].tolist() == [[1, 2], [7, 0]]
    assert out["labels"].tolist() == [[3], [8]]
    assert out["attention_mask"].tolist() == [[1, 1], [1, 0]]


def test_miditok_misaligns_none_labels(miditok_ref):
    """The MidiTok bug the consistent drop fixes (inventory #7)."""
    from miditok.pytorch_data import DataCollator as RefCollator

    batch = [
        {"input_ids": torch.tensor([1, 2]), "labels": torch.tensor([3])},
        {"input_ids": torch.tensor([4, 5, 6]), "labels": None},
        {"input_ids": torch.tensor([7]), "labels": torch.tensor([8])},
    ]
    ref = RefCollator(pad_token_id=0)(batch)
    assert ref["input_ids"].shape[0] != ref["labels"].shape[0]
    ours = DataCollator(pad_token_id=0)(batch)
    assert ours["input_ids"].shape[0] == ours["labels"].shape[0] == 2


def test_all_none_batch(miditok_ref):
    from miditok.pytorch_data import DataCollator as RefCollator

    batch = [{"input_ids": None, "labels": None}, {"input_ids": None, "labels": None}]
    with pytest.raises(IndexError):
        RefCollator(pad_token_id=0, copy_inputs_as_labels=True)(batch)
    out = DataCollator(pad_token_id=0, copy_inputs_as_labels=True, shift_labels=True)(batch)
    assert set(out) == {"input_ids", "labels", "attention_mask"}
    assert all(t.shape[0] == 0 for t in out.values())


def test_empty_sequences_dropped():
    out = DataCollator(pad_token_id=0)(
        [{"input_ids": torch.tensor([], dtype=torch.long)}, {"input_ids": torch.tensor([3, 4])}]
    )
    assert out["input_ids"].tolist() == [[3, 4]]


def test_scalar_and_int_labels_stacked():
    collator = DataCollator(pad_token_id=0)
    out = collator(
        [
            {"input_ids": torch.tensor([1, 2]), "labels": torch.tensor(3)},
            {"input_ids": torch.tensor([4]), "labels": 5},
        ]
    )
    assert out["labels"].tolist() == [3, 5]
    with pytest.warns(UserWarning, match="not shifted"):
        out = DataCollator(pad_token_id=0, shift_labels=True)(
            [{"input_ids": torch.tensor([1, 2]), "labels": torch.tensor(3)}]
        )
    assert out["input_ids"].tolist() == [[1]]
    assert out["labels"].tolist() == [3]


def test_lists_accepted():
    out = DataCollator(pad_token_id=0, pad_on_left=True)(
        [{"input_ids": [1, 2, 3]}, {"input_ids": [4]}]
    )
    assert out["input_ids"].tolist() == [[1, 2, 3], [0, 0, 4]]
    assert out["attention_mask"].tolist() == [[1, 1, 1], [0, 0, 1]]


def test_import_miditok_cpp_does_not_import_torch():
    code = "import sys, miditok_cpp, miditok_cpp.utils; assert 'torch' not in sys.modules"
    env = {"PYTHONPATH": str(ROOT / "python")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def test_pytorch_data_without_torch_says_how_to_install():
    code = (
        "import sys\n"
        "sys.modules['torch'] = None\n"
        "try:\n"
        "    import miditok_cpp.pytorch_data\n"
        "except ImportError as e:\n"
        "    assert 'pip install miditok-cpp[torch]' in str(e), e\n"
        "else:\n"
        "    raise SystemExit('no ImportError')\n"
    )
    env = {"PYTHONPATH": str(ROOT / "python")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
