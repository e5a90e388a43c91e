"""Reading articles: date prefix, page noise, title, identity, and every kind of bad input."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import MAX_ARTICLE_BYTES, find_article_files, parse_article, read_article

from .conftest import SEEDS_DIR


def test_date_prefix_is_publication_date_and_not_text():
    article = read_article(SEEDS_DIR / "000_afc1ce9a15f3338a.txt")
    assert article.date == dt.date(2024, 5, 30)
    assert article.text.startswith("United Nations: In preparation")
    assert "date 2024" not in article.text


def test_article_without_prefix_has_no_date():
    assert read_article(SEEDS_DIR / "004_83cb5c45fc37a50c.txt").date is None


def test_ticker_byline_and_inserted_headline_are_dropped_but_title_kept():
    article = read_article(SEEDS_DIR / "002_33bf733fa1a55635.txt")
    assert article.title == "Pakistan, South Korea to co-host UN peacekeeping meeting in Islamabad: FO"
    assert article.text.startswith(article.title)
    for noise in ("AIRLINK", "▲", "BR Web Desk", "Published April", "countering terrorism within and from Afghanistan"):
        assert noise not in article.text
    assert "Jean-Pierre Lacroix, Under-Secretary-General for Peace Operations" in article.text


def test_navigation_noise_is_dropped():
    article = read_article(SEEDS_DIR / "001_a30e08b1d2274aad.txt")
    assert "Scroll to Top" not in article.text
    assert article.text.endswith("at the interior ministry.")


def test_identity_is_the_text_not_the_file_name(tmp_path: Path):
    original = SEEDS_DIR / "003_5658af3f2e5c4cbd.txt"
    copy = tmp_path / "renamed.txt"
    copy.write_text(original.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")
    assert read_article(copy).key == read_article(original).key
    assert read_article(copy).source == "renamed.txt"


def test_headline_inside_body_is_noise_but_prose_is_kept():
    article = parse_article("Ministers met in Geneva.\nSome Other Story Headline Here\nThey signed a deal.", "x.txt")
    assert article.title is None
    assert article.text == "Ministers met in Geneva.\n\nThey signed a deal."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"  \n\n ", "file is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        ("latin1.txt", "Le président a déclaré.".encode("latin-1"), "not UTF-8"),
        ("page.txt", b"<!DOCTYPE html><html><body><p>Hi.</p></body></html>", "looks like HTML"),
        ("notes.docx", b"The minister met the envoy.", "unknown file type"),
        ("noise.txt", b"Scroll to Top\nAIRLINK 1.0 Increased By \xe2\x96\xb2 1 (1%)\n", "no article text"),
        ("baddate.txt", b" date 2024-13-45 The minister spoke.", "invalid date prefix"),
    ],
)
def test_bad_input_is_refused_with_the_file_named(tmp_path: Path, name: str, content: bytes, reason: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert name in str(caught.value)
    assert reason in str(caught.value)


def test_huge_file_is_refused(tmp_path: Path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"The envoy spoke. " * (MAX_ARTICLE_BYTES // 17 + 1))
    with pytest.raises(InputError, match="over the"):
        read_article(path)


def test_folder_without_articles_is_an_error(tmp_path: Path):
    (tmp_path / "readme.md").write_text("not an article")
    with pytest.raises(InputError, match="no article files"):
        list(find_article_files([tmp_path]))


def test_missing_path_is_an_error(tmp_path: Path):
    with pytest.raises(InputError, match="no such file"):
        list(find_article_files([tmp_path / "nowhere"]))
