from django.core.exceptions import ValidationError
from stdnum.nl import bsn as stdnum_bsn

MSG_BSN_DIGITS = "Een BSN bestaat uit 9 cijfers."
MSG_BSN_ELFPROEF = "Dit BSN klopt niet (elfproef). Controleer het nummer."


def bsn_problem(value: object) -> str | None:
    """The one BSN check (forms, API, import): nine digits that pass the elfproef."""
    if not (isinstance(value, str) and len(value) == 9 and value.isdigit()):
        return MSG_BSN_DIGITS
    if not stdnum_bsn.is_valid(value):
        return MSG_BSN_ELFPROEF
    return None


def validate_bsn(value: str) -> None:
    problem = bsn_problem(value)
    if problem:
        raise ValidationError(problem, code="bsn")
