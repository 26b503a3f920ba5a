"""Answers: what the engine returns, in the resolution's own words.

answer (Answer, Citation, FootnoteRef, ClauseRef), highlight (the segment of a cited clause that
best matches the question), document (a resolution whole as indexed, for the document view).
"""
