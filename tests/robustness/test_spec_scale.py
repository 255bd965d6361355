"""A long ``.spec`` reads in linear time: each example once read its line by splitting
the whole file again (20,000 examples: ~34 s); now 2.5-6 s, as loaded as the machine is."""

from __future__ import annotations

import time
from pathlib import Path

from vericode.spec.parse import parse_spec_file, parser, read_spec_file

HEAD = "spec Inc\n  input x: int\n  output y: int\n  ensures: y == x + 1\n"


def long_spec(examples: int) -> str:
    return HEAD + "".join(f"  example: x = {i} -> y = {i + 1}\n" for i in range(examples))


def seconds_to_parse(text: str) -> float:
    started = time.monotonic()
    spec_file = parse_spec_file(text, "long.spec")
    took = time.monotonic() - started
    [spec] = spec_file.specs
    assert len(spec.examples) == text.count("example:")
    last = spec.examples[-1]
    assert (last.line, last.text) == (text.count("\n"), last.text)
    assert last.text == f"x = {len(spec.examples) - 1} -> y = {len(spec.examples)}"
    return took


def test_20000_examples_parse_in_a_few_seconds() -> None:
    parser()  # built once, not part of reading a file
    assert seconds_to_parse(long_spec(20_000)) < 15.0  # ~2.5 s idle, ~6 s under load


def test_reading_time_grows_linearly() -> None:
    parser()
    small = min(seconds_to_parse(long_spec(2_500)) for _ in range(2))
    large = seconds_to_parse(long_spec(20_000))
    assert large < 16 * small, (small, large)  # 8x the examples; quadratic would be 64x


def test_a_long_crlf_file_reads_the_same(tmp_path: Path) -> None:
    path = tmp_path / "long.spec"
    path.write_bytes(long_spec(2_000).replace("\n", "\r\n").encode())
    spec_file = read_spec_file(path)
    assert spec_file.text == long_spec(2_000)
    assert spec_file.specs[0].examples[-1].line == 2_004
