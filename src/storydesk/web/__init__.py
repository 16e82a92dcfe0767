"""`storydesk serve`: a local, read-only web app over the store (see :mod:`storydesk.web.app`)."""
