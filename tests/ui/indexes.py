"""Small indexes the UI tests build once per session: Security Council texts from the shared
collection that cite each other, and a resolution whose clauses hold hostile markup and the
characters escaping gets wrong (apostrophes, quotes, ampersands, angle brackets)."""

from __future__ import annotations

from pathlib import Path

SHARED_SC = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "collection" / "security-council"
# Iraq and Kuwait, 1990: 662 and later cite 661; 661 cites 660, which is not indexed (plain text)
SC_FILES = ["S_RES_661_1990.txt", "S_RES_662_1990.txt", "S_RES_664_1990.txt", "S_RES_665_1990.txt",
            "S_RES_666_1990.txt", "S_RES_667_1990.txt", "S_RES_670_1990.txt", "S_RES_674_1990.txt"]

HOSTILE_SYMBOL = "S/RES/2999 (2030)"
# What the view and the chat must show exactly as written, never as &#x27; or &amp;
AS_WRITTEN = "the Secretary-General's report on \"Côte d'Ivoire & <Liberia>\""
HOSTILE_TEXT = f"""Resolution 2999 (2030)
of 2 March 2030

The Security Council,

Recalling its resolution 661 (1990) and {AS_WRITTEN},

Noting that 3 < 5 and 7 > 2 in the <script>window.__xss=1</script> annex,

1. Decides that the <img src=x onerror="window.__xss=2"> mission in Côte d'Ivoire shall continue until 31 December 2030;

2. Requests the Secretary-General to report on "Tom & Jerry's" <b>bold</b> plans by 1 June 2030;

Adopted unanimously at the 9999th meeting.
"""


def build_index(out: Path, files: list[Path]) -> Path:
    from index.store import PassageIndex
    from qa.parsing import load_resolution
    from qa.passages import document_info, passages_for

    docs = []
    for f in files:
        resolution = load_resolution(f)
        docs.append((document_info(resolution), passages_for(resolution)))
    PassageIndex.build(out, docs, progress=False)
    return out


def sc_files(folder: Path) -> list[Path]:
    """The Security Council texts, and the hostile one written into folder."""
    missing = [name for name in SC_FILES if not (SHARED_SC / name).is_file()]
    if missing:
        raise AssertionError(f"{SHARED_SC} lacks {missing}: the shared material must sit at ../shared")
    hostile = folder / "S_RES_2999_2030.txt"
    hostile.write_text(HOSTILE_TEXT, encoding="utf-8")
    return [SHARED_SC / name for name in SC_FILES] + [hostile]
