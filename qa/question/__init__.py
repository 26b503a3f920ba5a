"""Question analysis: the question as the rankers see it.

expansion (the user's words plus what a resolution would say) uses the tables: abbreviations
(UN shorthand), places (countries, capitals, cities), thesaurus (the resolution register).
"""
