# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
TORCH  := torch==2.13.0
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: run test chromium lint bench bench-quick index clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# torch first, pinned: a plain `torch` requirement can pull a multi-GB CUDA build.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q $(TORCH)
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q $(TORCH)
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@ $(VENV)/.installed-run

index: $(VENV)/.installed-run
	$(BIN)/resolution-qa index ensure-default

PORT ?= 7860
run: index
	$(BIN)/resolution-qa serve --port $(PORT)

test: chromium $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# The browser tests drive Debian's Chromium at $(CHROMIUM) and fail (never skip) without it: install it
# when it is missing and this can (root, with apt-get), else stop before the tests with the command to run.
CHROMIUM ?= /usr/bin/chromium
APT_GET  ?= apt-get
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v "$(APT_GET)" >/dev/null 2>&1; then \
	    echo "make test: $(CHROMIUM) is missing; installing Chromium with apt-get"; \
	    DEBIAN_FRONTEND=noninteractive "$(APT_GET)" update -q && \
	    DEBIAN_FRONTEND=noninteractive "$(APT_GET)" install -y -q chromium || exit 1; \
	    [ -x "$(CHROMIUM)" ] || { echo "make test: apt-get did not install $(CHROMIUM)" >&2; exit 1; }; \
	  else \
	    echo "make test: the browser tests need Chromium at $(CHROMIUM). Install it with: sudo apt-get install chromium" >&2; \
	    exit 1; \
	  fi; \
	fi

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.run

bench-quick: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.run --quick

clean:
	rm -rf $(VENV) build *.egg-info
