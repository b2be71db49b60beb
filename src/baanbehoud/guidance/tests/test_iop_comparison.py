"""The IOP comparison highlights exactly the items where worker and supervisor differ by 2 or more."""

import pytest

from baanbehoud.guidance.domain import EVALUATION_ITEMS, compare


@pytest.mark.parametrize(
    ("worker", "supervisor", "differs", "remark"),
    [
        (4, 4, False, ""),
        (4, 3, False, ""),
        (3, 4, False, ""),
        (4, 2, True, "Werknemer schat dit hoger in dan leidinggevende."),
        (1, 3, True, "Werknemer schat dit lager in dan leidinggevende."),
        (4, 1, True, "Werknemer schat dit hoger in dan leidinggevende."),
        (1, 4, True, "Werknemer schat dit lager in dan leidinggevende."),
        (2, None, False, ""),
        (None, None, False, ""),
    ],
)
def test_one_item(worker, supervisor, differs, remark):
    item = compare({"pace": worker} if worker else {}, {"pace": supervisor} if supervisor else {})[
        1
    ]
    assert item.code == "pace"
    assert (item.differs, item.remark) == (differs, remark)


def test_exactly_the_items_that_differ_by_two_or_more_are_highlighted():
    worker = {code: 4 for code, _t in EVALUATION_ITEMS}
    supervisor = {code: 4 for code, _t in EVALUATION_ITEMS} | {"pace": 2, "quality": 3, "energy": 1}
    assert [i.code for i in compare(worker, supervisor) if i.differs] == ["pace", "energy"]
    assert len(compare(worker, supervisor)) == 12
