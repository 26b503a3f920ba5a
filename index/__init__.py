"""A generic hybrid passage index: dense (sentence-transformers + FAISS) and sparse (BM25).

It knows passages (id, text to index, document key, metadata), not resolutions.
Nothing heavy is imported here: torch, faiss and bm25s load lazily.
"""
