"""The Gradio chat, the REST routes beside it, and the embeddable widget."""
