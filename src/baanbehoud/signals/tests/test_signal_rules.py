"""Every signal of docs/signals.md: raised, not yet due, resolved, and the exact due date.
Pure: records in, signals out, no database."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from baanbehoud.placements.domain import ContractKind
from baanbehoud.signals.domain import (
    Code,
    Concern,
    Contract,
    HoursStep,
    Jobcoaching,
    PlacementFacts,
    Provision,
    SignalConfig,
    open_signals,
)

D = date.fromisoformat
TEMP = ContractKind.TEMPORARY
PERM = ContractKind.PERMANENT
TRIAL = ContractKind.PROEFPLAATSING


def contract(id, kind, start, end):
    return Contract(id, kind, D(start), D(end) if end else None)


def facts(*contracts, **kwargs):
    temporaries = tuple(c for c in contracts if c.kind == TEMP)
    kwargs.setdefault("chain", temporaries)
    # Contacts and evaluations recorded, so only the signal under test is open unless stated.
    return PlacementFacts(
        id=1, route=kwargs.pop("route", "wsp"), contracts=tuple(contracts), **kwargs
    )


def codes(f, on):
    return [s.code for s in open_signals(f, D(on))]


def only(f, on, code):
    found = [s for s in open_signals(f, D(on)) if s.code == code]
    assert len(found) <= 1
    return found[0] if found else None


# A second temporary contract ending 30 September 2026 (the exchange example), quiet otherwise.
FIRST = contract(1, TEMP, "2025-03-06", "2025-09-30")
SECOND = contract(2, TEMP, "2025-10-01", "2026-09-30")
QUIET = {
    "contacts": (D("2026-07-15"),),
    "evaluations": (D("2025-10-17"), D("2025-12-06"), D("2026-03-06")),
}


class TestContractEnd:
    def test_due_two_calendar_months_before_the_end(self):
        signal = only(facts(FIRST, SECOND, **QUIET), "2026-07-30", Code.CONTRACT_END)
        assert signal is not None
        assert signal.due == D("2026-07-30")  # 30 September - 2 months
        assert signal.message.startswith(
            "Tijdelijk contract eindigt op 30-09-2026. Bespreek verlenging met de werkgever."
        )
        assert "30-08-2026" in signal.message  # aanzegdatum: end minus one month
        assert signal.priority == "normal"

    def test_not_yet_due_the_day_before(self):
        assert only(facts(FIRST, SECOND, **QUIET), "2026-07-29", Code.CONTRACT_END) is None

    def test_open_on_the_end_date_itself_and_gone_the_day_after(self):
        assert only(facts(FIRST, SECOND, **QUIET), "2026-09-30", Code.CONTRACT_END) is not None
        assert only(facts(FIRST, SECOND, **QUIET), "2026-10-01", Code.CONTRACT_END) is None

    def test_resolved_by_a_next_contract_even_one_starting_later(self):
        extension = contract(3, TEMP, "2026-10-01", "2027-03-31")
        assert (
            only(facts(FIRST, SECOND, extension, **QUIET), "2026-08-15", Code.CONTRACT_END) is None
        )

    def test_resolved_by_a_recorded_ending_whatever_its_date(self):
        assert (
            only(
                facts(FIRST, SECOND, ending=D("2026-09-30"), **QUIET),
                "2026-08-15",
                Code.CONTRACT_END,
            )
            is None
        )

    def test_calendar_months_at_month_end(self):
        short = contract(1, TEMP, "2025-08-31", "2026-08-31")
        assert only(facts(short), "2026-06-30", Code.CONTRACT_END).due == D("2026-06-30")

    def test_lead_time_is_configuration(self):
        f = facts(FIRST, SECOND, config=SignalConfig(contract_end_lead_months=3), **QUIET)
        assert only(f, "2026-06-30", Code.CONTRACT_END).due == D("2026-06-30")

    def test_a_short_contract_has_no_aanzegplicht(self):
        short = contract(1, TEMP, "2026-06-01", "2026-09-30")
        assert "aanzegplicht" not in only(facts(short), "2026-08-15", Code.CONTRACT_END).message


class TestChainTransition:
    THIRD = contract(3, TEMP, "2026-10-01", "2027-09-30")

    def test_raised_instead_of_contract_end_for_the_last_allowed_contract(self):
        f = facts(FIRST, SECOND, self.THIRD)
        on = "2027-07-01"
        assert Code.CONTRACT_END not in codes(f, on)
        signal = only(f, on, Code.CHAIN_TRANSITION)
        assert signal.due == D("2027-06-30")  # 30 September 2027 - 3 months
        assert signal.priority == "high"
        assert "30-08-2027" in signal.message

    def test_not_yet_due(self):
        assert only(facts(FIRST, SECOND, self.THIRD), "2027-06-29", Code.CHAIN_TRANSITION) is None

    def test_resolved_by_a_next_contract_or_an_ending_or_the_end_date_passing(self):
        permanent = contract(4, PERM, "2027-10-01", None)
        assert (
            only(facts(FIRST, SECOND, self.THIRD, permanent), "2027-07-15", Code.CHAIN_TRANSITION)
            is None
        )
        assert (
            only(
                facts(FIRST, SECOND, self.THIRD, ending=D("2027-09-30")),
                "2027-07-15",
                Code.CHAIN_TRANSITION,
            )
            is None
        )
        assert only(facts(FIRST, SECOND, self.THIRD), "2027-10-01", Code.CHAIN_TRANSITION) is None

    def test_due_from_the_day_before_the_chain_becomes_permanent_by_length(self):
        # Chain from 2023-01-01; 36 months end 2025-12-31; this contract runs past it.
        long = (
            contract(1, TEMP, "2023-01-01", "2024-12-31"),
            contract(2, TEMP, "2025-01-01", "2026-06-30"),
        )
        signal = only(facts(*long), "2025-10-01", Code.CHAIN_TRANSITION)
        assert signal.due == D("2025-09-30")  # (2026-01-01 - 1 day) - 3 months

    def test_the_chain_counts_contracts_at_the_same_employer_in_another_placement(self):
        earlier_elsewhere = (
            contract(10, TEMP, "2024-03-01", "2024-08-31"),
            contract(11, TEMP, "2024-09-01", "2025-02-28"),
        )
        current = contract(1, TEMP, "2025-03-01", "2025-12-31")
        f = facts(current, chain=(*earlier_elsewhere, current))
        assert only(f, "2025-10-15", Code.CHAIN_TRANSITION) is not None
        assert only(facts(current), "2025-10-15", Code.CHAIN_TRANSITION) is None


class TestTrialEnd:
    TRIAL_ = contract(1, TRIAL, "2026-01-05", "2026-03-04")

    def test_due_fourteen_days_before_the_end(self):
        assert only(facts(self.TRIAL_), "2026-02-18", Code.TRIAL_END).due == D("2026-02-18")
        assert only(facts(self.TRIAL_), "2026-02-17", Code.TRIAL_END) is None

    def test_resolved_by_a_contract_or_ending_or_the_end_date_passing(self):
        follows = contract(2, TEMP, "2026-03-05", "2026-09-04")
        assert only(facts(self.TRIAL_, follows), "2026-02-20", Code.TRIAL_END) is None
        assert (
            only(facts(self.TRIAL_, ending=D("2026-03-04")), "2026-02-20", Code.TRIAL_END) is None
        )
        assert only(facts(self.TRIAL_), "2026-03-05", Code.TRIAL_END) is None


class TestEndingUnregistered:
    def test_due_the_day_after_a_temporary_contract_ends_with_nothing_after_it(self):
        f = facts(FIRST, SECOND, **QUIET)
        assert only(f, "2026-09-30", Code.ENDING_UNREGISTERED) is None
        assert only(f, "2026-10-01", Code.ENDING_UNREGISTERED).due == D("2026-10-01")
        assert only(f, "2027-06-01", Code.ENDING_UNREGISTERED) is not None

    def test_also_after_a_proefplaatsing(self):
        trial = contract(1, TRIAL, "2026-01-05", "2026-03-04")
        assert only(facts(trial), "2026-03-05", Code.ENDING_UNREGISTERED).due == D("2026-03-05")

    def test_resolved_by_an_ending(self):
        assert (
            only(
                facts(FIRST, SECOND, ending=D("2026-09-30")), "2026-10-01", Code.ENDING_UNREGISTERED
            )
            is None
        )

    def test_resolved_by_a_next_contract_within_the_tussenpoos(self):
        later = contract(3, TEMP, "2027-03-01", "2027-08-31")
        assert only(facts(FIRST, SECOND, later), "2026-11-01", Code.ENDING_UNREGISTERED) is None

    def test_a_next_contract_after_the_tussenpoos_still_resolves_it(self):
        # docs/signals.md: any later contract resolves it; the chain simply starts again.
        much_later = contract(3, TEMP, "2027-06-01", "2027-08-31")
        assert (
            only(facts(FIRST, SECOND, much_later), "2026-11-01", Code.ENDING_UNREGISTERED) is None
        )


class TestEvaluationDue:
    START = contract(1, TEMP, "2025-08-31", "2026-08-30")

    def test_moments_at_six_weeks_three_and_six_months(self):
        f = facts(self.START, contacts=(D("2025-10-01"),))
        assert only(f, "2025-10-12", Code.EVALUATION_DUE).due == D("2025-10-12")  # 31 Aug + 6 weeks
        assert only(f, "2025-10-11", Code.EVALUATION_DUE) is None
        assert only(f, "2025-11-30", Code.EVALUATION_DUE).due == D("2025-11-30")  # + 3 months
        assert only(f, "2026-02-28", Code.EVALUATION_DUE).due == D("2026-02-28")  # + 6 months
        assert only(f, "2026-05-27", Code.EVALUATION_DUE) is not None  # the last is open 3 months
        assert only(f, "2026-05-28", Code.EVALUATION_DUE) is None

    def test_an_evaluation_from_fourteen_days_before_fulfils_the_moment(self):
        f = facts(self.START, evaluations=(D("2025-09-28"),))
        assert only(f, "2025-10-12", Code.EVALUATION_DUE) is None
        f_early = facts(self.START, evaluations=(D("2025-09-27"),))
        assert only(f_early, "2025-10-12", Code.EVALUATION_DUE) is not None

    def test_an_evaluation_counts_only_when_dated_on_or_before_the_day(self):
        f = facts(self.START, evaluations=(D("2025-10-20"),))
        assert only(f, "2025-10-15", Code.EVALUATION_DUE) is not None
        assert only(f, "2025-10-20", Code.EVALUATION_DUE) is None

    def test_one_evaluation_fulfils_one_moment(self):
        f = facts(self.START, evaluations=(D("2025-11-30"),))
        # It fulfils the 6-week moment (the first it can); the 3-month one stays open.
        assert only(f, "2025-12-01", Code.EVALUATION_DUE).due == D("2025-11-30")

    def test_counted_from_the_first_employment_contract_not_the_proefplaatsing(self):
        trial = contract(1, TRIAL, "2025-07-01", "2025-08-30")
        first = contract(2, TEMP, "2025-08-31", "2026-08-30")
        assert only(facts(trial, first), "2025-10-12", Code.EVALUATION_DUE).due == D("2025-10-12")


class TestContactDue:
    def test_three_months_after_the_last_contact_while_temporary(self):
        f = facts(SECOND, contacts=(D("2025-11-30"),))
        assert only(f, "2026-02-28", Code.CONTACT_DUE).due == D("2026-02-28")
        assert only(f, "2026-02-27", Code.CONTACT_DUE) is None

    def test_from_the_first_contract_start_without_any_contact(self):
        assert only(facts(SECOND), "2026-01-01", Code.CONTACT_DUE).due == D("2026-01-01")

    def test_six_months_once_permanent_or_self_found(self):
        permanent = contract(3, PERM, "2026-10-01", None)
        f = facts(FIRST, SECOND, permanent, contacts=(D("2026-10-15"),))
        assert only(f, "2027-04-15", Code.CONTACT_DUE).due == D("2027-04-15")
        self_found = facts(SECOND, route="self", contacts=(D("2025-11-30"),))
        assert only(self_found, "2026-05-30", Code.CONTACT_DUE).due == D("2026-05-30")

    def test_resolved_by_a_contact_moment_dated_on_or_before_the_day(self):
        f = facts(SECOND, contacts=(D("2025-11-30"), D("2026-03-10")))
        assert only(f, "2026-03-10", Code.CONTACT_DUE) is None
        assert only(f, "2026-03-09", Code.CONTACT_DUE) is not None


class TestNoContactPerson:
    def test_open_while_active_and_due_on_the_first_contract_start(self):
        f = facts(FIRST, SECOND, person_has_contact=False, **QUIET)
        signal = only(f, "2026-08-01", Code.NO_CONTACT_PERSON)
        assert signal.due == D("2025-03-06")
        assert "De werknemer heeft geen vaste contactpersoon" in signal.message

    def test_employer_without_contact_person(self):
        f = facts(FIRST, SECOND, employer_has_contact=False, **QUIET)
        assert (
            "De werkgever heeft geen vaste contactpersoon"
            in only(f, "2026-08-01", Code.NO_CONTACT_PERSON).message
        )

    def test_not_yet_due_before_the_first_contract_starts(self):
        assert (
            only(
                facts(FIRST, SECOND, person_has_contact=False), "2025-03-05", Code.NO_CONTACT_PERSON
            )
            is None
        )

    def test_not_when_no_contract_covers_the_day(self):
        assert (
            only(
                facts(FIRST, SECOND, person_has_contact=False), "2026-10-02", Code.NO_CONTACT_PERSON
            )
            is None
        )

    def test_resolved_by_a_contact_person(self):
        assert only(facts(FIRST, SECOND, **QUIET), "2026-08-01", Code.NO_CONTACT_PERSON) is None


def trajectory(**kwargs):
    return Jobcoaching(id=7, start=D("2025-03-06"), end=None, **kwargs)


class TestJobcoachReportOverdue:
    def test_monthly_after_the_last_report(self):
        f = facts(FIRST, SECOND, jobcoaching=(trajectory(reports=(D("2025-05-20"),)),))
        assert only(f, "2025-06-20", Code.JOBCOACH_REPORT_OVERDUE).due == D("2025-06-20")
        assert only(f, "2025-06-19", Code.JOBCOACH_REPORT_OVERDUE) is None

    def test_quarterly_cadence(self):
        f = facts(
            FIRST,
            SECOND,
            jobcoaching=(trajectory(reports=(D("2025-05-20"),), report_cadence_months=3),),
        )
        assert only(f, "2025-08-20", Code.JOBCOACH_REPORT_OVERDUE).due == D("2025-08-20")

    def test_resolved_by_a_report(self):
        f = facts(
            FIRST, SECOND, jobcoaching=(trajectory(reports=(D("2025-05-20"), D("2025-06-18"))),)
        )
        assert only(f, "2025-06-25", Code.JOBCOACH_REPORT_OVERDUE) is None


class TestJobcoachBudget:
    def test_raised_when_this_years_hours_pass_80_percent_of_52(self):
        hours = tuple((D(f"2025-{m:02d}-01"), Decimal(8)) for m in range(3, 9))  # 48 h by August
        f = facts(FIRST, SECOND, jobcoaching=(trajectory(hours=hours, reports=(D("2025-08-20"),)),))
        signal = only(f, "2025-08-25", Code.JOBCOACH_BUDGET)
        assert signal.due == D("2025-08-01")  # 41.6 h passed with August's hours
        assert "48 van de 52 uur" in signal.message
        assert only(f, "2025-07-25", Code.JOBCOACH_BUDGET) is None  # 40 h: not yet

    def test_not_with_an_exception(self):
        hours = tuple((D(f"2025-{m:02d}-01"), Decimal(8)) for m in range(3, 9))
        f = facts(FIRST, SECOND, jobcoaching=(trajectory(hours=hours, has_exception=True),))
        assert only(f, "2025-08-25", Code.JOBCOACH_BUDGET) is None

    def test_raised_two_months_before_the_two_year_maximum(self):
        permanent = contract(3, PERM, "2026-10-01", None)
        f = facts(FIRST, SECOND, permanent, jobcoaching=(trajectory(reports=(D("2027-01-10"),)),))
        assert only(f, "2027-01-06", Code.JOBCOACH_BUDGET).due == D(
            "2027-01-06"
        )  # 2027-03-06 - 2 months
        assert only(f, "2027-01-05", Code.JOBCOACH_BUDGET) is None


class TestHoursReviewDue:
    def test_due_on_the_review_date_until_decided(self):
        step = HoursStep(3, review=D("2025-04-15"), decided=None)
        f = facts(FIRST, hours_steps=(step,))
        assert only(f, "2025-04-15", Code.HOURS_REVIEW_DUE).due == D("2025-04-15")
        assert only(f, "2025-04-14", Code.HOURS_REVIEW_DUE) is None
        decided = facts(FIRST, hours_steps=(replace(step, decided=D("2025-04-16")),))
        assert only(decided, "2025-04-16", Code.HOURS_REVIEW_DUE) is None
        assert only(decided, "2025-04-15", Code.HOURS_REVIEW_DUE) is not None


class TestConcernRaised:
    CONCERN = Concern(5, D("2025-05-02"), None, "employer", "change_at_work")

    def test_high_priority_due_at_once(self):
        signal = only(facts(FIRST, concerns=(self.CONCERN,)), "2025-05-02", Code.CONCERN_RAISED)
        assert signal.due == D("2025-05-02") and signal.priority == "high"
        assert signal.message.startswith("De werkgever trekt aan de bel")
        assert (
            only(facts(FIRST, concerns=(self.CONCERN,)), "2025-05-01", Code.CONCERN_RAISED) is None
        )

    def test_resolved_when_handled(self):
        handled = replace(self.CONCERN, handled=D("2025-05-03"))
        assert only(facts(FIRST, concerns=(handled,)), "2025-05-03", Code.CONCERN_RAISED) is None

    def test_still_open_after_the_placement_ended(self):
        f = facts(FIRST, concerns=(self.CONCERN,), ending=D("2025-06-01"), ending_next="new_job")
        assert codes(f, "2025-07-01") == [Code.CONCERN_RAISED]


class TestProvisionPending:
    def test_due_four_weeks_after_the_request(self):
        p = Provision(4, "Vergrotingssoftware", D("2025-02-01"), None)
        assert only(facts(FIRST, provisions=(p,)), "2025-03-01", Code.PROVISION_PENDING).due == D(
            "2025-03-01"
        )
        assert only(facts(FIRST, provisions=(p,)), "2025-02-28", Code.PROVISION_PENDING) is None

    def test_resolved_when_granted_or_closed(self):
        granted = Provision(4, "Vergrotingssoftware", D("2025-02-01"), D("2025-03-10"))
        assert (
            only(facts(FIRST, provisions=(granted,)), "2025-03-10", Code.PROVISION_PENDING) is None
        )
        assert (
            only(facts(FIRST, provisions=(granted,)), "2025-03-09", Code.PROVISION_PENDING)
            is not None
        )
        refused = Provision(4, "Stoel", D("2025-02-01"), None, closed=True)
        assert (
            only(facts(FIRST, provisions=(refused,)), "2025-04-01", Code.PROVISION_PENDING) is None
        )


def test_an_ended_placement_has_no_open_signals_but_concerns_and_aftercare():
    f = facts(FIRST, SECOND, person_has_contact=False, ending=D("2026-05-01"))
    assert codes(f, "2026-06-01") == [Code.AFTERCARE_DUE]  # what came next is unknown
    assert codes(replace(f, ending_next="new_job"), "2026-06-01") == []


def test_signals_are_sorted_by_due_date_then_code():
    f = facts(FIRST, SECOND, person_has_contact=False)
    found = open_signals(f, D("2026-08-01"))
    assert [(s.due, s.code.value) for s in found] == sorted((s.due, s.code.value) for s in found)


class TestAanzegdatumPassed:
    """Issue 21 §2: after the aanzegdatum the worklist says it has passed and what it means."""

    def test_before_it_says_by_when(self):
        signal = only(facts(FIRST, SECOND, **QUIET), "2026-08-15", Code.CONTRACT_END)
        assert "uiterlijk 30-08-2026 schriftelijk laten weten" in signal.message

    def test_after_it_says_it_passed_and_what_that_costs(self):
        signal = only(facts(FIRST, SECOND, **QUIET), "2026-09-01", Code.CONTRACT_END)
        assert "De aanzegdatum (30-08-2026) is voorbij" in signal.message
        assert "een maand loon" in signal.message
        assert "uiterlijk" not in signal.message
