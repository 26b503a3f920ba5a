"""Parsing: a resolution file becomes a Resolution of citable clauses.

Entry points (callers use only these): `load_resolution(path)`, `parse_text(text)`,
`find_resolution_files(paths)`. Inside, in the order they run:
lines (page furniture tagged) -> structure (paragraphs, sub-paragraphs, annexes, footnote texts,
adoption footer) -> markers (inline footnote markers) -> metadata (header and footer facts) ->
parser (clauses with stable ids and labels assembled).
"""

from qa.parsing.files import find_resolution_files, load_resolution
from qa.parsing.parser import parse_text

__all__ = ["parse_text", "load_resolution", "find_resolution_files"]
