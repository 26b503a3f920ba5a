"""resolution-qa domain: resolutions, their clauses, and answering questions with them.

Nothing heavy is imported here: the CLI must start fast.
"""
