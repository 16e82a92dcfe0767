"""Imported once by the worker pool's fork server, so that every worker starts warm.

Importing this module loads what every worker needs (trafilatura, the language models) in the
fork server; the workers forked from it share those pages instead of each loading its own.
"""

import trafilatura  # noqa: F401  (imported for its side effect: loaded once, shared)

from storydesk.ingest import build
from storydesk.metadata.language import warm_up

build.extraction_config()
warm_up()
