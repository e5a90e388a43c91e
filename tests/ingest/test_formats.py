"""Each input format, from files made the way a user makes them: header-layout text, JSON Lines, JSON, UTF-16."""
from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from kg.errors import InputError, InputLineError
from kg.ingest import read_article, read_corpus, read_file

REAL_12 = Path("/work/shared/corpus/real-12/articles")
needs_real_12 = pytest.mark.skipif(not REAL_12.is_dir(), reason="the real-12 corpus is not on this machine")

BODY = (
    "Pakistan's Permanent Representative to the United Nations, Munir Akram, met Roza Otunbayeva on Thursday.\n\n"
    "They discussed humanitarian aid to Afghanistan, according to a statement issued by the mission."
)


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def record(n: int, **fields: object) -> str:
    base: dict[str, object] = {
        "url": f"https://example.org/news/{n}",
        "title": f"Envoy meets UN official {n}",
        "date_publish": "2024-05-30 12:00:00",
        "maintext": f"Story {n}. " + BODY,
    }
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not None}, ensure_ascii=False)


@needs_real_12
def test_header_layout_folder_gives_url_title_date_and_body_only(tmp_path: Path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("h01.txt", "h08.txt"):
        shutil.copy(REAL_12 / name, folder / name)
    articles, errors, duplicates = read_corpus([folder])
    assert (errors, duplicates) == ([], [])
    by_source = {a.source: a for a in articles}
    h01 = by_source["h01.txt"]
    assert h01.url == "https://afintl.com/en/202503069764"
    assert h01.title == "Pakistan’s UN Envoy Reaffirms Support For UNAMA Mission In Afghanistan"
    assert h01.date == dt.date(2025, 3, 6)
    assert h01.text.startswith("Pakistan’s Permanent Representative to the United Nations, Munir Akram")
    for header in ("source:", "title:", "date:", h01.title):
        assert header not in h01.text  # metadata, not the article's words: offsets point into the body
    assert by_source["h08.txt"].date is None  # "date: unknown"


def test_header_date_unknown_is_no_date(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(f"Source: https://example.org/a\ntitle: Envoy meets official\ndate: unknown\n\n{BODY}\n")
    article = read_article(path)
    assert (article.date, article.url, article.title) == (None, "https://example.org/a", "Envoy meets official")
    assert article.text == BODY


def test_header_with_invalid_date_is_refused_naming_the_file(tmp_path: Path):
    path = tmp_path / "bad.txt"
    path.write_text(f"source: https://example.org/a\ndate: 30/05/2024\n\n{BODY}\n")
    with pytest.raises(InputError, match=r"bad\.txt: header: invalid date '30/05/2024'"):
        read_article(path)


def test_long_unpunctuated_paragraph_is_prose_not_an_inserted_headline():
    from kg.ingest import parse_article

    wire = "Other groups put up agreed candidates: Angola, Nigeria and Senegal; Chile, Mexico and Peru; " * 3 + "ANI"
    raw = f"source: https://example.org\ntitle: Pakistan wins a seat\ndate: unknown\n\n{BODY}\n\n{wire}\n\n"
    article = parse_article(raw + "Somalia joins 10-nation group\n", "x.txt")
    assert article.text == f"{BODY}\n\n{wire}"


def test_jsonl_bad_line_is_one_error_naming_file_and_line_and_the_rest_are_read(tmp_path: Path):
    path = write_jsonl(tmp_path / "news.jsonl", [
        record(1),
        record(2, date_publish=None, date="2024-06-01T08:30:00+02:00", maintext=None, text=f"Story 2. {BODY}"),
        '{"url": "https://example.org/broken", "maintext": "unterminated',
        record(4, date_publish="2024-06-02"),
    ])
    articles, errors, duplicates = read_corpus([path])
    assert [a.source for a in articles] == ["news.jsonl:1", "news.jsonl:2", "news.jsonl:4"]
    assert [a.date for a in articles] == [dt.date(2024, 5, 30), dt.date(2024, 6, 1), dt.date(2024, 6, 2)]
    assert articles[0].url == "https://example.org/news/1"
    assert articles[0].title == "Envoy meets UN official 1"
    assert articles[0].text == "Story 1. " + BODY  # the title is metadata, not text
    assert len(errors) == 1 and isinstance(errors[0], InputLineError)
    assert str(errors[0]).startswith(f"{path}:3: invalid JSON")
    assert errors[0].line == 3
    assert duplicates == []


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (record(1, maintext=None), "no article text"),
        (record(1, maintext="   "), "no article text"),
        (record(1, date_publish="last Tuesday"), "invalid date"),
        ('["not", "an", "object"]', "not an object"),
    ],
)
def test_jsonl_line_without_usable_article_names_its_line(tmp_path: Path, line: str, reason: str):
    path = write_jsonl(tmp_path / "dump.jsonl", [record(0), line])
    articles, errors = read_file(path)
    assert [a.source for a in articles] == ["dump.jsonl:1"]
    assert [str(e).split(": ", 1)[0] for e in errors] == [f"{path}:2"]
    assert reason in str(errors[0])


def test_json_file_holding_one_pretty_printed_object_is_one_article(tmp_path: Path):
    path = tmp_path / "article.json"
    path.write_text(json.dumps(json.loads(record(7)), indent=2), encoding="utf-8")
    article = read_article(path)
    assert (article.source, article.date) == ("article.json", dt.date(2024, 5, 30))
    assert article.url == "https://example.org/news/7"


def test_json_with_one_object_per_line_is_json_lines(tmp_path: Path):
    path = write_jsonl(tmp_path / "export.json", [record(1), record(2)])
    articles, errors = read_file(path)
    assert ([a.source for a in articles], errors) == (["export.json:1", "export.json:2"], [])


def test_same_text_in_jsonl_and_txt_is_one_article(tmp_path: Path):
    write_jsonl(tmp_path / "a.jsonl", [record(1)])
    (tmp_path / "b.txt").write_text("Story 1. " + BODY)
    articles, errors, duplicates = read_corpus([tmp_path])
    assert (len(articles), errors, duplicates) == (1, [], [("b.txt", "a.jsonl:1")])


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8"])
def test_text_with_byte_order_mark_is_decoded(tmp_path: Path, encoding: str):
    bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-8": b"\xef\xbb\xbf"}[encoding]
    path = tmp_path / "windows.txt"
    path.write_bytes(bom + f" date 2024-05-30 Envoy meets official\r\n{BODY}\r\n".encode(encoding))
    article = read_article(path)
    assert article.date == dt.date(2024, 5, 30)
    assert article.title == "Envoy meets official"
    assert article.text == "Envoy meets official\n\n" + BODY


def test_utf16_jsonl_with_bom_is_read(tmp_path: Path):
    path = tmp_path / "news.jsonl"
    path.write_bytes(b"\xff\xfe" + f"{record(1)}\r\n{record(2)}\r\n".encode("utf-16-le"))
    articles, errors = read_file(path)
    assert ([a.source for a in articles], errors) == (["news.jsonl:1", "news.jsonl:2"], [])


def test_utf16_without_bom_is_binary_with_a_hint(tmp_path: Path):
    path = tmp_path / "nobom.txt"
    path.write_bytes(BODY.encode("utf-16-le"))
    with pytest.raises(InputError, match="binary file.*byte-order mark"):
        read_article(path)


def test_non_utf8_jsonl_line_is_one_error(tmp_path: Path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(f"{record(1)}\n".encode() + record(2).encode("latin-1").replace(b"Envoy", b"Envo\xff") + b"\n"
                     + f"{record(3)}\n".encode())
    articles, errors = read_file(path)
    assert [a.source for a in articles] == ["mixed.jsonl:1", "mixed.jsonl:3"]
    assert len(errors) == 1 and str(errors[0]).startswith(f"{path}:2: not UTF-8 text")


def test_binary_and_empty_jsonl_are_refused(tmp_path: Path):
    (tmp_path / "bin.jsonl").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "empty.jsonl").write_bytes(b"\n\n")
    (tmp_path / "empty.json").write_bytes(b"")
    cases = (("bin.jsonl", "binary file"), ("empty.jsonl", "file is empty"), ("empty.json", "file is empty"))
    for name, reason in cases:
        articles, errors = read_file(tmp_path / name)
        assert articles == [] and len(errors) == 1
        assert name in str(errors[0]) and reason in str(errors[0])
