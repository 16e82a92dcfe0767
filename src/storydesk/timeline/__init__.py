"""The timeline: when the events a story reports happened.

`expressions` finds date expressions in an article ("Dec. 10", "early Saturday", "last
month") and resolves each against the publication date into an interval of days, with its
precision and whether the reading is certain.
"""

from storydesk.timeline.expressions import EventDate, find_event_dates, publication_day

__all__ = ["EventDate", "find_event_dates", "publication_day"]
