"""Rule files: validated rule records and lexicons, loaded from a rules directory.

Layout of a rules directory (the packaged default is the repository's top-level rules/):
  marks.yml            quotation-mark pairs
  lexicons/*.yml       named word lists, referenced from patterns as "$name"
  attribution/*.yml    rule records (token / dependency / structural / suppress)

Every problem in every file is collected and raised together as one RuleFileError.
"""
from __future__ import annotations

import difflib

import re
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
Direction = Literal["quote_after", "quote_after_colon", "quote_before", "quote_inside", "same_sentence", "previous_sentence", "any"]
Strategy = Literal["interrupted", "chain", "turn_taking", "paragraph", "narrated_turn", "narrated_quote",
                   "narrated_question", "headline_echo", "headline_subject", "heard", "subject_fragment", "residual"]
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
                raise _At(("kind",), "a structural rule needs a 'strategy'")
            if self.pattern is not None:
                raise _At(("pattern",), "a structural rule takes no 'pattern'")
        elif not self.pattern:
            raise _At(("pattern",) if self.pattern is not None else ("kind",),
                      f"a {self.kind} rule needs a non-empty 'pattern'")
        if self.kind in ("token", "suppress"):
            for role, index in (self.roles or {}).items():
                if not 0 <= index < len(self.pattern):
                    raise _At(("roles", role), f"role '{role}' points at token {index}, but the pattern has "
                                               f"{len(self.pattern)} token(s) (0 to {len(self.pattern) - 1})")
        if self.kind == "suppress" and ("quote" not in (self.roles or {}) or self.quote_kind is None):
            raise _At(("roles",) if self.roles else ("kind",), "a suppress rule needs roles.quote and a quote_kind")
        if self.kind == "dependency":
            names = {node.get("RIGHT_ID") for node in self.pattern}
            if "cue" not in names and "speaker" not in names:
                raise _At(("pattern",), "a dependency rule needs a node named 'speaker' (and usually 'cue')")
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
    if "cues" in lexicons:
        lexicons.setdefault("cue_forms", inflections(lexicons["cues"]) | lexicons.get("irregular_cue_forms", frozenset()))
    lexicons.setdefault("given_names", lexicons.get("female_names", frozenset()) | lexicons.get("male_names", frozenset()))
    lexicons.setdefault("gendered", lexicons.get("female", frozenset()) | lexicons.get("male", frozenset()))
    lexicons.setdefault("person_words", lexicons.get("roles", frozenset()) | lexicons["gendered"])
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
        bad.add(path, *_yaml_problem(err))
    except (OSError, UnicodeDecodeError) as err:
        bad.add(path, None, None, f"cannot read: {err}")
    return None, {}


def _yaml_problem(err: yaml.YAMLError) -> tuple[int | None, None, str]:
    """(line, rule id, message) for a YAML error: the line where the parser gave up, and the
    construct it was reading when that started on an earlier line."""
    mark = getattr(err, "problem_mark", None)
    problem = getattr(err, "problem", None) or str(err)
    context, context_mark = getattr(err, "context", None), getattr(err, "context_mark", None)
    message = f"YAML syntax error: {problem}"
    if problem.startswith("found character '\\t'"):
        message += " (indent with spaces, not tabs)"
    if context:
        message += f", {context}" + (f" started on line {context_mark.line + 1}"
                                      if context_mark is not None and mark is not None and context_mark.line != mark.line else "")
    return (mark.line + 1 if mark else None), None, message


def _nearest_names(name: str, lexicons) -> str:
    """A hint with the lexicons whose names are closest, so the message stays one short line."""
    close = difflib.get_close_matches(name, list(lexicons), n=3, cutoff=0.5)
    if close:
        return f" (did you mean {', '.join('$' + c for c in close)}?)"
    return f" ({len(lexicons)} lexicons are defined under lexicons/)" if lexicons else ""


def inflections(verbs: frozenset[str]) -> frozenset[str]:
    """Regular forms of each verb ("insist" -> insists, insisted, insisting), for the derived
    lexicon "$cue_forms": patterns that match the word itself when the tagger misreads it
    ("the 44-year-old insisted" tagged as an adjective, so its lemma is no help)."""
    out = set(verbs)
    for v in verbs:
        stem = v[:-1] if v.endswith("e") else v
        if v.endswith("y") and len(v) > 2 and v[-2] not in "aeiou":
            out |= {v[:-1] + "ies", v[:-1] + "ied", v + "ing"}
        else:
            out |= {v + ("es" if v.endswith(("s", "sh", "ch", "x")) else "s"), stem + "ed", stem + "ing"}
    return frozenset(out)


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
    base = ("rules", i)
    if not isinstance(raw, dict):
        bad.add(path, line_of(lines, base), None, "a rule must be a mapping")
        return None
    rule_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    missing = _expand_lexicons(raw.get("pattern"), lexicons)
    for name, where in missing:
        bad.add(path, line_of(lines, base + ("pattern", *where)), rule_id,
                f"pattern refers to lexicon '${name}', which no lexicon file defines" + _nearest_names(name, lexicons))
    try:
        rule = Rule.model_validate(raw)
    except ValidationError as err:
        for e in err.errors():
            loc, message = _describe(e)
            bad.add(path, line_of(lines, base + loc), rule_id, message)
        return None
    if missing:  # spaCy would only repeat the problem as "IN should be a list"
        return None
    problems = _check_pattern(rule) if rule.pattern else []
    for where, message in problems:
        bad.add(path, line_of(lines, base + ("pattern", *where)), rule.id, message)
    return None if problems else rule


class _At(ValueError):
    """A model-level validation error that knows which key it is about (for its line)."""

    def __init__(self, loc: tuple, message: str):
        super().__init__(message)
        self.loc = loc


def _describe(e: dict) -> tuple[tuple, str]:
    """A pydantic error as (location for the line lookup, short readable message)."""
    loc = tuple(e["loc"])
    original = (e.get("ctx") or {}).get("error")
    if isinstance(original, _At):
        loc = original.loc
        return loc, str(original)
    name = _dotted(loc)
    if e["type"] == "extra_forbidden":
        parent = Example if "examples" in loc[:-1] else Rule
        return loc, (f"unknown key '{loc[-1]}'" + (f" in {_dotted(loc[:-1])}" if len(loc) > 1 else "")
                     + f" (allowed: {', '.join(parent.model_fields)})")
    if e["type"] == "missing":
        return loc, f"missing required key '{loc[-1]}'" + (f" in {_dotted(loc[:-1])}" if len(loc) > 1 else "")
    message = str(e["msg"]).removeprefix("Value error, ")
    got = e.get("input")
    shown = f" (got {got!r})" if isinstance(got, (str, int, float, bool)) or got is None else ""
    return loc, f"{name or 'rule'}: {message}{shown}"


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _expand_lexicons(pattern: Any, lexicons) -> list[tuple[str, tuple]]:
    """Replace "$name" strings in a pattern (in place) by the lexicon's terms; return the
    unknown names with their key path inside the pattern."""
    missing: list[tuple[str, tuple]] = []

    def walk(obj, where: tuple):
        items = obj.items() if isinstance(obj, dict) else enumerate(obj) if isinstance(obj, list) else ()
        for key, value in list(items):
            if isinstance(value, str) and value.startswith("$"):
                name = value[1:]
                if name in lexicons:
                    obj[key] = sorted(lexicons[name])
                else:
                    missing.append((name, where + (key,)))
            else:
                walk(value, where + (key,))

    walk(pattern, ())
    return missing


# DependencyMatcher's operators (spaCy 3.8); spaCy itself still has the last word below.
_REL_OPS = {"<", ">", "<<", ">>", ".", ".*", ";", ";*", "$+", "$-", "$++", "$--", ">+", ">-", ">++", ">--",
            "<+", "<-", "<++", "<--"}


def _check_pattern(rule: Rule) -> list[tuple[tuple, str]]:
    """Problems as (key path inside the pattern, message). The structure of dependency patterns
    and custom attributes are checked here, token attributes by spaCy's own validation (one
    token at a time, so each problem points at its own line), so the syntax is exactly spaCy's;
    spaCy's long error text is cut down to the point."""
    from spacy.matcher import DependencyMatcher, Matcher
    from spacy.tokens import Token

    from .annotate import register_extensions

    register_extensions()
    dependency = rule.kind == "dependency"
    problems: list[tuple[tuple, str]] = _check_dependency_shape(rule.pattern) if dependency else []
    prefix = ("RIGHT_ATTRS",) if dependency else ()
    what = "node" if dependency else "token"
    vocab = _blank_vocab()
    for n, node in enumerate(rule.pattern):
        attrs = node.get("RIGHT_ATTRS", {}) if dependency else node
        if not isinstance(attrs, dict):
            problems.append(((n, *prefix), f"{what} {n}: token attributes must be a mapping"))
            continue
        bound = _repeat_bound(attrs.get("OP"))
        if bound is not None and bound > MAX_REPEAT:
            problems.append(((n, *prefix, "OP"), f"{what} {n}: OP {attrs['OP']!r} repeats a token up to {bound} "
                                                f"times; spaCy expands that into {bound} optional tokens, which "
                                                f"exhausts memory on long texts (at most {MAX_REPEAT}; use * or +)"))
        custom = attrs.get("_")
        for name in custom if isinstance(custom, dict) else ():
            if not Token.has_extension(name):
                problems.append(((n, *prefix, "_", name), f"{what} {n}: unknown custom attribute '_.{name}'"))
        try:
            Matcher(vocab, validate=True).add(rule.id, [[attrs]])
        except (ValueError, KeyError, TypeError) as err:
            problems += (_spacy_problems(err, n, attrs, prefix, what)
                         or [((n, *prefix), f"{what} {n}: invalid spaCy pattern: {_first_line(err)}")])
    if problems:
        return problems
    try:  # whatever spaCy still objects to in the pattern as a whole
        if dependency:
            DependencyMatcher(vocab, validate=True).add(rule.id, [rule.pattern])
        else:
            Matcher(vocab, validate=True).add(rule.id, [rule.pattern])
    except (ValueError, KeyError, TypeError) as err:
        return [((), "invalid spaCy pattern: " + _first_line(err))]
    return []


MAX_REPEAT = 8  # the largest {n,m} a token pattern may ask for


def _repeat_bound(op: Any) -> int | None:
    """The upper bound of a "{n,m}" or "{,m}" or "{n}" operator, None for the others."""
    if not isinstance(op, str) or not op.startswith("{") or not op.endswith("}"):
        return None
    top = op[1:-1].split(",")[-1].strip()
    return int(top) if top.isdigit() else None


def _check_dependency_shape(pattern: list[dict]) -> list[tuple[tuple, str]]:
    problems = []
    declared: set[str] = set()
    for n, node in enumerate(pattern):
        keys = {"RIGHT_ID", "RIGHT_ATTRS"} if n == 0 else {"LEFT_ID", "REL_OP", "RIGHT_ID", "RIGHT_ATTRS"}
        lacking = sorted(keys - set(node))
        if lacking:
            problems.append(((n,), f"node {n}: missing {', '.join(lacking)}"
                                   + (" (the first node is the anchor: RIGHT_ID and RIGHT_ATTRS)" if n == 0 else "")))
        extra = sorted(set(node) - {"LEFT_ID", "REL_OP", "RIGHT_ID", "RIGHT_ATTRS"})
        if extra:
            problems.append(((n, extra[0]), f"node {n}: unknown key(s) {', '.join(extra)}"))
        if n and "REL_OP" in node and node["REL_OP"] not in _REL_OPS:
            problems.append(((n, "REL_OP"), f"node {n}: unknown REL_OP {node['REL_OP']!r} "
                                            f"(operators: {' '.join(sorted(_REL_OPS, key=lambda o: (len(o), o)))})"))
        if n and "LEFT_ID" in node and node["LEFT_ID"] not in declared:
            problems.append(((n, "LEFT_ID"), f"node {n}: LEFT_ID {node['LEFT_ID']!r} is not the RIGHT_ID of an earlier node"))
        if node.get("RIGHT_ID") in declared:
            problems.append(((n, "RIGHT_ID"), f"node {n}: RIGHT_ID {node['RIGHT_ID']!r} is used twice"))
        if "RIGHT_ID" in node:
            declared.add(node["RIGHT_ID"])
    return problems


_TYPE_NAMES = re.compile(r"^(TokenPattern\w*|str|int|float|bool|dict|list|constrained-str|str-enum\[.*\])$")
_SPACY_LINE = re.compile(r"^- \[pattern -> (\d+) -> ([^\]]*)\] (.*)$")


def _spacy_problems(err: Exception, n: int, attrs: dict, prefix: tuple, what: str) -> list[tuple[tuple, str]]:
    """spaCy's MatchPatternError lists every pydantic alternative it tried; keep one short line per
    token attribute, e.g. "token 0: unknown operator 'INN' in LEMMA"."""
    groups: dict[str, list[tuple[list[str], str]]] = {}
    for line in str(err).splitlines():
        m = _SPACY_LINE.match(line.strip())
        if m:
            path, message = m.group(2).split(" -> "), m.group(3)
            groups.setdefault(path[0], []).append(([p for p in path if not _TYPE_NAMES.match(p)], message))
    problems = []
    for attr, alternatives in groups.items():
        extra = next((p for p, msg in alternatives if msg.startswith("Extra inputs")), None)
        if extra is not None and len(extra) == 1:
            text = f"unknown token attribute '{attr}'"
        elif extra is not None:
            text = f"unknown operator '{extra[-1]}' in {attr} (operators: {_OPERATORS})"
        else:
            hints = [msg for _, msg in alternatives if "TokenPattern" not in msg and "dictionary" not in msg]
            text = f"{attr}: invalid value {attrs.get(attr)!r}" + (f" ({hints[0]})" if hints else "")
        problems.append(((n, *prefix, attr), f"{what} {n}: {text}"))
    return problems


_OPERATORS = "IN, NOT_IN, IS_SUBSET, IS_SUPERSET, INTERSECTS, FUZZY, REGEX, ==, !=, >=, <=, >, <"


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    text = re.sub(r"^\[E\d+\]\s*", "", text.splitlines()[0] if text else repr(err))
    return text


@lru_cache(maxsize=1)
def _blank_vocab():
    import spacy

    return spacy.blank("en").vocab
