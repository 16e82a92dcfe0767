"""storydesk: one story, every outlet, with the evidence."""
__version__ = "0.1.0"
