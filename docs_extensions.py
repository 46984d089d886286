"""A griffe extension for the API reference: docstring ``>>>`` examples render as code blocks.

Docstrings here are plain text with doctest examples (pytest runs them); Markdown
would read ``>>>`` as nested block quotes and ``d["a"]["b"]`` as reference links.
Configured in ``mkdocs.yml`` under the mkdocstrings ``extensions`` option.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    """Wrap each run of ``>>>``/``...`` lines and their output in a ``pycon`` fence.

    A block ends at the first blank line, as in doctest. (No doctest here: its
    output would itself contain ``>>>``; ``tests/test_docs.py`` tests it.)
    """
    out: list[str] = []
    in_block = False
    indent = ""
    for line in text.splitlines():
        stripped = line.lstrip()
        if not in_block and stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
            in_block = True
        elif in_block and not stripped:
            out.append(f"{indent}```")
            in_block = False
        out.append(line)
    if in_block:
        out.append(f"{indent}```")
    return "\n".join(out)


class DoctestFences(griffe.Extension):
    """Fence the doctest examples of every docstring griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)
