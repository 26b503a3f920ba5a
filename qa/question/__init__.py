"""Question analysis: the question as the rankers see it.

expansion (the user's words plus what a resolution would say) uses the tables: abbreviations
(UN shorthand), places (countries, capitals, cities), thesaurus (the resolution register).
followup tells a follow-up ("When was it adopted?") from a question of its own; examples builds
the chat's example questions from the indexed clauses.
"""
