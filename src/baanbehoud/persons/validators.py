from django.core.exceptions import ValidationError
from stdnum.nl import bsn as stdnum_bsn

MSG_BSN_DIGITS = "Een BSN bestaat uit 9 cijfers."
MSG_BSN_ELFPROEF = "Dit BSN klopt niet (elfproef). Controleer het nummer."


def validate_bsn(value: str) -> None:
    """BSN: nine digits that pass the elfproef (python-stdnum)."""
    if not (len(value) == 9 and value.isdigit()):
        raise ValidationError(MSG_BSN_DIGITS, code="bsn_digits")
    if not stdnum_bsn.is_valid(value):
        raise ValidationError(MSG_BSN_ELFPROEF, code="bsn_elfproef")
