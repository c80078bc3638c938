"""Reading CSV by blocks (pandas' C parser) only when the bytes show it reads as the csv module does.

The reference is the csv module in strict mode, as load.py uses it for every file the block reader declines.
Every table here is a made-up fixture."""

from __future__ import annotations

import csv
import io
import random

import numpy as np
import pytest

from regional_ties import csv_blocks, load

from .conftest import FIXTURES, ROOT


def by_csv_module(raw: bytes):
    """Header and (line, record) pairs as the csv module reads them (blank records left out), or None if it
    finds the file malformed."""
    text = raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text), strict=True, delimiter=load.detect_separator(text))
    out, header, start = [], None, 1
    try:
        for rec in reader:
            if header is None:
                header = rec
            elif "".join(rec).strip():
                out.append((start, rec))
            start = reader.line_num + 1
    except csv.Error:
        return None
    return header, out


def by_blocks(raw: bytes):
    read = load._read_csv_blocks(raw)
    if read is None:
        return None
    header, frame, lines, _ = read
    rows = [(int(line), list(rec)) for line, rec in zip(lines, frame.itertuples(index=False), strict=True)]
    return header, [(line, rec) for line, rec in rows if "".join(rec).strip()]


@pytest.mark.parametrize("text, reads", [
    ('a,b,c\n1,2,3\n', True),
    ('a,b,c\r\n1,2,3\r\n4,5,6\r\n\r\n\n', True),            # Windows line endings, trailing blank lines
    ('a,b,c\r\n1,2,"x"\r\n4,5,"y"\r\n', True),              # ... after a closing quote
    ('\ufeffa,b,c\n1,"two, too",3\n', True),               # byte-order mark, a quoted separator
    ('a,b,c\n1,"say ""hi""",3\n', True),                   # doubled quotes inside a quoted field
    ('a,b,c\n,,\n4,5,6\n', True),                          # a record of empty fields (a blank row)
    ('a;b;c\n1;"x;y";3\n', True),                          # ';' as the separator
    ('a,b,c\n1,2\n', False),                               # too few fields
    ('a,b,c\n1,2,3,4\n', False),                           # too many
    ('a,b,c\n1,2,3,\n', False),                            # one empty field too many
    ('a,b,c\n"x"y,2,3\n', False),                          # text after a closing quote
    ('a,b,c\n"x,"y,3\n', False),                           # ... after a quoted separator
    ('a,b,c\n""x,2,3\n', False),                           # ... after an empty quoted field
    ('a,b,c\nx"y,2,3\n', False),                           # a quote inside an unquoted field
    ('a,b,c\n "x",2,3\n', False),                          # a space before the opening quote
    ('a,b,c\n"x\ny",2,3\n', False),                        # a quoted field over two lines
    ('a,b,c\n"open,2,3\n', False),                         # a quote never closed
    ('a,b,c\n1,2,3\n\n4,5,6\n', False),                    # a blank line inside
    ('a,b,c\n1,2,3\n   \n', False),                        # a line of spaces
    ('a,b,c\r1,2,3\r', False),                             # old Mac line endings
    ('a,b,c\n1,"x\ry",3\n', False),                         # a lone carriage return in a quoted field
    ('a,b,c\n1,\x00,3\n', False),                          # a NUL byte
    ('a\n1\n', False),                                     # one column
    ('a,b,c\n', True),                                     # header only
])
def test_the_block_reader_takes_only_what_the_csv_module_reads_alike(text, reads):
    raw = text.encode("utf-8")
    got = by_blocks(raw)
    assert (got is not None) == reads
    if reads:
        assert got == by_csv_module(raw)


def test_a_file_not_utf8_or_utf16_is_left_to_the_csv_module():
    assert load._read_csv_blocks("a,b\nЁж,2\n".encode("cp1251")) is None
    assert load._read_csv_blocks("a,b\n1,2\n".encode("utf-16")) is None


@pytest.mark.parametrize("seed", range(4))
def test_on_random_text_whatever_the_block_reader_takes_reads_as_the_csv_module(seed, monkeypatch):
    """Random files over the characters that matter (separators, quotes, line endings, spaces), read both ways;
    blocks of a few bytes so that lines fall on block edges too."""
    monkeypatch.setattr(csv_blocks, "BLOCK", 7)
    rng = random.Random(seed)
    alphabet = ["a", "b", ",", ",", '"', '"', "\n", "\r\n", " ", "ж"]
    taken = 0
    for _ in range(1500):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        raw = ("h1,h2,h3\n" + body).encode("utf-8")
        got = by_blocks(raw)
        if got is not None:
            taken += 1
            assert got == by_csv_module(raw), raw
    assert taken > 20  # the test exercises the block reader, not only its refusals


def test_every_table_of_the_study_and_of_the_fixtures_reads_alike_both_ways():
    files = sorted((ROOT / "data/raw").glob("*.csv")) + sorted(FIXTURES.rglob("*.csv"))
    taken = 0
    for path in files:
        raw = path.read_bytes()
        got = by_blocks(raw)
        if got is not None:
            taken += 1
            assert got == by_csv_module(raw), path
    assert taken >= len(list((ROOT / "data/raw").glob("*.csv")))  # the study's own tables all read by blocks


def test_records_counted_across_blocks(monkeypatch):
    raw = ("a,b\n" + "".join(f'{i},"x, {i}"\n' for i in range(1000))).encode()
    counts = set()
    for block in (1, 5, 64, 1 << 24):
        monkeypatch.setattr(csv_blocks, "BLOCK", block)
        counts.add(csv_blocks.count_records(raw, ",", 2))
    assert counts == {1000}
    frame = csv_blocks.read_records(raw, ",", 2)
    assert frame[1].iloc[999] == "x, 999" and np.array_equal(frame[0].to_numpy()[:3], ["0", "1", "2"])


def test_a_quoted_field_over_two_lines_is_refused_even_when_each_line_counts_right():
    # each line holds two separators outside quotes, but the record runs from the first line into the second
    assert csv_blocks.count_records(b'h1,h2,h3\na,b,"x\np",q,r\n', ",", 3) is None


def test_the_c_parser_must_find_as_many_records_as_lines(monkeypatch):
    monkeypatch.setattr(csv_blocks, "count_records", lambda *a, **k: 2)  # a miscount
    assert csv_blocks.read_records(b"a,b\n1,2\n", ",", 2) is None
