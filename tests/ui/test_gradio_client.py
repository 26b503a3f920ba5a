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
        # the filters are keyword parameters with defaults (README: the chat, the API and the widget)
        assert client.predict(QUESTION, "", body="", years="", api_name="/ask")[2] == expected
        # bad input is a message in the chat, not an error
        history, _, cite = client.predict("x" * 2500, "", api_name="/ask")
        assert cite == "" and history[-1]["role"] == "assistant"


def test_follow_ups_through_gradio_client(sc_engine):
    """One Client is one visitor: its session keeps the previous answer, so a follow-up is asked in
    that answer's resolution, and /search_all undoes it."""
    with serve_app(create_app(sc_engine)) as base:
        client = Client(base + "/", verbose=False, download_files=False)
        try:
            _, _, cite = client.predict("What does the Council decide about the annexation of Kuwait by Iraq?", "",
                                        api_name="/ask")
            symbol = cite.split(", ")[0]
            history, _, cite = client.predict("When was it adopted?", "", api_name="/ask")
            assert cite == f"{symbol}, title and adoption record"
            assert f"In {symbol}, the resolution of the previous answer" in str(history[-2]["content"]) + str(
                history[-1]["content"])
            history, cite = client.predict(api_name="/search_all")
            assert not cite.startswith(symbol) and "qa-scope" not in str(history)
            # another visitor has no previous answer: the same words search everything
            other = Client(base + "/", verbose=False, download_files=False)
            try:
                assert other.predict("When was it adopted?", "", api_name="/ask")[2] == cite
            finally:
                other.close()
        finally:
            client.close()
