"""Tests of eventwire.ingest: one per input format behaviour and per kind of bad input.

All fixtures are invented for these tests (fictional places and people).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from eventwire.ingest import RecordError, read_inputs
from eventwire.schema import Article, default_id

BINARY_MESSAGE = "binary file, not a supported input (supported: .txt .jsonl .json .csv .html .htm)"

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ministers agree on river water deal | Harbor Tribune</title>
<meta property="og:site_name" content="Harbor Tribune">
<meta property="og:title" content="Ministers agree on river water deal">
<meta property="og:url" content="https://harbortribune.example/world/river-deal">
<meta name="author" content="Mara Velasquez">
<meta property="article:published_time" content="2023-10-12T14:03:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>Ministers agree on river water deal</h1>
<p>The water ministers of Eldoria and Varnistan signed an agreement on Thursday to share the flow
of the Karsa river during the dry season, ending a dispute that had lasted three years.</p>
<p>"This is a good day for farmers on both banks," Eldorian minister Tomas Reyk told reporters
after the signing ceremony in the border town of Lesh.</p>
<p>Under the deal, a joint commission will measure the river at four stations and publish the
figures every week.</p>
</article>
<footer><p>&copy; 2023 Harbor Tribune. All rights reserved.</p></footer>
</body></html>
"""

PAGES_WITHOUT_ARTICLE = {
    "menu and footer": """<!DOCTYPE html>
<html><head><title>Harbor Tribune</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/about">About us</a></li></ul></nav>
<footer><p>&copy; 2023 Harbor Tribune. All rights reserved.</p></footer>
</body></html>
""",
    "inline menu": "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
                   "<footer>(c) Example</footer></body></html>",
    "menu, most-read box and footer": """<html><head><title>Lesh Daily</title></head><body>
<header><div class="menu"><a href="/">Home</a> | <a href="/politics">Politics</a> | <a href="/economy">Economy</a></div>
</header><div id="sidebar"><h3>Most read</h3><ul><li><a href="/a">Floods close border crossing near Lesh</a></li>
<li><a href="/b">Port strike ends after nine days</a></li></ul></div>
<footer><p>Lesh Daily, 4 Harbour Road, Lesh. Contact: desk@leshdaily.example for corrections</p></footer>
</body></html>""",
    "section front of teasers": """<html><head><title>World news | Harbor Tribune</title></head><body>
<nav><a href="/">Home</a><a href="/world">World</a></nav><main><h1>World</h1>
<div class="teaser"><h2><a href="/world/1">Ministers agree on river water deal</a></h2>
<p>The water ministers of Eldoria and Varnistan signed an agreement on Thursday.</p></div>
<div class="teaser"><h2><a href="/world/2">Port strike ends after nine days</a></h2>
<p>Dockers in Port Amsel returned to work on Monday after a pay deal.</p></div>
<div class="teaser"><h2><a href="/world/3">Floods close border crossing</a></h2>
<p>Heavy rain closed the Lesh crossing, officials said.</p></div></main></body></html>""",
}


def read(*inputs: Path | str, **kwargs) -> list[Article | RecordError]:
    return list(read_inputs([str(i) for i in inputs], **kwargs))


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


def only(items: list[Article | RecordError]) -> Article | RecordError:
    assert len(items) == 1, items
    return items[0]


# --- .txt ---------------------------------------------------------------------------------

def test_txt_first_line_is_title_rest_is_text(tmp_path):
    path = write(tmp_path / "story.txt",
                 "\n\nFloods close border crossing\n\n\nHeavy rain closed the Lesh crossing on Monday.\n\n"
                 "Traffic was diverted north.\n\n\n")
    article = only(read(path))
    assert isinstance(article, Article)
    assert article.title == "Floods close border crossing"
    assert article.text == "Heavy rain closed the Lesh crossing on Monday.\n\nTraffic was diverted north."
    assert article.origin == str(path)
    assert article.id == default_id(article.text)
    assert article.published is None and article.warnings == []


def test_txt_crlf_cr_and_bom_are_normalized(tmp_path):
    path = write(tmp_path / "story.txt",
                 b"\xef\xbb\xbfPort strike ends\r\n\r\nDockers returned to work.\rCranes moved again.\r\n")
    article = only(read(path))
    assert article.title == "Port strike ends"
    assert article.text == "Dockers returned to work.\nCranes moved again."


def test_txt_repeated_lede_is_dropped_once(tmp_path):
    lede = "Eldoria and Varnistan agreed on Thursday to share the Karsa river."
    path = write(tmp_path / "lede.txt",
                 f"River deal signed\n\n{lede}\n\nLESH, Eldoria - {lede} The deal ends a three-year dispute.\n\n"
                 "Farmers welcomed it.\n")
    article = only(read(path))
    assert article.title == "River deal signed"
    assert article.text == (f"LESH, Eldoria - {lede} The deal ends a three-year dispute.\n\n"
                            "Farmers welcomed it.")
    assert article.text.count(lede) == 1


def test_txt_lede_that_is_not_repeated_is_kept(tmp_path):
    path = write(tmp_path / "plain.txt",
                 "River deal signed\nThe deal was signed in Lesh.\nFarmers welcomed it.\n")
    assert only(read(path)).text == "The deal was signed in Lesh.\nFarmers welcomed it."


def test_txt_single_line_is_text_without_title(tmp_path):
    path = write(tmp_path / "one.txt", "  Rebels shelled the airport of Port Amsel on Sunday.  \n")
    article = only(read(path))
    assert article.title is None
    assert article.text == "Rebels shelled the airport of Port Amsel on Sunday."


def test_txt_invalid_utf8_names_first_bad_byte(tmp_path):
    path = write(tmp_path / "latin1.txt", "Caf\u00e9 reopens\nThe caf\u00e9 in Lesh reopened.\n".encode("latin-1"))
    assert only(read(path)) == RecordError(str(path), "not valid UTF-8 (byte 0xe9 at offset 3)")


def test_txt_big_text_is_not_rejected(tmp_path):
    body = "Talks continued in Lesh. " * 40_000
    path = write(tmp_path / "big.txt", "Long talks\n" + body)
    assert only(read(path)).text == body.strip()


# --- empty and binary files -----------------------------------------------------------------

@pytest.mark.parametrize("name", ["empty.txt", "empty.jsonl", "empty.json", "empty.csv", "empty.html", "empty"])
@pytest.mark.parametrize("content", [b"", b"  \n\n\t \r\n"])
def test_empty_file(tmp_path, name, content):
    path = write(tmp_path / name, content)
    assert only(read(path)) == RecordError(str(path), "empty file")


@pytest.mark.parametrize("name", ["photo.txt", "photo.jsonl", "photo.json", "photo.csv", "photo.html"])
def test_known_extension_with_nul_bytes_is_binary(tmp_path, name):
    path = write(tmp_path / name, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01")
    assert only(read(path)) == RecordError(str(path), BINARY_MESSAGE)


# --- unknown extensions ---------------------------------------------------------------------

def test_unknown_extension_with_text_is_an_article(tmp_path):
    path = write(tmp_path / "notes.xyz", "Ceasefire holds\nThe ceasefire in Varnistan held overnight.\n")
    article = only(read(path))
    assert (article.title, article.text) == ("Ceasefire holds", "The ceasefire in Varnistan held overnight.")
    assert article.origin == str(path)


def test_unknown_extension_binary_is_an_error(tmp_path):
    path = write(tmp_path / "archive", b"PK\x03\x04\x14\x00\x00\x00\x08\x00")
    assert only(read(path)) == RecordError(str(path), BINARY_MESSAGE)


def test_unknown_extension_json_lines_are_sniffed(tmp_path):
    path = write(tmp_path / "dump.data", jsonl({"id": "a", "text": "First."}, {"id": "b", "text": "Second."}))
    items = read(path)
    assert [(a.id, a.text, a.origin) for a in items] == [("a", "First.", f"{path}:1"), ("b", "Second.", f"{path}:2")]


def test_unknown_extension_html_is_sniffed(tmp_path):
    path = write(tmp_path / "page.download", NEWS_PAGE)
    article = only(read(path))
    assert article.title == "Ministers agree on river water deal"
    assert article.text.startswith("The water ministers of Eldoria and Varnistan")


# --- .jsonl / .json --------------------------------------------------------------------------

def test_jsonl_records_fields_and_ids(tmp_path):
    path = write(tmp_path / "batch.jsonl",
                 jsonl({"id": 17, "title": "  Talks\n resume ", "text": "Envoys met in Lesh.\r\nThey talked.",
                        "published": "2023-10-12", "url": "https://example.org/a", "source": "Wire",
                        "lang": "en", "tags": ["x"]})
                 + "\n   \n"
                 + jsonl({"text": "No metadata here."}))
    first, second = read(path)
    assert first == Article(text="Envoys met in Lesh.\nThey talked.", id="17", title="Talks resume",
                            published="2023-10-12", url="https://example.org/a", source="Wire",
                            origin=f"{path}:1")
    assert second.id == default_id("No metadata here.")
    assert (second.title, second.published, second.url, second.source) == (None, None, None, None)
    assert second.origin == f"{path}:4"


def test_jsonl_text_is_kept_verbatim_apart_from_newlines(tmp_path):
    path = write(tmp_path / "a.jsonl", jsonl({"text": "  Indented first line.\n\nSecond paragraph.  "}))
    assert only(read(path)).text == "  Indented first line.\n\nSecond paragraph.  "


def test_jsonl_malformed_line_in_the_middle(tmp_path):
    path = write(tmp_path / "batch.jsonl",
                 jsonl({"id": "r1", "text": "One."})
                 + '{"id": "r2" "text": "Two."}\n'
                 + jsonl({"id": "r3", "text": "Three."}))
    first, error, third = read(path)
    assert (first.id, first.origin) == ("r1", f"{path}:1")
    assert error == RecordError(f"{path}:2", "malformed JSON: Expecting ',' delimiter (column 13)")
    assert (third.id, third.origin) == ("r3", f"{path}:3")


def test_jsonl_invalid_utf8_fails_only_that_line(tmp_path):
    path = write(tmp_path / "batch.jsonl",
                 jsonl({"id": "r1", "text": "One."}).encode()
                 + b'{"id": "r2", "text": "Caf\xe9"}\n'
                 + jsonl({"id": "r3", "text": "Three."}).encode())
    first, error, third = read(path)
    assert error == RecordError(f"{path}:2", "not valid UTF-8 (byte 0xe9 at offset 25)")
    assert (first.id, third.id) == ("r1", "r3")


def test_jsonl_records_without_usable_text(tmp_path):
    path = write(tmp_path / "bad.jsonl",
                 jsonl({"id": "a", "title": "No text"}, {"id": "b", "text": "   \n"}, {"id": "c", "text": 42})
                 + '["not", "an", "object"]\n' + jsonl({"id": "e", "text": "Fine."}))
    assert read(path)[:4] == [
        RecordError(f"{path}:1", "record has no 'text' field"),
        RecordError(f"{path}:2", "record has empty 'text'"),
        RecordError(f"{path}:3", "'text' is not a string (got int)"),
        RecordError(f"{path}:4", "record is not a JSON object (got array)"),
    ]
    assert read(path)[4].id == "e"


def test_jsonl_bom_is_stripped(tmp_path):
    path = write(tmp_path / "bom.jsonl", b"\xef\xbb\xbf" + jsonl({"id": "a", "text": "One."}).encode())
    assert only(read(path)).id == "a"


def test_json_list_of_records(tmp_path):
    records = [{"id": "a", "text": "One."}, {"title": "x"}, {"id": "c", "text": "Three."}]
    path = write(tmp_path / "list.json", json.dumps(records, indent=2))
    first, error, third = read(path)
    assert (first.id, first.origin) == ("a", f"{path}:record 1")
    assert error == RecordError(f"{path}:record 2", "record has no 'text' field")
    assert (third.id, third.origin) == ("c", f"{path}:record 3")


def test_json_single_record(tmp_path):
    path = write(tmp_path / "one.json", json.dumps({"id": "solo", "text": "Alone."}, indent=2))
    article = only(read(path))
    assert (article.id, article.text, article.origin) == ("solo", "Alone.", str(path))


def test_json_file_holding_json_lines(tmp_path):
    path = write(tmp_path / "misnamed.json",
                 jsonl({"id": "a", "text": "One."}) + "{broken\n" + jsonl({"id": "c", "text": "Three."}))
    first, error, third = read(path)
    assert (first.id, first.origin, third.id, third.origin) == ("a", f"{path}:1", "c", f"{path}:3")
    assert error.origin == f"{path}:2" and error.message.startswith("malformed JSON: ")


def test_json_malformed_document_names_the_line(tmp_path):
    path = write(tmp_path / "broken.json", '[\n  {"id": "a", "text": "One."},\n  {"id": "b", "text": }\n]\n')
    assert only(read(path)) == RecordError(f"{path}:3", "malformed JSON: Expecting value (column 23)")


def test_json_empty_list(tmp_path):
    path = write(tmp_path / "none.json", "[]")
    assert only(read(path)) == RecordError(str(path), "JSON list has no records")


# --- .csv ------------------------------------------------------------------------------------

def test_csv_with_text_column(tmp_path):
    path = write(tmp_path / "articles.csv",
                 'ID,Title,TEXT,Published,extra\r\n'
                 '1,Talks resume,"Envoys met in Lesh.\r\nThey talked for hours, aides said.",2023-10-12 14:03,x\r\n'
                 '\r\n'
                 '2,Empty one,,2023-10-13,y\r\n'
                 '3,,"Short, plain text.",,z\r\n')
    first, error, third = read(path)
    assert first == Article(text="Envoys met in Lesh.\nThey talked for hours, aides said.", id="1",
                            title="Talks resume", published="2023-10-12", origin=f"{path}:row 2")
    assert error == RecordError(f"{path}:row 4", "record has empty 'text'")
    assert (third.id, third.title, third.text, third.origin) == ("3", None, "Short, plain text.", f"{path}:row 5")


def test_csv_without_text_column(tmp_path):
    path = write(tmp_path / "wrong.csv", "id,title,body\n1,Talks,Envoys met.\n")
    assert only(read(path)) == RecordError(str(path), "CSV has no 'text' column (columns: id, title, body)")


def test_csv_field_larger_than_csv_default_limit(tmp_path):
    body = "Talks continued in Lesh. " * 8_000
    path = write(tmp_path / "big.csv", f'id,text\nbig,"{body}"\n')
    assert only(read(path)).text == body


# --- .html -----------------------------------------------------------------------------------

def test_html_news_page(tmp_path):
    path = write(tmp_path / "river-deal.html", NEWS_PAGE)
    article = only(read(path))
    assert article.title == "Ministers agree on river water deal"
    assert article.text == (
        "The water ministers of Eldoria and Varnistan signed an agreement on Thursday to share the flow "
        "of the Karsa river during the dry season, ending a dispute that had lasted three years.\n"
        '"This is a good day for farmers on both banks," Eldorian minister Tomas Reyk told reporters '
        "after the signing ceremony in the border town of Lesh.\n"
        "Under the deal, a joint commission will measure the river at four stations and publish the "
        "figures every week.")
    assert article.published == "2023-10-12"
    assert article.source == "Harbor Tribune"
    assert article.author == "Mara Velasquez"
    assert article.url == "https://harbortribune.example/world/river-deal"
    assert article.origin == str(path)
    assert "Home" not in article.text and "rights reserved" not in article.text


def test_html_without_site_name_or_url_has_no_source(tmp_path):
    page = (NEWS_PAGE.replace('<meta property="og:site_name" content="Harbor Tribune">\n', "")
            .replace('<meta property="og:url" content="https://harbortribune.example/world/river-deal">\n', ""))
    article = only(read(write(tmp_path / "page.htm", page)))
    assert (article.source, article.url, article.author) == (None, None, "Mara Velasquez")


def test_html_source_falls_back_to_host_name(tmp_path):
    page = NEWS_PAGE.replace('<meta property="og:site_name" content="Harbor Tribune">\n', "")
    assert only(read(write(tmp_path / "page.html", page))).source == "harbortribune.example"


@pytest.mark.parametrize("page", PAGES_WITHOUT_ARTICLE.values(), ids=PAGES_WITHOUT_ARTICLE.keys())
def test_html_without_article(tmp_path, page):
    path = write(tmp_path / "index.html", page)
    assert only(read(path)) == RecordError(str(path), "no article text found in HTML")


def test_html_short_news_item(tmp_path):
    page = ("<html><head><title>Explosion reported in Lesh</title></head><body><nav><a href='/'>Home</a>"
            "<a href='/world'>World</a></nav><article><h1>Explosion reported in Lesh</h1><p>An explosion was "
            "reported near the central market of Lesh on Tuesday morning, police said. There was no immediate "
            "word on casualties.</p></article></body></html>")
    article = only(read(write(tmp_path / "flash.html", page)))
    assert (article.title, article.text) == ("Explosion reported in Lesh", (
        "An explosion was reported near the central market of Lesh on Tuesday morning, police said. "
        "There was no immediate word on casualties."))


def test_html_parser_failure_is_an_input_error(tmp_path, monkeypatch):
    def broken_parser(*args, **kwargs):
        raise AssertionError("parent is None")

    monkeypatch.setattr("eventwire.ingest.html.trafilatura.bare_extraction", broken_parser)
    path = write(tmp_path / "broken.html", NEWS_PAGE)
    assert read(path) == [RecordError(str(path), "HTML could not be parsed: AssertionError: parent is None")]


def test_html_date_is_not_guessed_from_the_footer(tmp_path):
    page = NEWS_PAGE.replace('<meta property="article:published_time" content="2023-10-12T14:03:00Z">\n', "")
    path = write(tmp_path / "undated.html", page)
    assert only(read(path)).published is None  # not 2023-01-01 from "(c) 2023"
    assert only(read(path, default_published="2023-11-02")).published == "2023-11-02"


# --- published dates -------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    ("2023-10-12", "2023-10-12"),
    ("2023-10-12T14:03:00Z", "2023-10-12"),
    ("2023-10-12T23:30:00-05:00", "2023-10-12"),
    ("2023-10-12 14:03", "2023-10-12"),
    ("Thu, 12 Oct 2023 10:00:00 GMT", "2023-10-12"),
    ("Thu, 12 Oct 2023 22:15:00 +0300", "2023-10-12"),
])
def test_published_is_normalized_to_iso_date(tmp_path, value, expected):
    path = write(tmp_path / "d.jsonl", jsonl({"text": "Dated.", "published": value}))
    article = only(read(path))
    assert (article.published, article.warnings) == (expected, [])


def test_unparseable_published_is_replaced_by_the_default_with_a_warning(tmp_path):
    path = write(tmp_path / "d.jsonl", jsonl({"text": "Dated.", "published": "last Tuesday"}))
    article = only(read(path, default_published="2023-10-01"))
    assert article.published == "2023-10-01"
    assert article.warnings == ["unparseable published date 'last Tuesday' ignored; using 2023-10-01"]
    article = only(read(path))
    assert article.published is None
    assert article.warnings == ["unparseable published date 'last Tuesday' ignored"]


def test_default_published_fills_missing_dates_only(tmp_path):
    path = write(tmp_path / "d.jsonl", jsonl({"id": "a", "text": "Undated."},
                                             {"id": "b", "text": "Blank.", "published": ""},
                                             {"id": "c", "text": "Dated.", "published": "2023-10-12"}))
    txt = write(tmp_path / "d.txt", "Title\nBody.\n")
    dates = [a.published for a in read(path, txt, default_published="2023-09-30T08:00:00Z")]
    assert dates == ["2023-09-30", "2023-09-30", "2023-10-12", "2023-09-30"]


def test_default_published_must_be_a_date(tmp_path):
    with pytest.raises(ValueError, match="not a date"):
        read_inputs([str(tmp_path)], default_published="soon")


# --- expansion: paths, directories, globs, stdin ---------------------------------------------

def test_missing_path_and_unmatched_glob(tmp_path):
    missing, unmatched = str(tmp_path / "nope.jsonl"), str(tmp_path / "*.jsonl")
    assert read(missing, unmatched) == [RecordError(missing, "input not found"),
                                        RecordError(unmatched, "input not found")]


def test_directory_is_read_recursively_in_path_order(tmp_path):
    root = tmp_path / "in"
    write(root / "b.txt", "B title\nB text.\n")
    write(root / "a" / "z.jsonl", jsonl({"id": "az1", "text": "AZ one."}, {"id": "az2", "text": "AZ two."}))
    write(root / "a" / "deep" / "x.csv", "id,text\nax,AX text.\n")
    write(root / "a.txt", "A title\nA text.\n")
    write(root / ".hidden.txt", "Hidden\nNot read.\n")
    write(root / ".cache" / "c.txt", "Cached\nNot read.\n")
    write(root / "README.md", "# not an input\n")
    write(root / "image.png", b"\x89PNG\x00\x00")
    items = read(root)
    assert [(a.title or a.id, a.origin) for a in items] == [
        ("ax", str(root / "a" / "deep" / "x.csv") + ":row 2"),
        ("az1", str(root / "a" / "z.jsonl") + ":1"),
        ("az2", str(root / "a" / "z.jsonl") + ":2"),
        ("A title", str(root / "a.txt")),
        ("B title", str(root / "b.txt")),
    ]


def test_directory_without_inputs(tmp_path):
    write(tmp_path / "d" / "notes.md", "nothing\n")
    assert only(read(tmp_path / "d")) == RecordError(
        str(tmp_path / "d"), "no supported input files in directory (supported: .txt .jsonl .json .csv .html .htm)")


def test_glob_matches_sorted_and_inputs_in_given_order(tmp_path):
    write(tmp_path / "day2.txt", "Day two\nSecond.\n")
    write(tmp_path / "day1.txt", "Day one\nFirst.\n")
    write(tmp_path / "day3.md", "Day three\nNot matched.\n")
    extra = write(tmp_path / "extra.jsonl", jsonl({"id": "e", "text": "Extra."}))
    items = read(extra, tmp_path / "day*.txt")
    assert [a.origin for a in items] == [f"{extra}:1", str(tmp_path / "day1.txt"), str(tmp_path / "day2.txt")]


def fake_stdin(monkeypatch, data: bytes) -> None:
    class Stdin:
        buffer = io.BytesIO(data)

    monkeypatch.setattr(sys, "stdin", Stdin())


def test_stdin_json_lines(monkeypatch):
    lines = jsonl({"id": "s1", "text": "One."}) + "{oops}\n" + jsonl({"id": "s3", "text": "Three."})
    fake_stdin(monkeypatch, lines.encode())
    first, error, third = read("-")
    assert (first.id, first.origin, third.id, third.origin) == ("s1", "<stdin>:1", "s3", "<stdin>:3")
    assert error.origin == "<stdin>:2"


def test_stdin_plain_text(monkeypatch):
    fake_stdin(monkeypatch, b"Curfew lifted\r\nThe curfew in Port Amsel was lifted.\r\n")
    article = only(read("-"))
    assert article.title == "Curfew lifted"
    assert (article.text, article.origin) == ("The curfew in Port Amsel was lifted.", "<stdin>")


def test_stdin_empty(monkeypatch):
    fake_stdin(monkeypatch, b"")
    assert read("-") == [RecordError("<stdin>", "empty file")]


def test_txt_short_first_line_is_never_a_lede(tmp_path):
    path = write(tmp_path / "byline.txt",
                 "Port strike ends\nBy Mara Velt\nDockers returned to work on Monday. By Mara Velt\n")
    article = only(list(read_inputs([str(path)])))
    assert article.text == "By Mara Velt\nDockers returned to work on Monday. By Mara Velt"


def test_seed_story_txt_gives_the_seed_record_text(eval_dir):
    seed = eval_dir / "seed"
    record = json.loads((seed / "input.jsonl").read_text("utf-8").splitlines()[0])
    article = only(list(read_inputs([str(seed / "article.txt")])))
    assert article.title == record["title"]
    assert article.text == record["text"]


def test_stdin_jsonl_with_a_broken_first_line_keeps_the_rest(monkeypatch):
    data = '{"id": "a", "text": "One."\nnot json\n' + jsonl({"id": "c", "text": "Three."}, {"id": "d", "text": "Four."})
    monkeypatch.setattr(sys, "stdin", SimpleNamespace(buffer=io.BytesIO(data.encode())))
    first, second, third, fourth = read_inputs(["-"])
    assert (first.origin, second.origin) == ("<stdin>:1", "<stdin>:2")
    assert isinstance(first, RecordError) and isinstance(second, RecordError)
    assert (third.id, fourth.id) == ("c", "d")


def test_unknown_extension_is_read_with_a_warning_and_feeds_are_refused(tmp_path):
    notes = write(tmp_path / "notes.md", "Harbour reopens\nThe harbour reopened on Friday after repairs.\n")
    feed = write(tmp_path / "feed.xml", '<?xml version="1.0"?>\n<rss><channel><item>x</item></channel></rss>\n')
    article, error = read_inputs([str(notes), str(feed)])
    assert article.title == "Harbour reopens"
    assert article.warnings == ["unknown file extension '.md': read as txt"]
    assert error.origin == str(feed) and "not a supported input" in error.message


def test_csv_with_semicolons_and_an_unterminated_quote(tmp_path):
    semi = write(tmp_path / "semi.csv", "id;text\n1;Lima voted on Sunday.\n")
    broken = write(tmp_path / "broken.csv", 'id,text\n1,Quito voted.\n2,"unterminated\n3,Chile voted.\n')
    (article,) = read_inputs([str(semi)])
    assert (article.id, article.text) == ("1", "Lima voted on Sunday.")
    good, error = read_inputs([str(broken)])
    assert good.text == "Quito voted."
    assert isinstance(error, RecordError) and "malformed CSV" in error.message
