"""Benchmarks of resolution-qa: `python -m benchmarks.run [--quick] [--only SECTION]` (see run.py)."""
