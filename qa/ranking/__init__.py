"""Ranking: combining the evidence for each candidate clause.

fusion: how the rankers' scores are combined (linear, z-score, reciprocal rank).
"""
