"""What an audit found, as stored in the cache and printed with ``--json``."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

AUDIT_FORMAT = 1


class FindingKind(StrEnum):
    """One thing the audit says of a spec. All but ``not_decided`` make it unsound."""

    VACUOUS = "vacuous"
    """The frozen text alone proves ``false``: every candidate verifies."""
    WEAK = "weak"
    """A trivial body (defaults, an echoed input, a constant, nothing) is solved."""
    UNSATISFIABLE = "unsatisfiable"
    """Dafny proved that no output meets the ensures for a witness input."""
    DEPENDS = "depends"
    """The spec names what only a candidate could define."""
    UNUSABLE = "unusable"
    """The problem does not load, or its frozen text does not resolve on its own."""
    NOT_DECIDED = "not_decided"
    """A question the audit asked that Dafny answered neither way (a note, not a flaw)."""


FLAWS = frozenset(FindingKind) - {FindingKind.NOT_DECIDED}


class Finding(BaseModel):
    """One finding, with what shows it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: FindingKind
    detail: str
    """What was found, in a sentence."""
    body: str | None = None
    """For ``weak``: the trivial candidate that was solved."""
    culprit: str | None = None
    """For ``vacuous``: the trusted declaration whose removal makes ``false`` unprovable."""


class Audit(BaseModel):
    """The audit of one problem."""

    model_config = ConfigDict(extra="forbid")

    format: int = AUDIT_FORMAT
    """The version of this record (a cached record of another format is recomputed)."""
    problem: str
    """The problem's id."""
    source: str = ""
    findings: list[Finding] = Field(default_factory=list)
    seconds: float = 0.0
    """Wall time of the audit (of the original run, when ``cached``)."""
    cached: bool = False
    trivial_tried: int = 0
    """Trivial candidates checked for weakness."""
    verifier_version: str = ""

    @property
    def flaws(self) -> list[Finding]:
        return [f for f in self.findings if f.kind in FLAWS]

    @property
    def sound(self) -> bool:
        return not self.flaws

    @property
    def verdict(self) -> str:
        """``sound``, or the kinds of flaw found (``vacuous``, ``weak+unsatisfiable``)."""
        kinds = dict.fromkeys(f.kind.value for f in self.flaws)
        return "+".join(kinds) or "sound"

    def summary(self) -> str:
        """One line: id, verdict, the first flaw's detail, time."""
        first = self.flaws[0].detail if self.flaws else ""
        cached = ", cached" if self.cached else ""
        return f"{self.verdict:<10} {self.problem}  {first}  ({self.seconds:.1f} s{cached})"
