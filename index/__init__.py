"""A generic hybrid passage index: dense (sentence-transformers + FAISS) and sparse (BM25).

It knows passages (id, text to index, document key, metadata), not resolutions. In the order of
use: passage (the unit stored) -> embedding (the encoder: ONNX Runtime by default, torch by name;
onnx_export, onnx_cache, onnx_session behind it) -> dense (FAISS) and sparse (bm25s) -> selection
(document filters as position ranges built at load) -> store (PassageIndex: build, add, remove,
load, search) on disk_format (the folder, its manifest and checks) and atomic (write beside, swap
by rename, recover after a kill).
Nothing heavy is imported here: faiss, bm25s and the model load lazily.
"""
