"""Saving and removing a view (issue 18 §3). The address is checked: only a list of ours, and
only its filters (not its page or a download)."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from django.db import IntegrityError, transaction
from django.urls import Resolver404, resolve

from baanbehoud.organisations.models import User

from .models import MAX_VIEWS, SAVEABLE_LISTS, SavedView

NOT_KEPT = {"pagina", "formaat"}


class SavedViewError(ValueError):
    pass


def saved_view_save(*, user: User, name: str, address: str) -> SavedView:
    name = " ".join(name.split())[:60]
    if not name:
        raise SavedViewError("Vul in: de naam van de weergave.")
    parts = urlsplit(address)
    if parts.scheme or parts.netloc:
        raise SavedViewError("Deze pagina kan niet als weergave worden bewaard.")
    try:
        match = resolve(parts.path)
    except Resolver404 as exc:
        raise SavedViewError("Deze pagina kan niet als weergave worden bewaard.") from exc
    if match.url_name not in SAVEABLE_LISTS:
        raise SavedViewError("Deze pagina kan niet als weergave worden bewaard.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k not in NOT_KEPT and v])
    with transaction.atomic():
        existing = SavedView.objects.select_for_update().filter(user=user)
        same = existing.filter(name=name).first()
        if same is None and existing.count() >= MAX_VIEWS:
            raise SavedViewError(
                f"U hebt al {MAX_VIEWS} weergaven. Verwijder er eerst een in het menu."
            )
        if same is not None:  # the same name again: the view gets the new filters
            same.path, same.query = parts.path, query
            same.save(update_fields=["path", "query"])
            return same
        try:
            with transaction.atomic():  # a second tab saving the same name at the same moment
                return SavedView.objects.create(user=user, name=name, path=parts.path, query=query)
        except IntegrityError:
            SavedView.objects.filter(user=user, name=name).update(path=parts.path, query=query)
            return SavedView.objects.get(user=user, name=name)


def saved_view_delete(*, user: User, pk: int) -> bool:
    deleted, _ = SavedView.objects.filter(user=user, pk=pk).delete()
    return deleted > 0
