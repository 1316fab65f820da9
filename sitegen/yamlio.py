"""YAML reading that remembers where every value came from.

PyYAML turns a document into plain Python values and forgets the lines. Validation needs
them: every message names the file and the line. :func:`load` composes the node tree,
builds plain values from it, and returns a :class:`Located` value: the data plus a map from
each key path (``("incidents", 0, "date")``) to its 1-based line.

Two more departures from ``yaml.safe_load``, both on purpose:

- dates stay strings (``2022-02-30`` would otherwise raise deep inside PyYAML with no line);
  the schema parses them and reports impossible dates where they are written;
- a key repeated in one mapping is an error (PyYAML silently keeps the last one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple  # a key path: strings for mapping keys, ints for list positions


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it
    """SafeLoader without the implicit timestamp type: dates are validated by the schema."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class YamlProblem(Exception):
    """The text is not valid YAML, or repeats a key; ``line`` is 1-based within the text."""

    def __init__(self, message: str, line: int | None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class Located:
    """Plain data and the line of every key path in it."""

    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    first_line: int = 1  # line of the document's first line in its file

    def line(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), self.first_line)


def load(text: str, first_line: int = 1) -> Located:
    """Parse one YAML document; ``first_line`` is where ``text`` starts in its file."""
    offset = first_line - 1
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 + offset if mark else None
        raise YamlProblem(_describe(exc), line) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly everything
        raise YamlProblem(str(exc), None) from None
    finally:
        loader.dispose()
    located = Located(data=None, first_line=first_line)
    if node is None:
        return located
    located.data = _build(node, (), located.lines, offset, loader)
    return located


def _describe(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "; ".join(parts) or "invalid YAML"


def _build(node: yaml.Node, path: Path_, lines: dict, offset: int, loader: _Loader) -> Any:
    lines[path] = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise YamlProblem("a mapping key must be a plain value", key_node.start_mark.line + 1 + offset)
            if key in result:
                raise YamlProblem(
                    f"key {key!r} appears twice in the same mapping; keep one",
                    key_node.start_mark.line + 1 + offset,
                )
            child = path + (key,)
            result[key] = _build(value_node, child, lines, offset, loader)
            lines[child] = key_node.start_mark.line + 1 + offset
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), lines, offset, loader) for i, item in enumerate(node.value)]
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise YamlProblem(_describe(exc), node.start_mark.line + 1 + offset) from None


def dump(data: Any) -> str:
    """Readable YAML: Arabic unescaped, keys in the order given, block style."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
