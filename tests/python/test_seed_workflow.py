"""The seed workflow of the project's brief, as a user writes it with MidiTok, with only
`miditok` renamed `miditok_cpp` (push_to_hub aside: it needs a network; test_hub.py covers it
offline). Runs on the shared corpus, whose corrupted file must be skipped, not fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

torch = pytest.importorskip("torch")

from torch.utils.data import DataLoader  # noqa: E402

from miditok_cpp import REMI, TokenizerConfig  # noqa: E402
from miditok_cpp.pytorch_data import (  # noqa: E402
    DataCollator,
    DatasetMIDI,
    split_files_for_training,
)


def test_seed_workflow_end_to_end(corpus, tmp_path):
    midi_paths = sorted(corpus.glob("*/*.mid"))
    chunks_dir = tmp_path / "chunks"

    tokenizer = REMI(TokenizerConfig(num_velocities=16, use_chords=True, use_programs=True))
    with pytest.warns(UserWarning, match="skipped"):  # the corrupted corpus file
        tokenizer.train(vocab_size=30000, files_paths=midi_paths)  # BPE
    assert tokenizer.is_trained and len(tokenizer) > len(tokenizer.vocab)
    tokenizer.save_params(Path(tmp_path / "tokenizer.json"))  # MidiTok's JSON schema
    assert REMI(params=tmp_path / "tokenizer.json") == tokenizer
    with pytest.warns(UserWarning):  # the corrupted corpus file is skipped and reported
        split_files_for_training(
            files_paths=midi_paths,
            tokenizer=tokenizer,
            save_dir=chunks_dir,
            max_seq_len=1024,
        )
    dataset = DatasetMIDI(
        files_paths=list(chunks_dir.glob("**/*.mid")),
        tokenizer=tokenizer,
        max_seq_len=1024,
        bos_token_id=tokenizer["BOS_None"],
        eos_token_id=tokenizer["EOS_None"],
    )
    collator = DataCollator(tokenizer.pad_token_id, copy_inputs_as_labels=True)
    batches = 0
    for batch in DataLoader(dataset, batch_size=64, collate_fn=collator):
        batches += 1
        assert batch["input_ids"].shape == batch["labels"].shape == batch["attention_mask"].shape
        assert batch["input_ids"].shape[1] <= 1024
        assert int(batch["input_ids"].max()) < len(tokenizer)  # ids of the trained vocabulary
    assert batches == -(-len(dataset) // 64) and len(dataset) > len(midi_paths)
