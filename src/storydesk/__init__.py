"""storydesk: one story, every outlet, with the evidence.

The library API that the ``storydesk`` command line is built on::

    from storydesk import Settings, Store, ingest

    with Store("news.db") as store:
        report = ingest(["scrapes/"], store, Settings())
"""

__version__ = "0.1.0"

from storydesk.article import Article, Evidence, RawDocument, Rejection
from storydesk.config import Settings
from storydesk.ingest.pipeline import RunReport, ingest
from storydesk.store.sqlite import Store

__all__ = [
    "Article", "Evidence", "RawDocument", "Rejection", "RunReport", "Settings", "Store",
    "__version__", "ingest",
]
