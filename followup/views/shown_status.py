"""How an interview's status is shown on the lists and the dashboard, and the buttons that change it."""

from followup.forms.interviews import STATUS_BUTTONS
from followup.models import Interview


def status_buttons() -> list[tuple[str, str]]:
    return [(status.value, status.label) for status in STATUS_BUTTONS]


def mark_shown_status(interviews, now) -> None:
    """Sets shown_status(_label) on each: a scheduled interview that has ended shows as awaiting reply."""
    for interview in interviews:
        interview.shown_status = interview.current_status(now)
        interview.shown_status_label = Interview.Status(interview.shown_status).label
