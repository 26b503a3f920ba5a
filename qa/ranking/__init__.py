"""Ranking: from the rankers' hits to every candidate clause with its evidence and score.

ranker (the clause ranking of one document or of many: the path the engine runs), documents (the
document stage: DocumentTable and rank_documents), clauses (ClauseTable: per-clause evidence as
arrays built at load), filters (doc / body / years), retrieval (dense and BM25 search within a
filter), fusion (how one document's rankers' scores are combined: linear, z-score, reciprocal
rank), baselines (the plain anchors of `eval --baseline`), arrays (CSR helpers).
"""
