"""Parsing: a resolution file becomes a Resolution of citable clauses.

Entry points (callers use only these): `load_resolution(path)`, `parse_text(text)`,
`find_resolution_files(paths)`. In the order they run:
files (paths, then readers by format: text, pdf, markdown, html, drafts -> plain text) ->
lines (page furniture tagged) -> header (where the resolution starts, its heading) ->
structure (the walk over the body, with breaks, numbering, openings, footer, footnotes; settle once
it is read) -> citations (ids and labels) -> markers (inline footnote markers) -> hyphenation
(line-end words joined) -> metadata and adoption (the facts) -> parser (assembles the clauses).
"""

from qa.parsing.files import find_resolution_files, load_resolution
from qa.parsing.parser import parse_text

__all__ = ["parse_text", "load_resolution", "find_resolution_files"]
