"""The actions' addresses: made with one reverse() per name, the same as reverse() per row."""

from datetime import date

import pytest
from django.template import engines
from django.urls import get_resolver, reverse
from django.urls.converters import IntConverter
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import UndefinedError

from baanbehoud.signals.actions import Paths


def names_with_one_id() -> list[str]:
    """Every URL name whose address takes one number (the pages an action can lead to)."""
    resolver = get_resolver()
    names = []
    for name in resolver.reverse_dict:
        if not isinstance(name, str):
            continue
        for _possibility, _pattern, _defaults, converters in resolver.reverse_dict.getlist(name):
            if len(converters) == 1 and isinstance(next(iter(converters.values())), IntConverter):
                names.append(name)
                break
    return sorted(names)


NAMES = names_with_one_id()


def test_the_actions_pages_are_among_the_names_checked():
    assert {"contract-new", "ending-new", "person-detail", "intention-new"} <= set(NAMES)


@given(st.sampled_from(NAMES), st.lists(st.integers(0, 10**12), min_size=1, max_size=5))
def test_an_address_is_what_reverse_makes(name, ids):
    paths = Paths()  # one for several ids, as a list of rows uses it
    for pk in ids:
        assert paths(name, pk) == reverse(name, args=[pk])


def test_the_rows_templates_escape_and_refuse_unknown_names():
    """web/jinja.py: escaping on, and a name the template does not get is an error."""
    env = engines["jinja2"]
    assert env.from_string("{{ x }}").render({"x": "<b>&"}) == "&lt;b&gt;&amp;"
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render({})
    assert env.from_string("{{ d|datum }}").render({"d": date(2026, 9, 30)}) == "30 september 2026"
