from django import template

from core.phones import tel_target

register = template.Library()


@register.filter
def tel(number):
    """A tel: link target from a phone number as people write it."""
    return tel_target(number)
