"""Le moment d'une question fermée sur les horaires, lu dans le texte (cecaz/when.py)."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from cecaz.hours import PARIS
from cecaz.when import Moment, asked_moment, asks_now

MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)


@pytest.mark.parametrize(("text", "moment"), [
    ("ils bossent le samedi ?", Moment((5,))),
    ("ouvert samedi et dimanche ?", Moment((5, 6))),
    ("c'est ouvert le week-end ?", Moment((5, 6))),
    ("ils sont dispo demain ?", Moment((1,))),
    ("vers 17h45 je peux encore les joindre ?", Moment((), time(17, 45))),
    ("je peux les appeler à 8h30 ?", Moment((), time(8, 30))),
    ("samedi vers 10 h ?", Moment((5,), time(10, 0))),
    ("ouvert aujourd'hui ?", Moment((0,))),
    ("leur numéro ?", None),
    ("09 69 37 80 30", None),
])
def test_asked_moment(text, moment):
    assert asked_moment(text, MONDAY_10) == moment


def test_label():
    assert Moment((5,), time(10, 0)).label() == "le samedi à 10h"


@pytest.mark.parametrize(("text", "now"), [
    ("je peux les appeler maintenant ?", True),
    ("je peux les appeler là ?", True),  # « là » ending the question: now
    ("ils sont joignables à cette heure-ci ?", True),
    ("on la contacte comment ?", False),  # the article « la »
    ("je la mets où la simu ?", False),
])
def test_asks_now(text: str, now: bool) -> None:
    assert asks_now(text) is now
