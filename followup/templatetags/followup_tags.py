"""Template helpers of the core app."""

from django import template
from django.utils import timezone
from django.utils.dateformat import DateFormat
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def interview_when(interview) -> str:
    """When the interview is, in the current time zone: "Tue 3 Mar, 10:00–11:00" in two <time> elements.

    The year shows when it is not this year; the end's day when it ends on another day. Written in one
    go rather than with a date filter per piece: on a page listing interviews the filters were a good
    part of the page's time, each converting the time to the user's zone again.
    """
    start = DateFormat(timezone.localtime(interview.starts_at))
    end = DateFormat(timezone.localtime(interview.ends_at))
    year = start.format("Y")
    start_text = start.format("D j M")
    if year != str(timezone.localtime().year):
        start_text = f"{start_text} {year}"
    end_text = end.format("H:i")
    if end.format("Y-m-d") != start.format("Y-m-d"):
        end_text = f"{end.format('D j M')}, {end_text}"
    return format_html(
        '<time datetime="{}">{}, {}</time>–<time datetime="{}">{}</time>',
        start.format("c"),
        start_text,
        start.format("H:i"),
        end.format("c"),
        end_text,
    )
