"""Rule files: validated rule records and lexicons, loaded from a rules directory.

Layout of a rules directory (the packaged default is the repository's top-level rules/):
  marks.yml            quotation-mark pairs
  lexicons/*.yml       named word lists, referenced from patterns as "$name"
  attribution/*.yml    rule records (token / dependency / structural / suppress)

Every problem in every file is collected and raised together as one RuleFileError.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import Problem, RuleFileError
from .marks import MarkPair, load_marks
from .paths import default_rules_dir
from .yamlfile import Lines, line_of, load_with_lines

Annotation = Literal["POS", "TAG", "LEMMA", "DEP", "ENT_TYPE", "MORPH", "SENT_START"]
Direction = Literal["quote_after", "quote_after_colon", "quote_before", "quote_inside", "same_sentence", "any"]
Strategy = Literal["interrupted", "chain", "turn_taking", "paragraph", "residual"]
QuoteKind = Literal["direct", "partial", "scare", "title", "nickname"]
ROLES = ("quote", "speaker", "cue", "addressee")


class Example(BaseModel):
    """A sentence the rule must get right; the test suite runs every one."""

    model_config = ConfigDict(extra="forbid")
    text: str
    quote: str | None = None  # words of the quote this example is about; default: the first one
    speaker: str | None  # expected text inside the speaker's name or aliases; null: no speaker
    addressee: str | None = None
    cue: str | None = None
    kind: QuoteKind | None = None


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    description: str = Field(min_length=1)
    priority: int
    kind: Literal["token", "dependency", "structural", "suppress"]
    direction: Direction = "any"
    needs: list[Annotation] = []
    pattern: list[dict[str, Any]] | None = None
    roles: dict[str, int] | None = None
    strategy: Strategy | None = None
    quote_kind: QuoteKind | None = None
    confidence: float = Field(default=0.9, ge=0.0, le=1.0)
    examples: list[Example] = Field(min_length=1)

    @field_validator("roles")
    @classmethod
    def _known_roles(cls, roles):
        unknown = sorted(set(roles or {}) - set(ROLES))
        if unknown:
            raise ValueError(f"unknown role(s) {unknown}; roles are {list(ROLES)}")
        return roles

    @model_validator(mode="after")
    def _shape(self):
        if self.kind == "structural":
            if self.strategy is None:
                raise ValueError("a structural rule needs a 'strategy'")
            if self.pattern is not None:
                raise ValueError("a structural rule takes no 'pattern'")
        elif not self.pattern:
            raise ValueError(f"a {self.kind} rule needs a non-empty 'pattern'")
        if self.kind in ("token", "suppress"):
            for role, index in (self.roles or {}).items():
                if not 0 <= index < len(self.pattern):
                    raise ValueError(f"role '{role}' points at token {index}, but the pattern has {len(self.pattern)}")
        if self.kind == "suppress" and ("quote" not in (self.roles or {}) or self.quote_kind is None):
            raise ValueError("a suppress rule needs roles.quote and a quote_kind")
        if self.kind == "dependency":
            names = {node.get("RIGHT_ID") for node in self.pattern}
            if "cue" not in names and "speaker" not in names:
                raise ValueError("a dependency rule needs a node named 'speaker' (and usually 'cue')")
        return self


@dataclass(frozen=True)
class RuleBook:
    """Everything loaded from one rules directory, rules sorted by priority (sieve order)."""

    directory: Path
    rules: tuple[Rule, ...]
    lexicons: dict[str, frozenset[str]]
    marks: tuple[MarkPair, ...]
    sources: dict[str, str] = field(default_factory=dict)  # rule id -> "file:line"

    def lexicon(self, name: str) -> frozenset[str]:
        return self.lexicons.get(name, frozenset())

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)


class _Collector:
    def __init__(self):
        self.problems: list[Problem] = []

    def add(self, file: Path, line: int | None, rule_id: str | None, message: str) -> None:
        self.problems.append(Problem(str(file), line, rule_id, message))


def load_rulebook(directory: str | Path | None = None) -> RuleBook:
    """Load and validate a rules directory; raise RuleFileError listing every problem found."""
    directory = Path(directory) if directory else default_rules_dir()
    if not directory.is_dir():
        raise RuleFileError([Problem(str(directory), None, None, "rules directory not found")])
    return _load_cached(directory.resolve())


@lru_cache(maxsize=8)
def _load_cached(directory: Path) -> RuleBook:
    bad = _Collector()
    marks = _load_marks(directory, bad)
    lexicons = _load_lexicons(directory, bad)
    rules, sources = _load_rules(directory, lexicons, bad)
    if bad.problems:
        raise RuleFileError(bad.problems)
    return RuleBook(directory, tuple(sorted(rules, key=lambda r: (r.priority, r.id))), lexicons, marks, sources)


def _load_marks(directory: Path, bad: _Collector) -> tuple[MarkPair, ...]:
    path = directory / "marks.yml"
    if not path.exists():
        bad.add(path, None, None, "missing: every rules directory needs its quotation-mark pairs")
        return ()
    try:
        return load_marks(path)
    except RuleFileError as err:
        bad.problems.extend(err.problems)
        return ()


def _read(path: Path, bad: _Collector) -> tuple[Any, Lines]:
    try:
        return load_with_lines(path)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        bad.add(path, mark.line + 1 if mark else None, None, f"YAML syntax error: {getattr(err, 'problem', err)}")
    except (OSError, UnicodeDecodeError) as err:
        bad.add(path, None, None, f"cannot read: {err}")
    return None, {}


def _load_lexicons(directory: Path, bad: _Collector) -> dict[str, frozenset[str]]:
    lexicons: dict[str, frozenset[str]] = {}
    for path in sorted((directory / "lexicons").glob("*.yml")):
        data, lines = _read(path, bad)
        if data is None:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("lexicons"), dict):
            bad.add(path, 1, None, "a lexicon file holds one mapping 'lexicons: {name: {description, terms}}'")
            continue
        for name, body in data["lexicons"].items():
            line = lines.get(("lexicons", name))
            if not isinstance(body, dict) or set(body) - {"description", "terms"} or not isinstance(body.get("terms"), list):
                bad.add(path, line, None, f"lexicon '{name}' must have 'terms' (a list) and an optional 'description', nothing else")
                continue
            if name in lexicons:
                bad.add(path, line, None, f"lexicon '{name}' is defined twice")
            terms = [t for t in body["terms"] if isinstance(t, str)]
            if len(terms) != len(body["terms"]):
                bad.add(path, line, None, f"lexicon '{name}' has terms that are not strings")
            lexicons[name] = frozenset(terms)
    return lexicons


def _load_rules(directory: Path, lexicons, bad: _Collector) -> tuple[list[Rule], dict[str, str]]:
    rules: list[Rule] = []
    sources: dict[str, str] = {}
    for path in sorted((directory / "attribution").glob("*.yml")):
        data, lines = _read(path, bad)
        if data is None:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("rules"), list) or set(data) - {"rules", "description"}:
            bad.add(path, 1, None, "a rule file holds 'rules: [...]' (and an optional 'description')")
            continue
        for i, raw in enumerate(data["rules"]):
            rule = _validate_rule(path, lines, i, raw, lexicons, bad)
            if rule is None:
                continue
            where = f"{path.name}:{lines.get(('rules', i))}"
            if rule.id in sources:
                bad.add(path, lines.get(("rules", i)), rule.id, f"duplicate rule id (first defined at {sources[rule.id]})")
                continue
            sources[rule.id] = where
            rules.append(rule)
    return rules, sources


def _validate_rule(path: Path, lines: Lines, i: int, raw: Any, lexicons, bad: _Collector) -> Rule | None:
    rule_id = raw.get("id") if isinstance(raw, dict) else None
    base = ("rules", i)
    if not isinstance(raw, dict):
        bad.add(path, line_of(lines, base), None, "a rule must be a mapping")
        return None
    missing = _expand_lexicons(raw.get("pattern"), lexicons)
    for name in missing:
        bad.add(path, line_of(lines, base + ("pattern",)), rule_id, f"pattern refers to lexicon '${name}', which no lexicon file defines")
    try:
        rule = Rule.model_validate(raw)
    except ValidationError as err:
        for e in err.errors():
            loc = tuple(e["loc"])
            bad.add(path, line_of(lines, base + loc), rule_id, f"{'.'.join(map(str, loc)) or 'rule'}: {e['msg']}")
        return None
    problems = _check_pattern(rule) if rule.pattern else []
    for message in problems:
        bad.add(path, line_of(lines, base + ("pattern",)), rule.id, message)
    return None if problems or missing else rule


def _expand_lexicons(pattern: Any, lexicons) -> list[str]:
    """Replace "$name" strings in a pattern (in place) by the lexicon's terms; return unknown names."""
    missing: list[str] = []

    def walk(obj):
        items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
        for key, value in list(items):
            if isinstance(value, str) and value.startswith("$"):
                name = value[1:]
                if name in lexicons:
                    obj[key] = sorted(lexicons[name])
                else:
                    missing.append(name)
            else:
                walk(value)

    walk(pattern)
    return missing


def _check_pattern(rule: Rule) -> list[str]:
    """Let spaCy's own validation judge the pattern, so the syntax is exactly spaCy's."""
    from spacy.matcher import DependencyMatcher, Matcher

    from .annotate import register_extensions

    register_extensions()
    vocab = _blank_vocab()
    try:
        if rule.kind == "dependency":
            DependencyMatcher(vocab, validate=True).add(rule.id, [rule.pattern])
        else:
            Matcher(vocab, validate=True).add(rule.id, [rule.pattern])
    except (ValueError, KeyError, TypeError) as err:
        return [f"invalid spaCy pattern: {str(err).strip().splitlines()[0] if str(err).strip() else err!r}" + _detail(err)]
    return []


def _detail(err: Exception) -> str:
    lines = [ln.strip() for ln in str(err).splitlines()[1:] if ln.strip()]
    return (" — " + "; ".join(lines[:4])) if lines else ""


@lru_cache(maxsize=1)
def _blank_vocab():
    import spacy

    return spacy.blank("en").vocab
