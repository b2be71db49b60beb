from datetime import date
from decimal import Decimal

from django import template
from django.template import engines
from django.utils.safestring import SafeString, mark_safe

from baanbehoud.dates import format_date_nl, format_number_nl

register = template.Library()


@register.simple_tag
def signal_actions(item: dict[str, object]) -> SafeString:
    """The actions of one signal row, from the same Jinja2 macro as the worklist's rows
    (signals/jinja2/signals/row_actions.html): one markup for both."""
    macros = engines["jinja2"].env.get_template("signals/row_actions.html").module  # type: ignore[attr-defined]
    return mark_safe(str(macros.row_actions(item)))  # escaped by Jinja2 (web/jinja.py)


@register.filter
def datum(value: date | None) -> str:
    """`30 september 2026`, as docs/pages.md prescribes."""
    return format_date_nl(value)


@register.filter
def waiting_weeks(provision: object, today: date) -> int:
    """Weeks between request and grant (or today): the report has waits of 10 and 17 weeks."""
    return int(provision.waiting_days(today) // 7)  # type: ignore[attr-defined]


@register.filter
def aantal(count: int, words: str) -> str:
    """`{{ n|aantal:"persoon,personen" }}`: "1 persoon", "3 personen", "0 personen" (issue 18)."""
    one, many = words.split(",", 1)
    return f"{count} {one if count == 1 else many}"


@register.filter
def getal(value: Decimal | int | None) -> str:
    """`12,5`, `24`: a Dutch number without trailing zeros (hours, percentages)."""
    return "" if value is None else format_number_nl(value)
