"""Turning a source text into draft records.

Each layout the sources use has its own module; each returns an :class:`ImportResult`. The
committed YAML is the reviewed result of an import: the importer proposes, an editor disposes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reforms.catalogue.model import Measure, Section


@dataclass
class Finding:
    """A place where the importer could not be sure, for the editor to review."""

    line: int
    message: str


@dataclass
class ImportResult:
    sections: list[Section] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    preamble: str | None = None
