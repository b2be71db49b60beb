"""Writes of employers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from .models import Employer

if TYPE_CHECKING:
    from baanbehoud.organisations.models import User


@transaction.atomic
def account_manager_assign(*, employer: Employer, account_manager: User | None) -> Employer:
    """Report §4.2.5: employers want a fixed WSP contact, also once the worker is permanent."""
    employer.account_manager = account_manager
    employer.full_clean()
    employer.save(update_fields=["account_manager"])
    return employer
