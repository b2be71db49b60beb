"""The match score and its hard rules (issue 19 §2), as tables, and the ranking's properties."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from baanbehoud.matching.domain import (
    MSG_ANSWERED,
    MSG_NO_CONSENT,
    MSG_NO_REASON,
    MSG_NOT_INTERESTED_YET,
    MSG_NOTHING_SHARED,
    MSG_OTHER_NOTE,
    MSG_STOPPED,
    SHAREABLE_NAMES,
    Candidate,
    TaskPackage,
    Weights,
    answer_problem,
    distance_km,
    hard_rules,
    match,
    propose_problem,
    rank,
    step_problem,
)

W = Weights()
D = Decimal
BASE_C = Candidate(person_id=1, municipality_id=10)
BASE_P = TaskPackage(vacancy_id=1, municipality_id=10, hours_min=D(12), hours_max=D(24))


def topic(m, name):
    (item,) = [i for i in m.items if i.topic == name]
    return item


@pytest.mark.parametrize(
    ("candidate", "package", "broken"),
    [
        # jobcoaching needs at least 12 hours a week
        ({"needs_jobcoach": True}, {"hours_min": D(8), "hours_max": D(11.5)}, ["minder dan 12"]),
        ({"needs_jobcoach": True}, {"hours_min": D(8), "hours_max": D(12)}, []),
        ({"needs_jobcoach": False}, {"hours_min": D(8), "hours_max": D(10)}, []),
        ({"needs_jobcoach": None}, {"hours_min": D(8), "hours_max": D(10)}, []),
        ({"needs_jobcoach": True}, {"jobcoaching_possible": False}, ["kan niet op deze werkplek"]),
        # more hours than the load capacity
        ({"hours_capacity": D(16)}, {"hours_min": D(16.5), "hours_max": D(24)}, ["minstens 16,5"]),
        ({"hours_capacity": D(16)}, {"hours_min": D(16), "hours_max": D(24)}, []),
        ({"hours_capacity": None}, {"hours_min": D(32), "hours_max": D(36)}, []),
        # demands above what the person can handle
        ({"load_work_pressure": "low"}, {"work_pressure": "medium"}, ["werkdruk is gemiddeld"]),
        ({"load_work_pressure": "medium"}, {"work_pressure": "medium"}, []),
        ({"load_stimuli": "medium"}, {"stimuli": "high"}, ["prikkels is hoog"]),
        ({"load_physical": "low"}, {"physical_demand": "high"}, ["lichamelijk werk is hoog"]),
        ({"load_physical": ""}, {"physical_demand": "high"}, []),
        ({"load_physical": "low"}, {"physical_demand": ""}, []),
        (
            {"needs_jobcoach": True, "hours_capacity": D(8), "load_stimuli": "low"},
            {"hours_min": D(10), "hours_max": D(10), "stimuli": "medium"},
            ["minder dan 12", "minstens 10", "prikkels"],
        ),
    ],
)
def test_the_hard_rules(candidate, package, broken):
    found = hard_rules(replace(BASE_C, **candidate), replace(BASE_P, **package))
    assert len(found) == len(broken)
    for message, part in zip(found, broken, strict=True):
        assert part in message
    m = match(replace(BASE_C, **candidate), replace(BASE_P, **package))
    assert m.suitable is not broken


@pytest.mark.parametrize(
    ("capacity", "low", "high", "points"),
    [
        (None, 12, 24, 0),
        (D(20), 12, 24, W.hours),
        (D(12), 12, 24, W.hours),
        (D(24), 12, 24, W.hours),
        (D(32), 12, 24, W.hours // 2),  # fits, but the person could do more
        (D(8), 12, 24, 0),  # excluded by a hard rule; no points either
    ],
)
def test_hours(capacity, low, high, points):
    m = match(
        replace(BASE_C, hours_capacity=capacity),
        replace(BASE_P, hours_min=D(low), hours_max=D(high)),
    )
    assert topic(m, "Uren").points == points


@pytest.mark.parametrize(
    ("same_place", "km", "points"),
    [
        (True, None, W.travel),
        (False, None, 0),
        (False, 3.0, W.travel),
        (False, 10.0, W.travel),
        (False, 25.0, round(W.travel * 15 / 30)),
        (False, 40.0, 0),
        (False, 80.0, 0),
    ],
)
def test_travel(same_place, km, points):
    package = BASE_P if same_place else replace(BASE_P, municipality_id=11)
    item = topic(match(BASE_C, package, km=km), "Reizen")
    assert item.points == points
    if km is not None and not same_place:
        assert f"{round(km)} km" in item.reason


@pytest.mark.parametrize(
    ("loads", "demands", "points"),
    [
        (("", "", ""), ("low", "low", "low"), 0),
        (("high", "high", "high"), ("low", "medium", "high"), W.demands),
        (("medium", "", "low"), ("low", "low", "low"), W.demands * 2 // 3),
        (("low", "low", "low"), ("medium", "low", ""), W.demands // 3),
    ],
)
def test_demands(loads, demands, points):
    c = replace(BASE_C, load_work_pressure=loads[0], load_stimuli=loads[1], load_physical=loads[2])
    p = replace(BASE_P, work_pressure=demands[0], stimuli=demands[1], physical_demand=demands[2])
    assert topic(match(c, p), "Belasting").points == points


@pytest.mark.parametrize(
    ("prefers", "offered", "points"),
    [
        ("", "team", 0),
        ("team", "", 0),
        ("team", "team", W.social),
        ("alone", "both", W.social),
        ("both", "alone", W.social),
        ("alone", "team", -(W.social // 2)),
        ("team", "alone", -(W.social // 2)),
    ],
)
def test_team_or_alone(prefers, offered, points):
    m = match(
        replace(BASE_C, prefers_team_or_alone=prefers), replace(BASE_P, team_or_alone=offered)
    )
    assert topic(m, "Team of alleen").points == points


@pytest.mark.parametrize(
    ("need", "supervision", "buddy", "points"),
    [
        ("", True, True, 0),
        ("low", False, False, W.guidance),
        ("medium", False, False, 0),
        ("medium", False, True, W.guidance),
        ("high", True, True, W.guidance),
        ("high", True, False, W.guidance // 2),
        ("high", False, False, -W.guidance),
    ],
)
def test_guidance(need, supervision, buddy, points):
    m = match(
        replace(BASE_C, guidance_need=need), replace(BASE_P, supervision=supervision, buddy=buddy)
    )
    assert topic(m, "Begeleiding").points == points


@pytest.mark.parametrize(
    ("wishes", "sector", "points"),
    [(frozenset(), "zorg", 0), (frozenset({"zorg", "groen"}), "zorg", W.sector),
     (frozenset({"groen"}), "zorg", 0)],
)  # fmt: skip
def test_sector(wishes, sector, points):
    m = match(replace(BASE_C, sectors=wishes), replace(BASE_P, sector=sector))
    assert topic(m, "Sector").points == points


K = frozenset


@pytest.mark.parametrize(
    ("good", "avoid", "kinds", "points", "reason"),
    [
        # the package's kinds of work against what the candidate does well (qualities)
        (K({"cleaning"}), K(), K({"cleaning"}), W.tasks, "goed kan: schoonmaken."),
        (K({"cleaning", "outdoors"}), K(), K({"cleaning"}), W.tasks, "goed kan: schoonmaken."),
        (K({"cleaning"}), K(), K({"cleaning", "kitchen"}), W.tasks // 2,
         "goed kan: schoonmaken. Nieuw: keuken en horeca."),
        (K({"cleaning"}), K(), K({"cleaning", "kitchen", "sorting", "outdoors"}),
         round(W.tasks / 4), "Nieuw: inpakken, sorteren en tellen, keuken en horeca, groen"),
        (K({"computer"}), K(), K({"cleaning"}), 0, "Ander werk dan de kandidaat goed kan"),
        # ... and what does not go (limitations): minus all, whatever else fits
        (K({"cleaning"}), K({"customers"}), K({"cleaning", "customers"}), -W.tasks,
         "Dit werk gaat niet goed: klanten helpen en balie."),
        (K(), K({"customers"}), K({"customers"}), -W.tasks, "gaat niet goed"),
        (K(), K({"customers"}), K({"cleaning"}), 0, "Niet bekend welk werk de kandidaat goed"),
        # unknown on either side: no points, and it says so
        (K(), K(), K({"cleaning"}), 0, "Niet bekend welk werk de kandidaat goed kan."),
        (K({"cleaning"}), K({"customers"}), K(), 0, "Niet bekend wat voor werk het is."),
    ],
)  # fmt: skip
def test_tasks_against_qualities_and_limitations(good, avoid, kinds, points, reason):
    c = replace(BASE_C, tasks_good=good, tasks_avoid=avoid)
    item = topic(match(c, replace(BASE_P, task_kinds=kinds)), "Taken")
    assert item.points == points
    assert reason in item.reason


@pytest.mark.parametrize(
    ("werkfit", "points", "reason"),
    [
        (None, 0, "Niet bekend: de werkfit-checklist is niet ingevuld."),
        ((6, 6), W.werkfit, "Alle 6 punten van de werkfit-checklist lukken."),
        ((3, 6), round(W.werkfit / 2), "3 van de 6 punten van de werkfit-checklist lukken."),
        ((0, 6), 0, "0 van de 6 punten"),
        ((0, 0), 0, "Niet bekend"),
    ],
)
def test_the_region_s_werkfit_checklist(werkfit, points, reason):
    item = topic(match(replace(BASE_C, werkfit=werkfit), BASE_P), "Werkfit")
    assert item.points == points and reason in item.reason


def test_work_that_does_not_go_is_not_a_hard_rule():
    """It costs the points and says why; the professional may still see and weigh it."""
    c = replace(BASE_C, tasks_avoid=K({"customers"}))
    assert match(c, replace(BASE_P, task_kinds=K({"customers"}))).suitable


@pytest.mark.parametrize(
    ("lesson", "package", "applies"),
    [
        # "vorige baan: te weinig begeleiding" counts against a workplace without a buddy
        ("GUIDANCE_BURDEN", {}, True),
        ("GUIDANCE_BURDEN", {"buddy": True}, False),
        ("GUIDANCE_BURDEN", {"supervision": True}, True),  # a supervisor is not a buddy
        ("EXPECTATIONS", {}, True),
        ("NO_JOBCOACH", {"jobcoaching_possible": False}, True),
        ("NO_JOBCOACH", {}, False),
        ("WORK_PRESSURE", {"work_pressure": "high"}, True),
        ("WORK_PRESSURE", {"stimuli": "high"}, True),
        ("WORK_PRESSURE", {"work_pressure": "medium"}, False),
        ("LOAD_OVERESTIMATED", {"hours_min": D(20), "hours_max": D(24)}, True),
        ("LOAD_OVERESTIMATED", {"hours_min": D(16), "hours_max": D(24)}, False),
        ("LOAD_VARIES", {"hours_min": D(24), "hours_max": D(24)}, True),
        ("LOAD_VARIES", {}, False),
        ("NO_PERMANENT_CONTRACT", {"intends_permanent": False}, True),
        ("NO_PERMANENT_CONTRACT", {"intends_permanent": None}, False),
        ("REORGANISATION", {"reorganisation_planned": True}, True),
        ("REORGANISATION", {}, False),
        ("PRIVATE", {}, False),  # a reason that says nothing about the next workplace
    ],
)
def test_lessons_of_earlier_endings(lesson, package, applies):
    p = replace(BASE_P, **package)
    without = match(BASE_C, p)
    learnt = match(replace(BASE_C, lessons=frozenset({lesson})), p)
    lessons = [i for i in learnt.items if i.topic == "Les van een vorige baan"]
    assert len(lessons) == applies
    assert learnt.score == without.score - (W.lesson if applies else 0)
    if applies:
        assert lessons[0].reason.startswith("Vorige baan: ")


def test_a_perfect_match_gets_the_most_points() -> None:
    c = Candidate(
        person_id=1, municipality_id=10, hours_capacity=D(20), needs_jobcoach=True,
        load_work_pressure="high", load_stimuli="high", load_physical="high",
        prefers_team_or_alone="team", guidance_need="high", sectors=frozenset({"zorg"}),
        tasks_good=frozenset({"care", "cleaning"}), werkfit=(5, 5),
    )  # fmt: skip
    p = replace(
        BASE_P, work_pressure="low", stimuli="low", physical_demand="low", team_or_alone="team",
        supervision=True, buddy=True, sector="zorg", intends_permanent=True,
        task_kinds=frozenset({"care"}),
    )  # fmt: skip
    m = match(c, p)
    assert m.suitable and m.score == W.most == 105


def test_weights_are_configuration() -> None:
    weights = Weights.from_settings({"hours": 40, "lesson": 30})
    assert topic(match(replace(BASE_C, hours_capacity=D(20)), BASE_P, weights), "Uren").points == 40
    with pytest.raises(ValueError, match="uren"):
        Weights.from_settings({"uren": 3})


def test_distance_between_two_places() -> None:
    utrecht, amersfoort = (52.0907, 5.1214), (52.1561, 5.3878)
    assert distance_km(utrecht, amersfoort) == pytest.approx(19.3, abs=0.5)
    assert distance_km(utrecht, utrecht) == 0
    assert distance_km(utrecht, None) is None


levels = st.sampled_from(["", "low", "medium", "high"])
hours = st.decimals(min_value=0, max_value=40, places=1)
candidates = st.builds(
    Candidate,
    person_id=st.integers(1, 50),
    municipality_id=st.one_of(st.none(), st.integers(1, 4)),
    hours_capacity=st.one_of(st.none(), hours),
    needs_jobcoach=st.one_of(st.none(), st.booleans()),
    load_work_pressure=levels, load_stimuli=levels, load_physical=levels,
    prefers_team_or_alone=st.sampled_from(["", "team", "alone", "both"]),
    guidance_need=levels,
    sectors=st.frozensets(st.sampled_from(["zorg", "groen", "horeca"])),
    lessons=st.frozensets(st.sampled_from(
        ["GUIDANCE_BURDEN", "WORK_PRESSURE", "LOAD_VARIES", "REORGANISATION", "PRIVATE"]
    )),
    tasks_good=st.frozensets(st.sampled_from(["cleaning", "kitchen", "care"])),
    tasks_avoid=st.frozensets(st.sampled_from(["customers", "driving"])),
    werkfit=st.one_of(st.none(), st.integers(0, 6).map(lambda met: (met, 6))),
)  # fmt: skip


ANY_ID = st.integers(1, 50)


@st.composite
def packages(draw, vacancy_id=ANY_ID):
    low = draw(hours)
    return TaskPackage(
        vacancy_id=draw(vacancy_id), municipality_id=draw(st.one_of(st.none(), st.integers(1, 4))),
        hours_min=low, hours_max=low + draw(hours), work_pressure=draw(levels),
        stimuli=draw(levels), physical_demand=draw(levels),
        team_or_alone=draw(st.sampled_from(["", "team", "alone", "both"])),
        supervision=draw(st.booleans()), buddy=draw(st.booleans()),
        jobcoaching_possible=draw(st.booleans()),
        sector=draw(st.sampled_from(["zorg", "groen", "horeca"])),
        intends_permanent=draw(st.one_of(st.none(), st.booleans())),
        reorganisation_planned=draw(st.booleans()),
        task_kinds=draw(st.frozensets(st.sampled_from(["cleaning", "kitchen", "customers"]))),
    )  # fmt: skip


@given(
    candidates,
    st.lists(packages(), max_size=8, unique_by=lambda p: p.vacancy_id),
    packages(vacancy_id=st.integers(51, 60)),
)
def test_ranking_is_stable_when_an_unrelated_vacancy_comes(c, before, newcomer):
    """A vacancy added to the region moves none of the others in a candidate's list."""
    order = [m.package.vacancy_id for m in rank(match(c, p) for p in before)]
    after = [m.package.vacancy_id for m in rank(match(c, p) for p in [*before, newcomer])]
    assert [v for v in after if v != newcomer.vacancy_id] == order


@given(candidates, packages())
def test_the_score_never_exceeds_a_perfect_match(c, p):
    m = match(c, p, km=None)
    assert m.score <= W.most
    assert all(item.reason for item in m.items)


@given(st.lists(candidates, max_size=8, unique_by=lambda c: c.person_id), packages())
def test_excluded_candidates_come_last(cs, p):
    ranked = rank(match(c, p) for c in cs)
    suitable = [m.suitable for m in ranked]
    assert suitable == sorted(suitable, reverse=True)


# -- proposing (issue 19 §3) --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "step", "allowed"),
    [
        ("proposed", "answer", True), ("proposed", "stop", True),
        ("proposed", "meeting", False), ("proposed", "start", False),
        ("interested", "answer", False), ("interested", "meeting", True),
        ("interested", "start", True), ("interested", "stop", True),
        ("meeting", "meeting", True), ("meeting", "start", True), ("meeting", "stop", True),
        ("not_interested", "meeting", False), ("not_interested", "start", False),
        ("not_interested", "stop", False), ("started", "start", False),
        ("started", "stop", False), ("stopped", "answer", False), ("stopped", "start", False),
    ],
)  # fmt: skip
def test_the_steps_of_a_proposal(status, step, allowed):
    assert (step_problem(status, step) is None) is allowed


def test_why_a_step_is_refused():
    assert step_problem("interested", "answer") == MSG_ANSWERED
    assert step_problem("proposed", "start") == MSG_NOT_INTERESTED_YET
    assert step_problem("stopped", "meeting") == MSG_STOPPED


@pytest.mark.parametrize(
    ("interested", "codes", "note", "problem"),
    [
        (True, [], "", None),
        (False, [], "", ("reasons", MSG_NO_REASON)),
        (False, ["MATCH_TASKS"], "", None),
        (False, ["OTHER"], "", ("answer_note", MSG_OTHER_NOTE)),
        (False, ["OTHER"], "Te ver weg voor de bus.", None),
    ],
)
def test_the_employers_answer(interested, codes, note, problem):
    needs_note = [c for c in codes if c == "OTHER"]
    assert answer_problem("proposed", interested, codes, note, needs_note) == problem
    assert answer_problem("interested", interested, codes, note, needs_note) == (
        "__all__", MSG_ANSWERED,
    )  # fmt: skip


def test_a_proposal_needs_a_suitable_match_consent_and_something_to_share():
    fits = match(BASE_C, BASE_P)
    excluded = match(replace(BASE_C, hours_capacity=D(8)), BASE_P)
    assert propose_problem(fits, True, ["qualities"]) is None
    assert propose_problem(fits, False, ["qualities"]) == ("consent", MSG_NO_CONSENT)
    assert propose_problem(fits, True, []) == ("shared_items", MSG_NOTHING_SHARED)
    assert propose_problem(fits, True, ["bsn", "name"]) == ("shared_items", MSG_NOTHING_SHARED)
    field, message = propose_problem(excluded, True, ["qualities"])  # type: ignore[misc]
    assert field == "__all__" and "belastbaarheid is 8 uur" in message
    assert not {"bsn", "name", "disability_category"} & SHAREABLE_NAMES
