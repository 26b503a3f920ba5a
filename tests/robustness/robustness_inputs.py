"""The nasty inputs every surface is tried with (issue 7)."""

# Inputs every surface must survive: a clear message or a sound answer, never a traceback or a 5xx.
# (name, question, refused): refused=True means a BadQuestion-style message is the right outcome.
NASTY_QUESTIONS = [
    ("empty", "", True),
    ("whitespace", " \t \n  ", True),
    ("nul-only", "\x00\x00", True),
    ("zero-width-only", "\u200b\u200b\ufeff", True),
    ("10k", "Venezuela " * 1000, True),
    ("1M", "x" * 1_000_000, True),
    ("nul-and-controls", "Venezuela\x00\x07\x08 host\x7f", False),
    ("terminal-escapes", "\x1b[2J\x1b[31mWhich country will host\x1b[0m \x1b]0;pwned\x07", False),
    ("lone-surrogate", "host \ud800 conference", False),
    ("emoji", "🏳️‍🌈 Which country 🇶🇦 will host? 😀", False),
    ("right-to-left", "\u202eأين سيعقد المؤتمر السابع؟", False),
    ("hebrew", "איזו מדינה תארח את הכנס?", False),
    ("non-latin", "Какая страна примет седьмую конференцию? 哪个国家主办第七届会议", False),
    ("punctuation-only", "?!...;:—«»", False),
    ("template-jinja", "{{7*7}}", False),
    ("template-dollar", "${7*7}", False),
    ("html-script", "<script>alert(1)</script>", False),
    ("html-img", "<img src=x onerror=alert(1)>", False),
    ("markdown-js-link", "[x](javascript:alert(1))", False),
    ("markdown-heading", "# **bold** _it_ `code` | table |", False),
]
QUESTION = "Which country will host the seventh conference?"
