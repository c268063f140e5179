"""DatasetMIDI: the same items as MidiTok's in both modes, chunk BOS/EOS, labels, bad files,
pickling and DataLoader workers under fork and spawn."""

from __future__ import annotations

import pickle
import warnings
from pathlib import Path

import numpy as np
import pytest
from conftest import corpus_files
from torch.utils.data import DataLoader

import miditok_cpp
import torch
from miditok_cpp.pytorch_data import DataCollator, DatasetMIDI, split_files_for_training

CFG = {"use_programs": True, "use_time_signatures": True}


def _good_files():
    return corpus_files("one_track") + corpus_files("multitrack")


def _tokenizers(miditok_ref, **cfg):
    return (
        miditok_cpp.REMI(miditok_cpp.TokenizerConfig(**cfg)),
        miditok_ref.REMI(miditok_ref.TokenizerConfig(**cfg)),
    )


def _items(dataset) -> list:
    return [dataset[i] for i in range(len(dataset))]


def _assert_same_items(ours: list, ref: list, what: str) -> None:
    assert len(ours) == len(ref), f"{what}: {len(ours)} items vs {len(ref)}"
    for i, (a, b) in enumerate(zip(ours, ref, strict=True)):
        assert a.keys() == b.keys(), f"{what} item {i}"
        for key in b:
            if b[key] is None:
                assert a[key] is None, f"{what} item {i} {key}"
                continue
            x, y = a[key].tolist(), b[key].tolist()
            if x != y:
                j = next((k for k, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), None)
                pytest.fail(
                    f"{what} item {i} {key}: lengths {len(x)} vs {len(y)}, first diff at {j}"
                )


@pytest.mark.parametrize("pre_tokenize", [False, True])
@pytest.mark.parametrize(
    ("max_seq_len", "bos", "eos"), [(300, 1, 2), (100000, 1, 2), (64, None, None)]
)
def test_same_items_as_miditok(corpus, miditok_ref, pre_tokenize, max_seq_len, bos, eos):
    from miditok.pytorch_data import DatasetMIDI as RefDatasetMIDI

    ours_tok, ref_tok = _tokenizers(miditok_ref, **CFG)
    files = _good_files()
    kwargs = {"bos_token_id": bos, "eos_token_id": eos, "pre_tokenize": pre_tokenize}
    ours = DatasetMIDI(files, ours_tok, max_seq_len, **kwargs)
    # MidiTok's parallel pre-tokenization loses every sample (inventory #2): one worker here
    ref = RefDatasetMIDI(files, ref_tok, max_seq_len, parallel_workers_size=1, **kwargs)
    _assert_same_items(_items(ours), _items(ref), f"pre_tokenize={pre_tokenize} max={max_seq_len}")


def test_multi_stream_items(corpus, miditok_ref):
    """Multi-stream: on the fly the first track only, pre-tokenized every track."""
    from miditok.pytorch_data import DatasetMIDI as RefDatasetMIDI

    ours_tok, ref_tok = _tokenizers(miditok_ref, use_programs=False)
    files = corpus_files("multitrack")[:5]
    for pre in (False, True):
        ours = DatasetMIDI(files, ours_tok, 200, bos_token_id=1, eos_token_id=2, pre_tokenize=pre)
        ref = RefDatasetMIDI(
            files, ref_tok, 200, bos_token_id=1, eos_token_id=2, pre_tokenize=pre,
            parallel_workers_size=1,
        )  # fmt: skip
        _assert_same_items(_items(ours), _items(ref), f"multi-stream pre_tokenize={pre}")
    assert len(ours) > len(files)


def test_parallel_pre_tokenize_keeps_every_sample(corpus, miditok_ref):
    """Threads, more workers than files: every sample, as MidiTok 3.1.0's process pool."""
    from miditok.pytorch_data import DatasetMIDI as RefDatasetMIDI

    ours_tok, ref_tok = _tokenizers(miditok_ref, **CFG)
    files = _good_files()[:6]
    ref = RefDatasetMIDI(files, ref_tok, 100, pre_tokenize=True, parallel_workers_size=2)
    ours = DatasetMIDI(files, ours_tok, 100, pre_tokenize=True, parallel_workers_size=8)
    assert len(ours) == len(ref) == len(files)
    _assert_same_items(_items(ours), _items(ref), "parallel pre_tokenize")


def test_chunk_files_bos_eos(tmp_path, corpus, miditok_ref):
    """BOS only on each file's first chunk, EOS only on its last, as MidiTok; same items."""
    from miditok.pytorch_data import DatasetMIDI as RefDatasetMIDI

    ours_tok, ref_tok = _tokenizers(miditok_ref, **CFG)
    chunks = split_files_for_training(
        corpus_files("one_track")[:4], ours_tok, tmp_path, 256, average_num_tokens_per_note=2.0
    )
    assert len(chunks) > 8
    for pre in (False, True):
        ours = DatasetMIDI(
            chunks, ours_tok, 100000, bos_token_id=1, eos_token_id=2, pre_tokenize=pre
        )
        ref = RefDatasetMIDI(
            chunks, ref_tok, 100000, bos_token_id=1, eos_token_id=2, pre_tokenize=pre,
            parallel_workers_size=1,
        )  # fmt: skip
        items = _items(ours)
        _assert_same_items(items, _items(ref), f"chunks pre_tokenize={pre}")
    for path, item in zip(chunks, items, strict=True):
        i = int(path.stem.rsplit("_", 1)[1])
        ids = item["input_ids"].tolist()
        assert (ids[0] == 1) == (i == 0), path.name
    assert sum(item["input_ids"].tolist()[-1] == 2 for item in items) == 4


def test_labels_both_modes(corpus, miditok_ref):
    ours_tok, _ = _tokenizers(miditok_ref, **CFG)
    files = _good_files()[:4]
    calls = []

    def label(score, tokseq, path):
        calls.append(Path(path))
        return len(path.name) % 5

    for pre in (False, True):
        ds = DatasetMIDI(files, ours_tok, 64, pre_tokenize=pre, func_to_get_labels=label,
                         sample_key_name="x", labels_key_name="y")  # fmt: skip
        item = ds[1]
        assert set(item) == {"x", "y"}
        # an int label is a 1-element LongTensor in both modes (MidiTok: torch.LongTensor(n))
        assert item["y"].tolist() == [len(files[1].name) % 5]
        batch = DataCollator(0, inputs_kwarg_name="x", labels_kwarg_name="y")(_items(ds))
        assert batch["y"].shape == (4, 1)
    assert set(calls) == set(files)


def test_unreadable_file_on_the_fly_and_pre_tokenized(corpus, miditok_ref):
    ours_tok, _ = _tokenizers(miditok_ref, **CFG)
    bad = corpus_files("corrupted")
    files = [*_good_files()[:3], *bad]
    ds = DatasetMIDI(files, ours_tok, 64)
    with pytest.warns(UserWarning, match="could not load") as record:
        assert ds[3] == {"input_ids": None}
    assert len(record) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert ds[3] == {"input_ids": None}  # warned once per file
    batch = DataCollator(0)([ds[i] for i in range(len(ds))])
    assert batch["input_ids"].shape[0] == 3
    with pytest.warns(UserWarning, match="1 unreadable file"):
        pre = DatasetMIDI(files, ours_tok, 64, pre_tokenize=True)
    assert len(pre) == 3
    assert pre.skipped_files == bad


def test_samples_stored_bit_packed(corpus, miditok_ref):
    ours_tok, _ = _tokenizers(miditok_ref, **CFG)
    ds = DatasetMIDI(_good_files(), ours_tok, 512, pre_tokenize=True)
    samples = ds.samples
    largest = max(int(s.max()) for s in samples if len(s))
    # The fewest bits holding every id, one flat buffer: under 1/6 of int64 tensors' bytes
    assert ds._samples.bits == largest.bit_length() <= (len(ours_tok) - 1).bit_length()
    assert ds._samples.num_ids == sum(len(s) for s in samples)
    assert ds._samples.nbytes * 6 < ds._samples.num_ids * 8
    assert ds[0]["input_ids"].dtype == torch.long
    assert torch.equal(ds[-1]["input_ids"], samples[-1])
    with pytest.raises(IndexError):
        ds[len(ds)]
    assert str(ds) == f"Pre-tokenized dataset with {len(ds)} samples"


def test_packed_samples_round_trip():
    from miditok_cpp._core import PackedSamples

    rng = np.random.default_rng(0)
    seqs = [rng.integers(-3, 70000, size=n) for n in (0, 1, 5, 1000, 63, 64, 65)]
    packed = PackedSamples()
    for s in seqs:
        packed.append(s)
    packed.append(np.array([1, 2], dtype=np.int32))
    seqs.append(np.array([1, 2]))
    assert packed.bits == (70000 + 3 - 1).bit_length()
    clone = pickle.loads(pickle.dumps(packed))
    for i, s in enumerate(seqs):
        assert packed[i].dtype == np.int64
        assert np.array_equal(packed[i], s) and np.array_equal(clone[i], s)
    multi = PackedSamples(3)
    rows = rng.integers(0, 500, size=(10, 3))
    multi.append(rows)
    multi.append(np.zeros((0, 3), dtype=np.int64))
    assert np.array_equal(multi[0], rows) and multi[1].shape == (0, 3)
    with pytest.raises(ValueError, match="do not fit 3"):
        multi.append(np.zeros((2, 2), dtype=np.int64))
    with pytest.raises(ValueError, match="int32 or int64"):
        packed.append(np.zeros(2, dtype=np.float32))


@pytest.mark.parametrize("pre_tokenize", [False, True])
def test_pickle_round_trip(corpus, miditok_ref, pre_tokenize):
    ours_tok, _ = _tokenizers(miditok_ref, **CFG)
    ds = DatasetMIDI(_good_files()[:5], ours_tok, 128, bos_token_id=1, pre_tokenize=pre_tokenize)
    clone = pickle.loads(pickle.dumps(ds))
    assert len(clone) == len(ds)
    for a, b in zip(_items(ds), _items(clone), strict=True):
        assert torch.equal(a["input_ids"], b["input_ids"])


@pytest.mark.parametrize("context", ["fork", "spawn"])
@pytest.mark.parametrize("pre_tokenize", [False, True])
def test_dataloader_workers(corpus, miditok_ref, context, pre_tokenize):
    ours_tok, _ = _tokenizers(miditok_ref, **CFG)
    files = [*_good_files(), *corpus_files("corrupted")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = DatasetMIDI(
            files, ours_tok, 256, bos_token_id=1, eos_token_id=2, pre_tokenize=pre_tokenize
        )
    collator = DataCollator(ours_tok.pad_token_id, copy_inputs_as_labels=True)
    loader = DataLoader(
        ds, batch_size=4, num_workers=2, collate_fn=collator, multiprocessing_context=context
    )
    seen = [row for batch in loader for row in batch["input_ids"]]
    expected = [
        it["input_ids"] for it in (ds[i] for i in range(len(ds))) if it["input_ids"] is not None
    ]
    assert len(seen) == len(expected) == len(_good_files())
    for a, b in zip(seen, expected, strict=True):
        assert torch.equal(a[: len(b)], b)
