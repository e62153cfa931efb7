"""Read YAML while keeping the line of every value, so errors can point into the file."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

Lines = dict[tuple, int]


def load_with_lines(path: Path) -> tuple[Any, Lines]:
    """Return (data, lines) where lines maps a key path like ('rules', 3, 'id') to a 1-based line.

    Raises yaml.YAMLError on syntax errors and duplicate keys (it carries its own line mark)."""
    node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    lines: Lines = {}
    if node is None:
        return None, lines
    data = _build(node, (), lines)
    return data, lines


def _build(node: yaml.Node, path: tuple, lines: Lines) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if key in out:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark,
                    f"duplicate key {key!r} (first on line {lines[path + (key,)]})", key_node.start_mark)
            out[key] = _build(value_node, path + (key,), lines)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), lines) for i, item in enumerate(node.value)]
    return _scalar(node)


def _scalar(node: yaml.Node) -> Any:
    # SafeLoader resolves tags (ints, bools, null) the same way yaml.safe_load would.
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def line_of(lines: Lines, path: tuple) -> int | None:
    """The line of the deepest known prefix of path (pydantic locs may point below a scalar)."""
    for n in range(len(path), -1, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None
