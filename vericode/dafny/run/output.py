"""Reading what Dafny prints: legacy (2.x/3.x) and Dafny 4 text, and Dafny 4 JSON.

The parser knows nothing of rewriting or files on disk: it turns output into raw
diagnostics (positions as the verifier printed them, with 1-based columns) and the
counts of the closing summary line. Deciding the verdict is ``verdict.py``'s job.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from vericode.seams import Severity

_POSITION = re.compile(r"^(?P<file>.+?)\((?P<line>\d+),(?P<col>\d+)\): (?P<rest>.*)$")
_ERROR = re.compile(r"^(?P<sev>Error|Warning|Info)(?: (?P<code>[A-Za-z][\w]*))?: ?(?P<msg>.*)$")
_RELATED = re.compile(r"^Related (?:location|message)(?::\s*(?P<msg>.*))?$")
_TIMED_OUT = re.compile(
    r"^Verification of '(?P<name>[^']*)' timed out after (?P<secs>[^ ]+) seconds")
_TIMED_OUT_ON = re.compile(r"^Timed out on(?: (?P<code>[A-Z]+\d+))?: (?P<msg>.*)$")
_SUMMARY = re.compile(r"Dafny program verifier finished with (?P<parts>.*)$")
_PART = re.compile(r"(\d+) ([a-z][a-z /-]*?)s?$")
_DETECTED = re.compile(r"^(\d+) (parse|resolution/type) errors? detected in ")
_BOOGIE_PREFIX = re.compile(
    r"^(?:Impl|CheckWellformed|CheckWellFormed)\$\$(?:_module\.)?(?:__default\.)?")
_SNIPPET = re.compile(r"^\s*(\d+\s*)?\|")
_LINE_AFTER_SNIPPET = re.compile(r"^\s*\^")


@dataclass
class RawRelated:
    file: str
    line: int
    column: int
    message: str


@dataclass
class RawDiagnostic:
    file: str
    line: int
    column: int
    """1-based (Dafny prints 0-based columns; the parser adds one)."""
    severity: Severity
    message: str
    code: str | None = None
    timeout: bool = False
    related: list[RawRelated] = field(default_factory=list)


@dataclass
class ParsedOutput:
    """Everything the parser understood, plus the lines it did not."""

    diagnostics: list[RawDiagnostic] = field(default_factory=list)
    counts: dict[str, int] | None = None
    """The summary's counts (``verified``, ``error``, ``time out``, …); None if absent."""
    summary: str = ""
    parse_errors: int = 0
    resolution_errors: int = 0
    unread: list[str] = field(default_factory=list)
    """Lines that were neither diagnostics, summary, nor known noise."""

    @property
    def has_summary(self) -> bool:
        return self.counts is not None


def parse_text(output: str) -> ParsedOutput:
    """Parse Dafny's human-readable output (any version)."""
    parsed = ParsedOutput()
    for line in output.splitlines():
        _read_line(parsed, line.rstrip("\r"))
    return parsed


def _read_line(parsed: ParsedOutput, line: str) -> None:
    if not line.strip() or _is_noise(line):
        return
    if m := _SUMMARY.search(line):
        parsed.summary = line.strip()
        parsed.counts = _counts(m.group("parts"))
        return
    if m := _DETECTED.match(line):
        parsed.summary = line.strip()
        if m.group(2) == "parse":
            parsed.parse_errors += int(m.group(1))
        else:
            parsed.resolution_errors += int(m.group(1))
        return
    m = _POSITION.match(line)
    if m and _read_positioned(parsed, m.group("file"), int(m.group("line")),
                              int(m.group("col")) + 1, m.group("rest")):
        return
    parsed.unread.append(line)


def _read_positioned(parsed: ParsedOutput, file: str, line: int, col: int, rest: str) -> bool:
    if m := _RELATED.match(rest):
        if parsed.diagnostics:
            related = RawRelated(file, line, col, (m.group("msg") or "").strip())
            parsed.diagnostics[-1].related.append(related)
            return True
        return False
    if m := _TIMED_OUT.match(rest):
        name = _BOOGIE_PREFIX.sub("", m.group("name"))
        message = f"verification of '{name}' timed out after {m.group('secs')} seconds"
        parsed.diagnostics.append(
            RawDiagnostic(file, line, col, Severity.ERROR, message, timeout=True))
        return True
    if m := _TIMED_OUT_ON.match(rest):
        parsed.diagnostics.append(RawDiagnostic(
            file, line, col, Severity.ERROR, f"timed out: {m.group('msg')}",
            code=m.group("code"), timeout=True))
        return True
    if m := _ERROR.match(rest):
        message = m.group("msg").strip()
        if m.group("sev") == "Error" and _TIMED_OUT.match(message):  # Dafny 4's form
            return _read_positioned(parsed, file, line, col, message)
        severity = Severity(m.group("sev").lower())
        parsed.diagnostics.append(
            RawDiagnostic(file, line, col, severity, message, code=m.group("code")))
        return True
    return False


_NOISE = re.compile(r"^(Dafny \d+\.|Execution trace:|Prover error:|Legal parameters|  )")


def _is_noise(line: str) -> bool:
    """The logo, execution traces, prover-option complaints and source snippets."""
    if _SNIPPET.match(line) or _LINE_AFTER_SNIPPET.match(line):
        return True
    return bool(_NOISE.match(line)) and not _SUMMARY.search(line)


def _counts(parts: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for part in parts.split(","):
        m = _PART.match(part.strip().rstrip("."))
        if m:
            counts[m.group(2)] = int(m.group(1))
    return counts


# --- Dafny 4 JSON (``--json-diagnostics`` and ``--json-output``) ---------------------------

_JSON_SEVERITY = {1: Severity.ERROR, 2: Severity.WARNING, 3: Severity.INFO, 4: Severity.INFO}


def parse_json_lines(output: str) -> ParsedOutput:
    """Parse Dafny 4's JSON forms: one diagnostic (or typed record) per line.

    Lines that are not JSON (the text summary, for instance) are read as text.
    """
    parsed = ParsedOutput()
    for line in output.splitlines():
        record = _json_object(line)
        if record is None:
            _read_line(parsed, line)
        elif record.get("type") == "status":
            for status_line in str(record.get("value", "")).splitlines():
                _read_line(parsed, status_line)
        elif record.get("type") == "diagnostic":
            parsed.diagnostics.append(_json_diagnostic(record["value"]))
        elif "location" in record:
            parsed.diagnostics.append(_json_diagnostic(record))
        else:
            parsed.unread.append(line)
    return parsed


def _json_object(line: str) -> dict[str, Any] | None:
    if not line.lstrip().startswith("{"):
        return None
    try:
        value = json.loads(line)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _json_diagnostic(value: dict[str, Any]) -> RawDiagnostic:
    file, line, col = _json_location(value["location"])
    message = value.get("defaultFormatMessage") or value.get("message") or ""
    diagnostic = RawDiagnostic(
        file, line, col, _JSON_SEVERITY.get(int(value.get("severity", 1)), Severity.ERROR),
        message, code=value.get("errorId") or None)
    diagnostic.timeout = "timed out" in message
    for rel in value.get("relatedInformation") or []:
        r_file, r_line, r_col = _json_location(rel["location"])
        text = rel.get("defaultFormatMessage") or rel.get("message") or ""
        diagnostic.related.append(RawRelated(r_file, r_line, r_col, text))
    return diagnostic


def _json_location(location: dict[str, Any]) -> tuple[str, int, int]:
    start = location["range"]["start"]
    file = location.get("filename") or location.get("filePath") or location.get("uri", "")
    return str(file), int(start["line"]), int(start["character"]) + 1
