"""The main job: MidiTok's workflow end to end with ``miditok_cpp``, on a generated corpus.

Each step prints what it did; a step whose component is not built yet says so and the job goes on
with the steps that do not depend on it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class NotBuiltYet(Exception):
    """A step needs a component that has not landed yet."""


def step(title: str):
    def wrap(fn):
        def run(state: dict) -> None:
            start = time.perf_counter()
            try:
                message = fn(state)
            except NotBuiltYet as why:
                print(f"[not built yet] {title}: {why}")
                return
            print(f"[done {time.perf_counter() - start:6.2f}s] {title}: {message}")

        return run

    return wrap


def need(module, *names: str) -> None:
    missing = [n for n in names if not hasattr(module, n)]
    if missing:
        raise NotBuiltYet(f"{module.__name__} has no {', '.join(missing)}")


@step("generate a corpus")
def generate(state: dict) -> str:
    generator = ROOT / "scripts" / "generate_corpus.py"
    if not generator.exists():
        raise NotBuiltYet("scripts/generate_corpus.py (MIDI writer) is missing")
    out = state["out"] / "corpus"
    subprocess.run(
        [
            sys.executable,
            str(generator),
            "--out",
            str(out),
            "--num",
            str(state["num"]),
            "--seed",
            "0",
        ],
        check=True,
    )
    state["midi_paths"] = sorted(out.glob("**/*.mid"))
    return f"{len(state['midi_paths'])} MIDI files in {out}"


@step("create REMI(TokenizerConfig(num_velocities=16, use_chords=True, use_programs=True))")
def create(state: dict) -> str:
    import miditok_cpp

    need(miditok_cpp, "REMI", "TokenizerConfig")
    config = miditok_cpp.TokenizerConfig(num_velocities=16, use_chords=True, use_programs=True)
    state["tokenizer"] = miditok_cpp.REMI(config)
    return f"base vocabulary of {len(state['tokenizer'])} tokens"


@step("train BPE to 30,000 tokens")
def train(state: dict) -> str:
    tokenizer = state.get("tokenizer")
    if tokenizer is None or not hasattr(tokenizer, "train") or "midi_paths" not in state:
        raise NotBuiltYet("tokenizer.train (training issue)")
    tokenizer.train(vocab_size=30000, files_paths=state["midi_paths"])
    return f"vocabulary of {len(tokenizer)} tokens"


@step("save_params(tokenizer.json)")
def save(state: dict) -> str:
    tokenizer = state.get("tokenizer")
    if tokenizer is None or not hasattr(tokenizer, "save_params"):
        raise NotBuiltYet("save_params (REMI issue)")
    path = state["out"] / "tokenizer.json"
    tokenizer.save_params(path)
    return f"{path} ({path.stat().st_size:,} bytes)"


@step("pictures: a piano roll, a decoded token sequence's piano roll, a dataset report")
def pictures(state: dict) -> str:
    try:
        from miditok_cpp.plot import plot_dataset_report, plot_pianoroll
        from miditok_cpp.plot._figure import pyplot

        pyplot()
    except ImportError as error:
        raise NotBuiltYet(str(error)) from None
    if "tokenizer" not in state or "midi_paths" not in state:
        raise NotBuiltYet("needs the tokenizer and the corpus")
    tokenizer, first = state["tokenizer"], state["midi_paths"][0]
    out = state["out"] / "pictures"
    written = [
        plot_pianoroll(first, out / "pianoroll.png", title=f"Piano roll of {first.name}"),
        plot_pianoroll(
            tokenizer.encode(first),
            out / "pianoroll_decoded.png",
            tokenizer=tokenizer,
            title=f"Piano roll of {first.name} encoded and decoded by the trained tokenizer",
        ),
        plot_dataset_report(
            tokenizer,
            out / "report.png",
            files=state["midi_paths"],
            title=f"Dataset report: {len(state['midi_paths'])} generated files, REMI + BPE",
        ),
    ]
    return "showing its pictures:\n" + "\n".join(
        f"    {p.path} ({p.width}x{p.height})" for p in written
    )


@step("push_to_hub")
def push(state: dict) -> str:
    return "skipped: needs a network and a token (tested offline with save_pretrained)"


@step("split_files_for_training(max_seq_len=1024)")
def split(state: dict) -> str:
    try:
        from miditok_cpp.pytorch_data import split_files_for_training
    except ImportError as error:
        raise NotBuiltYet(str(error)) from None
    if "tokenizer" not in state or "midi_paths" not in state:
        raise NotBuiltYet("needs the tokenizer and the corpus")
    chunks_dir = state["out"] / "chunks"
    chunks = split_files_for_training(
        files_paths=state["midi_paths"],
        tokenizer=state["tokenizer"],
        save_dir=chunks_dir,
        max_seq_len=1024,
    )
    state["chunks"] = sorted(chunks_dir.glob("**/*.mid"))
    return f"{len(chunks)} chunk files in {chunks_dir}"


@step("DatasetMIDI + DataCollator + DataLoader(batch_size=64), one epoch")
def load(state: dict) -> str:
    try:
        from torch.utils.data import DataLoader

        from miditok_cpp.pytorch_data import DataCollator, DatasetMIDI
    except ImportError as error:
        raise NotBuiltYet(str(error)) from None
    if "chunks" not in state:
        raise NotBuiltYet("needs the split chunks")
    tokenizer = state["tokenizer"]
    dataset = DatasetMIDI(
        files_paths=state["chunks"],
        tokenizer=tokenizer,
        max_seq_len=1024,
        bos_token_id=tokenizer["BOS_None"],
        eos_token_id=tokenizer["EOS_None"],
    )
    collator = DataCollator(tokenizer.pad_token_id, copy_inputs_as_labels=True)
    batches = tokens = 0
    for batch in DataLoader(dataset, batch_size=64, collate_fn=collator):
        batches += 1
        tokens += int(batch["attention_mask"].sum())
    return f"{batches} batches, {tokens:,} tokens"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "demo_output")
    parser.add_argument("--num", type=int, default=200, help="number of generated files")
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    args.out.mkdir(parents=True)
    state = {"out": args.out, "num": args.num}
    print(f"miditok-cpp demo: the MidiTok workflow on {args.num} generated files in {args.out}")
    for run in (generate, create, train, save, pictures, push, split, load):
        run(state)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
