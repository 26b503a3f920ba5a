"""Abstention: when the indexed resolutions do not answer a question.

scope: facts a question names or asks for that a document's text cannot hold (a place, year or
ordinal it never mentions; a vote, sponsors or an amount it does not record). bodies: a body the
question names (by acronym or spelled out) that none of the documents mentions. confidence: whether
the best clause answers at all (one formula for one document, one calibrated over a corpus), and
the features it reads.
"""
