"""Measure the parser against a hand-counted set: the "wholly right" rate and every failure.

    .venv/bin/python tests/qa/parsing/measure_hand_counted.py tests/qa/parsing/hand_counted/blind2.jsonl

Wholly right: pp, op and fn counts, first and last operative paragraph, adoption date, as the
hand count has them (texts compared as tests/qa/parsing/test_hand_counted.py compares them). Each
failure is printed with the fields that differ (parsed, then counted); other fields that differ
(sub, meeting, vote ...) are printed too, marked as not judged. Then the rate per layout.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from test_hand_counted import COLLECTION, JUDGED, _norm, counted  # noqa: E402

from qa.errors import ParseError  # noqa: E402
from qa.parsing import load_resolution  # noqa: E402


def main(path: str) -> int:
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    right = 0
    by_layout: dict[str, tuple[int, int]] = {}  # layout -> (wholly right, files)
    for record in records:
        try:
            got = counted(load_resolution(COLLECTION / record["file"]))
        except ParseError as exc:
            print(f"FAIL {record['file']}: refused: {exc}")
            ok, n = by_layout.get(record.get("layout"), (0, 0))
            by_layout[record.get("layout")] = (ok, n + 1)
            continue
        want = {k: _norm(v) if k in ("first_op", "last_op") and isinstance(v, str) else v
                for k, v in record.items() if k in got}
        judged = {k: (got[k], want[k]) for k in JUDGED if k in want and got[k] != want[k]}
        other = {k: (got[k], want[k]) for k in want if k not in JUDGED and got[k] != want[k]}
        right += not judged
        ok, n = by_layout.get(record.get("layout"), (0, 0))
        by_layout[record.get("layout")] = (ok + (not judged), n + 1)
        if judged or other:
            print(f"{'FAIL' if judged else 'ok  '} {record['file']} ({record.get('layout')}): "
                  f"{json.dumps(judged, ensure_ascii=False)}"
                  + (f"  not judged: {json.dumps(other, ensure_ascii=False)}" if other else ""))
    for layout in sorted(by_layout):
        ok, n = by_layout[layout]
        print(f"  {layout}: {ok}/{n}")
    print(f"{right}/{len(records)} wholly right ({100 * right / max(len(records), 1):.0f}%)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: measure_hand_counted.py RECORDS.jsonl")
    sys.exit(main(sys.argv[1]))
