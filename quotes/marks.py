"""Quotation-mark pairs, kept as data in ``rules/marks.yml`` so users can add their own."""
from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import Problem, RuleFileError
from .paths import default_rules_dir

DEFAULT_MARKS_PATH: Path = default_rules_dir() / "marks.yml"

_TOP_KEYS = {"pairs"}


class MarkPair(BaseModel):
    """One opening/closing quotation-mark pair; ``open == close`` for symmetric marks."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    open: str
    close: str

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("must not be empty")
        return v

    @field_validator("open", "close")
    @classmethod
    def _one_char(cls, v: str) -> str:
        if len(v) != 1:
            raise ValueError(f"must be exactly one character, got {v!r} ({len(v)} characters)")
        if v.isspace() or v.isalnum():
            raise ValueError(f"must be a punctuation mark, got {v!r}")
        return v

    @property
    def symmetric(self) -> bool:
        return self.open == self.close

    @property
    def is_single(self) -> bool:
        """Single marks (‘ ’ ' ‚ ‹ ›) double as apostrophes, so the finder trusts them less."""
        return any(_looks_single(ch) for ch in (self.open, self.close))


def _looks_single(ch: str) -> bool:
    name = unicodedata.name(ch, "")
    return "SINGLE" in name or "APOSTROPHE" in name


def load_marks(path: str | Path = DEFAULT_MARKS_PATH) -> tuple[MarkPair, ...]:
    """Read a marks file; raise RuleFileError listing every problem found, with line numbers."""
    fname = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError([Problem(fname, None, None, f"cannot read file: {exc}")]) from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        detail = getattr(exc, "problem", None) or exc  # str(exc) spans several lines
        raise RuleFileError([Problem(fname, line, None, f"YAML syntax error: {detail}")]) from exc
    problems: list[Problem] = []
    pairs = _load_root(fname, root, problems)
    if problems:
        raise RuleFileError(problems)
    return pairs


def _load_root(fname: str, root: yaml.Node | None, problems: list[Problem]) -> tuple[MarkPair, ...]:
    if not isinstance(root, yaml.MappingNode):
        line = root.start_mark.line + 1 if root is not None else 1
        problems.append(Problem(fname, line, None, "top level must be a mapping with a 'pairs' list"))
        return ()
    items: yaml.Node | None = None
    for key, value in root.value:
        if key.value == "pairs":
            items = value
        elif key.value not in _TOP_KEYS:
            problems.append(Problem(fname, _line(key), None, f"unknown top-level key {key.value!r}"))
    if not isinstance(items, yaml.SequenceNode):
        line = _line(items) if items is not None else _line(root)
        problems.append(Problem(fname, line, None, "'pairs' must be a list of {name, open, close}"))
        return ()
    pairs = [_load_pair(fname, i, node, problems) for i, node in enumerate(items.value)]
    _check_unique(fname, items.value, pairs, problems)
    return tuple(p for p in pairs if p is not None)


def _load_pair(fname: str, index: int, node: yaml.Node, problems: list[Problem]) -> MarkPair | None:
    rule_id = f"pairs[{index}]"
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(fname, _line(node), rule_id,
                                "each pair must be a mapping {name, open, close}"))
        return None
    raw: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    for key, value in node.value:
        key_lines[str(key.value)] = _line(key)
        # Only scalars are meaningful; None for anything else makes pydantic report "not a string".
        raw[str(key.value)] = value.value if isinstance(value, yaml.ScalarNode) else None
    if isinstance(raw.get("name"), str) and raw["name"].strip():
        rule_id = raw["name"]
    try:
        return MarkPair(**raw)
    except ValidationError as exc:
        for err in exc.errors():
            field = str(err["loc"][0]) if err["loc"] else ""
            line = key_lines.get(field, _line(node))
            problems.append(Problem(fname, line, rule_id, _describe(field, err)))
        return None


def _describe(field: str, err: Any) -> str:
    kind = err["type"]
    if kind == "missing":
        return f"missing required key {field!r}"
    if kind == "extra_forbidden":
        return f"unknown key {field!r} (allowed: name, open, close)"
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{field}: {msg}"


def _check_unique(fname: str, nodes: list[yaml.Node], pairs: list[MarkPair | None],
                  problems: list[Problem]) -> None:
    seen: dict[str, int] = {}
    for node, pair in zip(nodes, pairs):
        if pair is None:
            continue
        if pair.name in seen:
            problems.append(Problem(fname, _line(node), pair.name,
                                    f"duplicate pair name (first defined on line {seen[pair.name]})"))
        else:
            seen[pair.name] = _line(node)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1
