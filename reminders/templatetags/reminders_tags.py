"""Template helpers that show an interview's reminders on pages of the core app, in one query."""

from django import template

from reminders.models import Reminder

register = template.Library()


@register.simple_tag
def reminders_for(interview) -> list[Reminder]:
    return list(Reminder.objects.filter(interview=interview).order_by("due_at"))
