"""The Jinja2 templates (docs/architecture.md, "Templates"): the rows of long lists only.

Django's template engine costs about 5 µs per variable and tag it renders: the worklist's 100
rows of 20 each were half of the page's time. Jinja2 compiles a template to Python; the same
rows cost a tenth. Everything else stays a Django template. Escaping is on (as in Django's), and
a name the template does not get is an error, not an empty cell.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, StrictUndefined

from baanbehoud.dates import format_date_nl


def environment(**options: Any) -> Environment:
    options["undefined"] = StrictUndefined
    env = Environment(**options)
    env.filters["datum"] = format_date_nl
    return env
