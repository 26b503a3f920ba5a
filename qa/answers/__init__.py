"""Answers: what the engine returns, in the resolution's own words.

answer (Answer, Citation, FootnoteRef, ClauseRef), citations (a ranked clause turned into its
Citation, with its document's card and its references), highlight (the segment of a cited clause
that best matches the question), document (a resolution whole as indexed, for the document view).
"""
