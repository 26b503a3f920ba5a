"""resolution-qa's domain: resolutions, their clauses, and answering questions with them.

Two flows, each a subpackage per stage:
- file -> parsing (a Resolution of citable clauses, qa.model) -> passages (the texts indexed,
  with their citations' metadata) -> the index (package `index`, which knows passages only);
- question -> question (analysis, expansion) -> ranking (documents, then clauses; fusion,
  filters) -> abstention (scope, confidence) -> answers (citations, highlights, the document
  view's text). engine.py runs the second flow; evaluation.py scores it on question sets;
  references.py reads the links between resolutions for both. text.py, errors.py and
  settings.py are shared by all.

Nothing heavy is imported here: the CLI must start fast.
"""
