"""Horaires d'ouverture calculés à heure fixe, en heure de Paris."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from cecaz.catalogue import load_catalogue
from cecaz.hours import PARIS, format_next_opening, opening_status

CAT = load_catalogue()
MONETIQUE = CAT.contacts["assistance_monetique_pro"].horaires  # lundi-samedi 9h-18h
PAYPLUG = CAT.contacts["payplug_support"].horaires  # lundi-vendredi 9h-18h
PARTENARIAT = CAT.contacts["payplug_partenariat"].horaires  # lundi-vendredi 9h30-17h30


def paris(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


@pytest.mark.parametrize(("plages", "moment", "open_now", "next_opening"), [
    (PAYPLUG, "2026-12-01T10:15", True, None),  # mardi matin
    (PAYPLUG, "2026-12-01T08:59", False, "aujourd’hui à 9h"),
    (PAYPLUG, "2026-12-01T18:00", False, "demain à 9h"),  # 18:00 pile : fermé
    (PAYPLUG, "2026-12-01T17:59", True, None),
    (PAYPLUG, "2026-12-05T11:00", False, "lundi à 9h"),  # samedi
    (MONETIQUE, "2026-12-05T11:00", True, None),  # samedi : ouvert
    (MONETIQUE, "2026-12-06T11:00", False, "demain à 9h"),  # dimanche
    (PARTENARIAT, "2026-12-04T17:30", False, "lundi à 9h30"),  # vendredi 17h30 pile
    (PARTENARIAT, "2026-12-04T09:29", False, "aujourd’hui à 9h30"),
])
def test_opening_status(plages, moment, open_now, next_opening):
    now = paris(moment)
    status = opening_status(plages, now)
    assert status.known and status.open_now is open_now
    if next_opening:
        assert format_next_opening(status.next_opening, now) == next_opening


def test_paris_time_is_used_whatever_the_clock_zone():
    # 08:30 UTC on a winter Monday is 09:30 in Paris: open.
    assert opening_status(PAYPLUG, datetime(2026, 11, 30, 8, 30, tzinfo=timezone.utc)).open_now
    # 08:30 UTC in summer is 10:30 in Paris (UTC+2).
    status = opening_status(PAYPLUG, datetime(2026, 7, 6, 6, 30, tzinfo=timezone.utc))
    assert status.open_now is False and status.next_opening.hour == 9


def test_daylight_saving_change_weekend():
    # Clocks go forward on Sunday 29 March 2026; Monday opening is 9h Paris = 07:00 UTC.
    sunday = datetime(2026, 3, 29, 12, 0, tzinfo=timezone.utc)
    status = opening_status(PAYPLUG, sunday)
    assert not status.open_now
    assert status.next_opening.astimezone(timezone.utc).hour == 7
    assert format_next_opening(status.next_opening, sunday) == "demain à 9h"
    # Monday 30 March, 07:30 UTC = 09:30 CEST: open.
    assert opening_status(PAYPLUG, datetime(2026, 3, 30, 7, 30, tzinfo=timezone.utc)).open_now


def test_unknown_hours_are_reported_as_unknown():
    status = opening_status(CAT.contacts["assistance_spplus_jpel"].horaires, paris("2026-12-01T10:00"))
    assert status.known is False
