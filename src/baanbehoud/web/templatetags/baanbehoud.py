from datetime import date

from django import template

from baanbehoud.dates import format_date_nl

register = template.Library()


@register.filter
def datum(value: date | None) -> str:
    """`30 september 2026`, as ui.md prescribes."""
    return format_date_nl(value)
