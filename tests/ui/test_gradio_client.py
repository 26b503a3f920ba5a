"""The chat's `ask` endpoint through gradio_client, on a live server."""

from gradio_client import Client
from live_servers import serve_app

from ui.server import create_app

QUESTION = "Which country will host the seventh conference?"


def test_ask_endpoint_answers_through_the_queue(engine):
    expected = engine.ask(QUESTION).citations[0].label
    with serve_app(create_app(engine)) as base:
        client = Client(base + "/", verbose=False, download_files=False)
        history, box, cite = client.predict(QUESTION, "", api_name="/ask")
        assert box == "" and cite == expected
        contents = " ".join(str(m.get("content")) for m in history)
        assert expected in contents and "<mark>" in contents
        # bad input is a message in the chat, not an error
        history, _, cite = client.predict("x" * 2500, "", api_name="/ask")
        assert cite == "" and history[-1]["role"] == "assistant"
