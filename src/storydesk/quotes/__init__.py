"""The quote ledger: who said what, and how faithfully each outlet quoted it.

`extract` finds direct quotes and reported speech in one article and attributes each to a
speaker; `fidelity` compares two renderings of one statement; `align` groups the renderings
of a story's articles into statements; `ledger` stores and reads them.
"""

from storydesk.quotes.model import Quote

__all__ = ["Quote"]
