"""read_corpus reads every input path on its own: a bad path costs only itself."""
from __future__ import annotations

import shutil
from pathlib import Path

from kg.ingest import read_corpus

from tests.conftest import SEEDS_DIR


def good_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "good"
    folder.mkdir()
    for name in ("000_afc1ce9a15f3338a.txt", "004_83cb5c45fc37a50c.txt"):
        shutil.copy(SEEDS_DIR / name, folder / name)
    return folder


def test_missing_folder_beside_a_good_folder_is_one_error_and_the_good_articles_are_read(tmp_path: Path):
    missing = tmp_path / "typo"
    articles, errors, duplicates = read_corpus([missing, good_folder(tmp_path)])
    assert sorted(a.source for a in articles) == ["000_afc1ce9a15f3338a.txt", "004_83cb5c45fc37a50c.txt"]
    assert [str(e) for e in errors] == [f"{missing}: no such file or folder"]
    assert errors[0].path == missing
    assert duplicates == []


def test_empty_folder_beside_a_good_folder_is_one_error_and_the_good_articles_are_read(tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("not an article")
    articles, errors, _ = read_corpus([good_folder(tmp_path), empty])
    assert len(articles) == 2
    assert len(errors) == 1 and errors[0].path == empty and "no article files" in str(errors[0])


def test_bad_files_in_a_folder_are_errors_and_the_others_are_read(tmp_path: Path):
    folder = good_folder(tmp_path)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "notes.docx").write_bytes(b"The minister met the envoy.")
    articles, errors, _ = read_corpus([folder])
    assert len(articles) == 2
    assert sorted(e.path.name for e in errors) == ["empty.txt", "notes.docx"]


def test_same_text_under_two_names_is_read_once_and_reported(tmp_path: Path):
    folder = good_folder(tmp_path)
    shutil.copy(folder / "000_afc1ce9a15f3338a.txt", folder / "copy.txt")
    articles, errors, duplicates = read_corpus([folder])
    assert (len(articles), errors) == (2, [])
    assert duplicates == [("copy.txt", "000_afc1ce9a15f3338a.txt")]


def test_a_file_given_twice_is_read_once_without_a_duplicate(tmp_path: Path):
    folder = good_folder(tmp_path)
    articles, errors, duplicates = read_corpus([folder, folder / "000_afc1ce9a15f3338a.txt"])
    assert (len(articles), errors, duplicates) == (2, [], [])


def test_paths_may_be_strings(tmp_path: Path):
    articles, errors, _ = read_corpus([str(good_folder(tmp_path))])  # type: ignore[list-item]
    assert (len(articles), errors) == (2, [])
