"""Durée de conservation des conversations (issue 15) : `CECAZ_RETENTION_DAYS` et l'instant limite de la purge."""

from __future__ import annotations

import pytest

from cecaz import settings
from cecaz.settings import SettingsError
from ops.purge import DAY_S, cutoff, store_url


def test_the_retention_is_90_days_unless_set() -> None:
    assert settings.load({}).retention_days == 90
    assert settings.load({"CECAZ_RETENTION_DAYS": " 30 "}).retention_days == 30


@pytest.mark.parametrize("value", ["0", "-5", "1.5", "trente", "90j"])
def test_a_retention_that_is_not_a_whole_number_of_days_stops_the_start(value: str) -> None:
    with pytest.raises(SettingsError, match="CECAZ_RETENTION_DAYS"):
        settings.load({"CECAZ_RETENTION_DAYS": value})


def test_the_cutoff_is_the_retention_before_now() -> None:
    assert cutoff(90, now=100 * DAY_S) == 10 * DAY_S


def test_the_store_follows_the_profile() -> None:
    config = settings.load({"TRACKER_DB": "/srv/cecaz/tracker.db", "CECAZ_PG_HOST": "db.cecaz.internal",
                            "CECAZ_PG_PASSWORD": "motdepasse", "CECAZ_PG_DATABASE": "conversations"})
    assert store_url(config, "sqlite").render_as_string() == "sqlite:////srv/cecaz/tracker.db"
    shown = store_url(config, "postgresql").render_as_string(hide_password=True)
    assert shown == "postgresql://postgres:***@db.cecaz.internal:5432/conversations"
