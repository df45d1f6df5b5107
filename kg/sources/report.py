"""What reading the inputs did, per file: the numbers and the skipped records for the summary."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.records import SkippedRecord
from kg.sources.identity import Conflict


@dataclass(slots=True)
class FileReport:
    """Counts for one input file.

    ``read`` counts every good record parsed (duplicates included); ``duplicates``
    those of them dropped as a paper seen before (``kg.sources.identity``); so a file
    contributed ``read - duplicates`` papers. ``conflicts`` are records kept as papers of
    their own although an earlier paper has the same title.
    """

    source: str
    read: int = 0
    duplicates: int = 0
    skipped: list[SkippedRecord] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


@dataclass(slots=True)
class ReadReport:
    """Accumulates FileReports across ``read_file`` / ``read_papers`` calls."""

    files: dict[str, FileReport] = field(default_factory=dict)

    def file(self, source: str) -> FileReport:
        """The report of ``source``, created on first use."""
        found = self.files.get(source)
        if found is None:
            found = self.files[source] = FileReport(source)
        return found

    def skip(self, source: str, line: int, reason: str) -> None:
        self.file(source).skipped.append(SkippedRecord(source, line, reason))

    @property
    def read(self) -> int:
        return sum(f.read for f in self.files.values())

    @property
    def duplicates(self) -> int:
        return sum(f.duplicates for f in self.files.values())

    @property
    def distinct(self) -> int:
        return self.read - self.duplicates

    @property
    def skipped(self) -> list[SkippedRecord]:
        return [s for f in self.files.values() for s in f.skipped]

    @property
    def conflicts(self) -> list[Conflict]:
        return [c for f in self.files.values() for c in f.conflicts]

    def summary(self) -> str:
        """Human-readable lines: one per file, then every skipped record as ``file:line: reason``."""
        lines = [
            f"{f.source}: {f.read} read, {f.duplicates} duplicates, {len(f.skipped)} skipped"
            + (f", {len(f.conflicts)} title conflicts" if f.conflicts else "")
            for f in self.files.values()
        ]
        lines.append(
            f"total: {self.read} read, {self.distinct} distinct, {self.duplicates} duplicates, "
            f"{len(self.skipped)} skipped"
        )
        lines.extend(f"  {s.source}:{s.line}: {s.reason}" for s in self.skipped)
        lines.extend(f"  conflict {c}" for c in self.conflicts)
        return "\n".join(lines)
