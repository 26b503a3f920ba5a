"""Load: 16 concurrent clients, 100 questions each, over loopback HTTP against the live server.
No request fails, and every answer equals the one a single client gets for that question."""

from __future__ import annotations

import asyncio
import json
import random
import time
from pathlib import Path

import httpx
import pytest

CLIENTS = 16
PER_CLIENT = 100
QUESTIONS_FILE = Path(__file__).resolve().parents[1] / "qa" / "questions" / "a_res_64_12.jsonl"


def distinct_questions(n: int = 20) -> list[str]:
    lines = [json.loads(line)["q"] for line in QUESTIONS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    return list(dict.fromkeys(lines))[::3][:n]  # every third: paraphrases, keywords and out-of-scope ones


async def client_run(base: str, seed: int, questions: list[str], results: list) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        for i in range(PER_CLIENT):
            q = rng.choice(questions)
            # both routes, as real clients use them
            if i % 2:
                response = await client.post("/api/ask", json={"q": q})
            else:
                response = await client.get("/api/ask", params={"q": q})
            results.append((q, response.status_code, response.json() if response.status_code == 200 else response.text))


@pytest.mark.slow
def test_sixteen_concurrent_clients_get_the_single_client_answers(live, app):
    questions = distinct_questions()
    assert len(questions) == 20
    with httpx.Client(base_url=live, timeout=60) as single:
        expected = {q: single.get("/api/ask", params={"q": q}).json() for q in questions}
    assert all("citations" in a for a in expected.values())

    results: list = []
    batches_before = len(app.state.batcher.batch_sizes)

    async def main() -> None:
        # bounded: a stuck server fails the test instead of hanging the suite
        await asyncio.wait_for(asyncio.gather(*(client_run(live, seed, questions, results)
                                                for seed in range(CLIENTS))), timeout=300)

    start = time.perf_counter()
    asyncio.run(main())
    wall = time.perf_counter() - start

    assert len(results) == CLIENTS * PER_CLIENT
    errors = [(q, status, body) for q, status, body in results if status != 200]
    assert errors == []
    different = sorted({q for q, _, body in results if body != expected[q]})
    assert different == [], f"answers under load differ from the single-client answer for {different}"
    batches = app.state.batcher.batch_sizes[batches_before:]
    assert max(batches) > 1  # concurrent questions really were batched
    print(f"\nload: {len(results)} requests from {CLIENTS} clients in {wall:.1f} s = {len(results) / wall:.0f} req/s; "
          f"{len(batches)} batches, mean size {sum(batches) / len(batches):.1f}")
