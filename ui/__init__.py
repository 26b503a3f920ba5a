"""The user's interfaces over qa.engine.Engine.

cli/ (the `resolution-qa` command: parse, index, ask, eval, serve) and the web server: server
(FastAPI with the Gradio app mounted, the REST routes /api/ask and /healthz, the widget) ->
live_engine (follows the index folder, swaps in a new build) -> batching (concurrent questions
into one Engine call) -> app and conversation (the chat, follow-ups) -> render and links (answers
as escaped HTML with citation links) -> document_routes and document_page (the document view) ->
index_texts (examples and filter choices from the index); static/chat.js the widget's script.
"""
