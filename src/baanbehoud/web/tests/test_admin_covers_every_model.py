"""Every model can be managed in the Dutch admin, and its list, search and add pages render."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from baanbehoud.organisations.tests.factories import UserFactory

DEMO_SEED = 3  # conftest.demo_module

OWN_APPS = {"organisations", "persons", "employers", "placements", "guidance", "audit"}
OWN_MODELS = [m for m in apps.get_models() if m._meta.app_label in OWN_APPS]


def test_every_model_of_ours_is_registered_in_the_admin():
    missing = [m._meta.label for m in OWN_MODELS if m not in admin.site._registry]
    assert missing == []


@pytest.fixture
def superuser_client(client, demo_module, db):
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", OWN_MODELS, ids=lambda m: m._meta.label)
def test_admin_pages_render_in_dutch(superuser_client, model):
    opts = model._meta
    changelist = superuser_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "a"}
    )
    assert changelist.status_code == 200
    assert "Zoek" in changelist.content.decode() or not admin.site._registry[model].search_fields
    obj = model.objects.first()
    if obj is not None:
        change = superuser_client.get(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )
        assert change.status_code == 200
