"""Template tags for the two-factor pages: which second steps a user has, to offer only those."""

from django import template

from followup.two_factor import user_second_factor_types

register = template.Library()


@register.simple_tag
def second_factor_types(user) -> set[str]:
    return user_second_factor_types(user=user)
