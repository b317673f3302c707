"""Le moment d'une question fermée sur les horaires, lu dans le texte (cecaz/when.py)."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from cecaz.focus import Focus
from cecaz.hours import PARIS
from cecaz.when import Moment, asked_moment, asks_now, names_a_holiday
from tests.unit.conftest import reply_to

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
    # a note quoted before a question of its own: its day is what the note says, not the moment asked
    ("son post-it dit « rappeler l'équipe partenariat demain à 9h » : c'est quoi leur mail ?", None),
    ("il me dit : « vous êtes ouverts samedi ? »", Moment((5,))),  # his question is the quote
    ("il me demande « vous êtes ouverts samedi ? », je lui réponds quoi ?", Moment((5,))),
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


@pytest.mark.parametrize(("first", "follow_up", "starts"), [
    ("le support payplug, je peux l'appeler demain à 8h30 ?", "et à 9h15 ?", "Oui (le mardi à 9h15)"),
    ("l'équipe partenariat répond samedi à 10h ?", "et vers 16h ?", "Non (le samedi à 16h)"),
])
def test_an_hour_alone_in_a_follow_up_is_on_the_day_asked_before(fixed_clock, first, follow_up, starts):
    _, focus = reply_to(first, "ask_is_open", offres=["payplug"])
    reply, _ = reply_to(follow_up, "ask_is_open", focus)
    assert reply.startswith(starts), reply


@pytest.mark.parametrize(("text", "holiday"), [
    ("et le 14 juillet, ils décrochent ?", True),
    ("un jour férié le support répond ?", True),
    ("pendant les fêtes de fin d'année ils bossent ?", True),
    ("le lundi de Pâques c'est ouvert ?", True),
    ("et le 3 décembre ?", False),  # a weekday like another
    ("ils répondent le samedi ?", False),
])
def test_a_public_holiday_is_named(text: str, holiday: bool):
    assert names_a_holiday(text) is holiday


def test_a_public_holiday_gets_no_yes_or_no_but_the_weekly_hours(fixed_clock):
    _, focus = reply_to("les horaires du service client SP PLUS ?", "ask_hours", offres=["sp_plus"])
    reply, _ = reply_to("et le 1er mai, ils sont ouverts ?", "ask_is_open", focus)
    assert reply.startswith("Je ne peux pas vous répondre pour un jour férié") and "lundi au vendredi" in reply


@pytest.mark.parametrize(("first", "expected"), [
    ("l'assistance monétique PRO décroche dimanche ?", "du lundi au samedi de 9h à 18h"),
    ("le service clients SP PLUS répond samedi matin ?", "du lundi au vendredi de 9h à 18h"),
])
def test_why_a_line_is_closed_then_is_its_hours(fixed_clock, first: str, expected: str):
    _, focus = reply_to(first, "ask_is_open")
    reply, _ = reply_to("pourquoi ?", "ask_why", focus)
    assert expected in reply and "pour l’assistance" not in reply


def test_before_an_hour_is_the_minute_before_it():
    monday_10h = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
    moment = asked_moment("je peux les joindre demain avant 9h30 ?", monday_10h)
    assert moment == Moment((1,), time(9, 29), before=True)
    # the answer says the limit as it was asked, and the focus keeps it for the next message
    assert moment is not None and moment.label() == "le mardi avant 9h30"
    assert Focus.from_slot(Focus(moment=moment).to_slot()).moment == moment


def test_a_day_set_aside_is_not_asked():
    monday_10h = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
    assert asked_moment("non je voulais dire mardi, pas de samedi", monday_10h) == Moment((1,), None)
    assert asked_moment("ils ouvrent pas le samedi ?", monday_10h) == Moment((5,), None)  # the verb negated


def test_a_corrected_day_keeps_the_hour_asked_before(fixed_clock):
    _, focus = reply_to("le support payplug décroche dimanche à 11h ?", "ask_is_open", offres=["payplug"])
    reply, _ = reply_to("pardon, je parlais de lundi prochain, pas de dimanche", "nlu_fallback", focus)
    assert reply.startswith("Oui (le lundi à 11h)"), reply


def test_whom_to_call_for_a_trouble_at_a_moment_is_the_lines_not_whether_they_are_open(fixed_clock):
    _, focus = reply_to("les encaissements payplug arrivent comment ?", "ask_funds", offres=["payplug"])
    reply, _ = reply_to("et s'il a un problème jeudi vers 15h, il contacte qui ?", "nlu_fallback", focus)
    assert not reply.startswith(("Oui", "Non")) and "support@payplug.com" in reply, reply


def test_the_lines_the_merchant_calls_for_a_trouble_are_his_own(fixed_clock):
    _, focus = reply_to("qui paramètre les contrats SP+ ?", "ask_contracts", offres=["sp_plus"])
    reply, _ = reply_to("et si la commerçante a un problème dimanche, elle appelle qui ?", "nlu_fallback", focus)
    assert "09 69 37 80 30" in reply and "09 69 36 06 26" not in reply, reply


@pytest.mark.parametrize("text", [
    "une note du dossier : « joindre l'assistance monétique pro lundi prochain ». Ils ont quelles coordonnées ?",
    # what the note says to do (call) is not what is asked (their coordinates)
    "le post-it dit « appeler l'assistance monétique pro mardi ». Leurs coordonnées ?",
])
def test_a_note_quoted_with_a_day_before_a_question_on_coordinates_gives_the_lines(text: str) -> None:
    reply, focus = reply_to(text, "nlu_fallback", offres=["sp_plus"], services=["assistance_monetique"])
    assert "09 69 36 06 26" in reply and "assistance-monetiquepro@natixis.com" in reply, reply
    assert focus["intent"] != "ask_is_open"


def test_a_note_quoted_before_a_bare_follow_up_still_says_where_the_process_is() -> None:
    reply, _ = reply_to("un dossier SP+ repris ; sur sa fiche : « contrat signé par l'opticien le 2/12 ». Et ensuite ?",
                        "nlu_fallback", offres=["sp_plus"])
    assert "OSC" in reply and "Vouliez-vous dire" not in reply, reply
