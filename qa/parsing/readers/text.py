"""Plain text: the file's bytes decoded as UTF-8, handed to the parser unchanged.

Unchanged matters: clause spans are offsets into this text, and `resolution-qa parse FILE --json`
shows them. The checks say what is wrong with a file that is not text a person could re-save.
"""

from __future__ import annotations

from qa.errors import ParseError

__all__ = ["decode_text"]


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a BOM is accepted). Raises ParseError for empty, binary or non-UTF-8 data."""
    if not data.strip():
        raise ParseError(name, "the file is empty; a resolution's text was expected")
    if b"\x00" in data[:8192]:
        raise ParseError(name, "this is a binary file, not text; export the resolution as plain text (.txt, UTF-8)"
                         " or give its PDF (.pdf)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ParseError(
            name,
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} at byte offset {exc.start} cannot be decoded; "
            "re-save the file as UTF-8",
            line=line,
        ) from None
