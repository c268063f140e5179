"""The pictures: piano roll and dataset report PNGs, checked by their pixels (notes where they
should be, in their track's colour; bars in every panel), and the statistics behind the report
against a plain count over the tokens."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import matplotlib.colors
import matplotlib.image
import numpy as np
import pytest
from conftest import ROOT, corpus_files
from matplotlib import colormaps

import miditok_cpp
from miditok_cpp.plot import bar_ticks, dataset_stats, plot_dataset_report, plot_pianoroll
from miditok_cpp.plot.report import PANEL_COLOURS

TAB10 = np.array(colormaps["tab10"].colors)


def _score() -> miditok_cpp.Score:
    """Bar 1: track 0 plays C5; bar 3: track 1 plays C3 (4/4, 480 ticks per quarter)."""
    score = miditok_cpp.Score(480)
    score.time_signatures.append(miditok_cpp.TimeSignature(0, 4, 4))
    for program, (start, pitch) in enumerate([(0, 72), (3840, 48)]):
        track = miditok_cpp.Track()
        track.program = program * 33
        track.name = f"t{program}"
        for k in range(4):
            track.notes.append(miditok_cpp.Note(start + 480 * k, 480, pitch, 100))
        score.tracks.append(track)
    return score


def _rgb(image, picture, x, y):
    row, col = picture.pixel("roll", x, y)
    return image[row, col, :3]


def _pixels_of(image, box, colour, tol=0.02):
    left, top, right, bottom = (round(v) for v in box)
    region = image[top:bottom, left:right, :3]
    return int(np.all(np.abs(region - np.asarray(colour)[:3]) < tol, axis=-1).sum())


def test_bar_ticks_follow_the_time_signatures():
    score = miditok_cpp.Score(480)
    score.time_signatures.append(miditok_cpp.TimeSignature(1920, 3, 4))
    assert bar_ticks(score, 1920 + 1440 * 2 + 1).tolist() == [0, 1920, 3360, 4800]
    assert bar_ticks(miditok_cpp.Score(480), 0).tolist() == [0]


def test_pianoroll_png_has_the_notes_where_they_are(tmp_path):
    picture = plot_pianoroll(_score(), tmp_path / "roll.png")
    image = matplotlib.image.imread(picture.path)
    assert image.shape[:2] == (picture.height, picture.width) == (600, 1400)
    # Mid-note pixels carry the track colours; the same places in the other bars are white.
    first, second = _rgb(image, picture, 2, 72), _rgb(image, picture, 10, 48)
    np.testing.assert_allclose(first, TAB10[0], atol=0.01)
    np.testing.assert_allclose(second, TAB10[1], atol=0.01)
    assert np.abs(first - second).max() > 0.3
    np.testing.assert_allclose(_rgb(image, picture, 10, 72), 1.0)
    np.testing.assert_allclose(_rgb(image, picture, 2, 48), 1.0)
    np.testing.assert_allclose(_rgb(image, picture, 6, 60), 1.0)
    # The bar line at quarter 8 (bar 3) darkens the empty row at pitch 60.
    row, col = picture.pixel("roll", 8, 60)
    assert image[row, col - 1 : col + 2, :3].min() < 0.9
    # Each colour covers about its notes' area: 4 quarters by one pitch row.
    box = picture.boxes["roll"]
    xmin, xmax, ymin, ymax = picture.limits["roll"]
    area = 4 / (xmax - xmin) * (box[2] - box[0]) * (box[3] - box[1]) / (ymax - ymin)
    for colour in TAB10[:2]:
        assert 0.8 * area < _pixels_of(image, box, colour) < 1.2 * area


def test_pianoroll_of_a_decoded_token_sequence(tmp_path):
    tokenizer = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))
    tokens = tokenizer.encode(_score())
    picture = plot_pianoroll(tokens, tmp_path / "decoded.png", tokenizer=tokenizer)
    image = matplotlib.image.imread(picture.path)
    np.testing.assert_allclose(_rgb(image, picture, 2, 72), TAB10[0][:3], atol=0.01)
    np.testing.assert_allclose(_rgb(image, picture, 10, 48), TAB10[1][:3], atol=0.01)


@pytest.fixture(scope="module")
def files(corpus):
    return corpus_files("one_track")[:4] + corpus_files("multitrack")[:2]


@pytest.fixture(scope="module")
def trained(files):
    tokenizer = miditok_cpp.REMI(miditok_cpp.TokenizerConfig(use_programs=True))
    tokenizer.train(vocab_size=800, files_paths=files)
    return tokenizer


def test_stats_match_a_plain_count(files, trained):
    tokenizer = trained
    stats = dataset_stats(tokenizer, files=files)
    assert len(stats.lengths) == len(files) and not stats.errors
    types, notes, lengths, base_lengths = Counter(), [], [], []
    for path in files:
        seq = tokenizer.encode(path)
        lengths.append(len(seq.ids))
        tokenizer.decode_token_ids(seq)
        base_lengths.append(len(seq.tokens))
        kinds = [t.split("_")[0] for t in seq.tokens]
        types.update(kinds)
        notes.append(sum(k in ("Pitch", "PitchDrum") for k in kinds))
    assert stats.lengths.tolist() == lengths
    assert stats.base_lengths.tolist() == base_lengths
    assert stats.notes.tolist() == notes
    assert {n: c for n, c in zip(stats.type_names, stats.type_counts, strict=True) if c} == types
    learned = [len(k) for k in tokenizer.vocab_model if len(k) > 1]
    assert sorted(stats.learned_lengths.tolist()) == sorted(learned)
    # Token sequences give the same statistics as the files they come from.
    seqs = [tokenizer.encode(p) for p in files]
    again = dataset_stats(tokenizer, sequences=seqs)
    assert again.lengths.tolist() == lengths and again.notes.tolist() == notes


def test_stats_of_per_track_sequences(files):
    tokenizer = miditok_cpp.TSD()  # one sequence per track
    from_files = dataset_stats(tokenizer, files=files)
    from_seqs = dataset_stats(tokenizer, sequences=[tokenizer.encode(p) for p in files])
    for field in ("lengths", "base_lengths", "notes", "type_counts"):
        assert getattr(from_files, field).tolist() == getattr(from_seqs, field).tolist()
    lengths = [sum(len(t.ids) for t in tokenizer.encode(p)) for p in files]
    assert from_files.lengths.tolist() == lengths


def test_report_png_has_bars_in_every_panel(files, trained, tmp_path):
    picture = plot_dataset_report(trained, tmp_path / "report.png", files=files)
    image = matplotlib.image.imread(picture.path)
    assert image.shape[:2] == (picture.height, picture.width) == (900, 1400)
    rgb = {k: matplotlib.colors.to_rgb(v) for k, v in PANEL_COLOURS.items()}
    for panel in ("lengths", "tokens_per_note", "types", "learned"):
        assert _pixels_of(image, picture.boxes[panel], rgb[panel]) > 500, panel
    assert _pixels_of(image, picture.boxes["tokens_per_note"], rgb["base_tokens_per_note"]) > 500
    # Each colour stays in its own panel.
    assert _pixels_of(image, picture.boxes["learned"], rgb["lengths"]) == 0
    untrained = miditok_cpp.TSD()
    picture = plot_dataset_report(untrained, tmp_path / "untrained.png", files=files)
    image = matplotlib.image.imread(picture.path)
    assert _pixels_of(image, picture.boxes["learned"], rgb["learned"]) == 0
    assert _pixels_of(image, picture.boxes["types"], rgb["types"]) > 500


def test_missing_matplotlib_says_how_to_install(monkeypatch):
    from miditok_cpp.plot import _figure

    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"miditok-cpp\[plot\]"):
        _figure.pyplot()


def test_command_line(files, tmp_path, capsys):
    from miditok_cpp.plot.__main__ import main

    env = {**os.environ, "PYTHONPATH": str(ROOT / "python")}
    run = [sys.executable, "-m", "miditok_cpp.plot", "pianoroll", str(files[0]), "-o"]
    out = subprocess.run(
        [*run, str(tmp_path / "a.png")], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"{tmp_path / 'a.png'} (1400x600)"
    miditok_cpp.TSD().save(tmp_path)
    argv = ["report", *map(str, files), "--tokenizer", str(tmp_path / "tokenizer.json")]
    assert main([*argv, "-o", str(tmp_path / "r.png")]) == 0
    assert matplotlib.image.imread(tmp_path / "r.png").shape[:2] == (900, 1400)
    assert main(["pianoroll", str(tmp_path / "missing.mid"), "-o", str(tmp_path / "b.png")]) == 1
    assert "missing.mid" in capsys.readouterr().err
    assert not Path(tmp_path / "b.png").exists()


def test_importing_the_package_does_not_import_matplotlib():
    code = "import sys, miditok_cpp.plot; assert 'matplotlib' not in sys.modules"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "python")}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
