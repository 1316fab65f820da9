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

    def __init__(self, message: str, line: int | None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.hint = hint


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


MAX_DEPTH = 64  # lists and mappings inside one another; real content needs 6
_PLAIN = (str, int, float, bool, type(None))
_MAP, _SEQ, _MERGE = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:merge"


def load(text: str, first_line: int = 1) -> Located:
    """Parse one YAML document; ``first_line`` is where ``text`` starts in its file.

    Only plain YAML is accepted: no aliases (``*name``: a few hundred bytes of them expand
    to gigabytes), no merge keys (``<<``), no explicit tags that make anything but text,
    numbers, true/false, lists and mappings, and at most ``MAX_DEPTH`` levels of nesting.
    Anything else is a :class:`YamlProblem` with its line, never an exception of PyYAML's.
    """
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
    except RecursionError:  # pragma: no cover - libyaml stops deep nesting first
        raise YamlProblem(f"nested too deeply (at most {MAX_DEPTH} levels of lists and mappings)", first_line) from None
    finally:
        loader.dispose()
    located = Located(data=None, first_line=first_line)
    if node is None:
        return located
    located.data = _Builder(loader, located.lines, offset).build(node, (), 0)
    return located


def _describe(exc: yaml.MarkedYAMLError) -> str:
    parts = [p for p in (exc.context, exc.problem) if p]
    return "; ".join(parts) or "invalid YAML"


class _Builder:
    """Plain values from a node tree, refusing what plain content never needs."""

    def __init__(self, loader: _Loader, lines: dict, offset: int):
        self.loader, self.lines, self.offset = loader, lines, offset
        self.seen: set[int] = set()

    def _line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def _once(self, node: yaml.Node, used_at: int) -> None:
        # An alias is the same node object met a second time.
        if id(node) in self.seen:
            raise YamlProblem("aliases (*name) are not allowed", used_at, "write the value out in full")
        self.seen.add(id(node))

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        line = self._line(node)
        self.lines[path] = line
        if depth > MAX_DEPTH:
            raise YamlProblem(f"nested too deeply (more than {MAX_DEPTH} levels of lists and mappings)", line,
                              "content needs a few levels: check the brackets and the indentation")
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                raise YamlProblem(f"the tag {_short(node.tag)} is not supported", line, "write a plain mapping")
            result: dict = {}
            for key_node, value_node in node.value:
                key_line = self._line(key_node)
                if key_node.tag == _MERGE:
                    raise YamlProblem("merge keys (<<) are not supported", key_line, "write the fields out")
                self._once(key_node, key_line)
                self._once(value_node, key_line)
                key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key_node, yaml.ScalarNode) or not isinstance(key, (str, int, float, bool)):
                    raise YamlProblem("a mapping key must be a plain value", key_line)
                if key in result:
                    raise YamlProblem(f"key {key!r} appears twice in the same mapping; keep one", key_line)
                child = path + (key,)
                result[key] = self.build(value_node, child, depth + 1)
                self.lines[child] = key_line
            return result
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise YamlProblem(f"the tag {_short(node.tag)} is not supported", line, "write a plain list")
            items = []
            for i, item in enumerate(node.value):
                self._once(item, line)
                items.append(self.build(item, path + (i,), depth + 1))
            return items
        return self._scalar(node)

    def _scalar(self, node: yaml.Node) -> Any:
        line = self._line(node)
        try:
            value = self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            raise YamlProblem(f"the tag {_short(node.tag)} is not supported", line, _NO_TAGS) from None
        except Exception as exc:  # !!int abc, !!timestamp 2022-02-30, an empty !!timestamp: PyYAML raises anything
            shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
            detail = f": {exc}" if isinstance(exc, (ValueError, OverflowError)) else ""
            raise YamlProblem(f"cannot read {shown!r} as {_short(node.tag)}{detail}", line, _NO_TAGS) from None
        if not isinstance(value, _PLAIN):
            raise YamlProblem(f"the tag {_short(node.tag)} makes {type(value).__name__}, not text or a number",
                              line, _NO_TAGS)
        return value


_NO_TAGS = "remove the tag and write the value plain; dates as YYYY-MM-DD"


def _short(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def dump(data: Any) -> str:
    """Readable YAML: Arabic unescaped, keys in the order given, block style."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
