"""Ce que le message met à part (cecaz/exclusion.py) : les sujets et les lignes écartés ne sont ni demandés ni
donnés."""

from __future__ import annotations

from typing import Dict, List

import pytest

from cecaz.catalogue import load_catalogue
from cecaz.exclusion import set_aside, without_the_premise
from cecaz.phrasing import Question
from tests.unit.conftest import reply_to

CAT = load_catalogue()


@pytest.mark.parametrize(("text", "lines", "subjects"), [
    ("en dehors de l'équipe partenariat, Payplug a quoi comme ligne ?", ("payplug_partenariat",),
     {"services": ("partenariat",)}),
    ("sauf le 09 69 37 80 30, je donne quoi à un client JPEL ?", ("assistance_spplus_jpel",), {}),
    ("mis à part SimulEasy, on a quel simulateur ?", (), {"outils": ("simuleasy",)}),
    ("pas celui en 08, l'autre c'est lequel ?", ("service_clients_spplus",), {}),
])
def test_what_is_set_aside_is_read_up_to_the_question(text: str, lines: tuple, subjects: Dict[str, tuple]):
    aside = set_aside(CAT, text)
    assert aside is not None and aside.lines == lines and dict(aside.subjects) == subjects
    assert aside.text(text).strip() and len(aside.text(text)) == len(text)


@pytest.mark.parametrize("text", [
    "sauf si Payplug ne lui convient pas, on propose quoi ?",  # a condition
    "il ne veut pas de site, on lui propose quoi ?",  # « pas » inside the sentence
    "à part ça, le support Payplug ouvre le samedi ?",  # nothing the catalogue knows
])
def test_a_condition_or_a_negation_sets_nothing_aside(text: str):
    assert set_aside(CAT, text) is None


@pytest.mark.parametrize(("text", "intent", "named", "expected", "forbidden"), [
    # the line set aside by its service: the other lines of the offer (internal ones said as such)
    ("en dehors du support Payplug, ils ont une autre ligne ?", "ask_support",
     {"offres": ["payplug"], "services": ["support"]}, ["07 57 95 38 07", "usage interne"], ["+33 1 76 34 01 55"]),
    # by its number: the other line for that client
    ("À part le 08 10 00 47 24, je donne quoi à un client SP+ qui a un souci ?", "ask_phone", {"offres": ["sp_plus"]},
     ["09 69 37 80 30"], ["08 10 00 47 24"]),
    # an offer set aside: the question is about what is left
    ("hors Payplug, c'est qui qui fait signer le client ?", "ask_contracts", {"offres": ["payplug"]}, ["CIF"],
     ["full service"]),
    # an offer set aside, none left: the other offers of its kind
    ("mis à part SP+, on a quelle offre de pages de paiement ?", "ask_choose_offer", {"offres": ["sp_plus"]},
     ["Payplug : l’offre"], ["modulaire"]),
])
def test_what_is_set_aside_is_neither_asked_nor_given(fixed_clock: str, text: str, intent: str,
                                                      named: Dict[str, List[str]], expected: List[str],
                                                      forbidden: List[str]):
    reply, _ = reply_to(text, intent, **named)
    assert all(e in reply for e in expected) and not any(f in reply for f in forbidden), reply


@pytest.mark.parametrize(("text", "intent", "named", "expected", "forbidden"), [
    # what the message takes for granted names another offer than the one asked about: the one asked about
    ("Puisque SP+ passe par Payplug, je file quel numéro à mon client SP+ ?", "ask_phone",
     {"offres": ["sp_plus", "payplug"]}, ["09 69 37 80 30"], ["+33 1 76 34 01 55"]),
    # a line for a client of an offer: that offer's lines, whatever other offer is named
    ("je donne quel numéro Payplug à une fleuriste en JPEL ?", "ask_phone", {"offres": ["payplug", "jpel"]},
     ["09 69 37 80 30"], ["+33 1 76 34 01 55"]),
    # « jdonne » : the adviser's act typed fast, a closed question on what to give
    ("vu que c'est payplug derriere, jdonne le support payplug a un client jpel", "ask_choose_offer",
     {"offres": ["payplug", "jpel"], "services": ["support"]}, ["Non", "09 69 37 80 30"], ["support@payplug.com"]),
])
def test_the_premise_or_another_offer_named_does_not_change_the_clients_lines(
        fixed_clock: str, text: str, intent: str, named: Dict[str, List[str]], expected: List[str],
        forbidden: List[str]):
    reply, _ = reply_to(text, intent, **named)
    assert all(e in reply for e in expected) and not any(f in reply for f in forbidden), reply


def test_a_premise_keeps_its_subject_when_the_question_names_none():
    # « comme il est chez Payplug, il appelle qui ? » : the premise says who the client is, the question asks his lines
    reading = Question("ask_support", offres=("payplug",))
    assert without_the_premise(CAT, reading, "comme il est chez Payplug, il appelle qui ?") == reading


def test_an_address_set_aside_is_the_coordinate_not_the_line():
    aside = set_aside(CAT, "mis à part l'adresse support@payplug.com, le client peut les joindre comment ?")
    assert aside is not None and aside.lines == () and aside.subjects == () and aside.coordinate == "email"


def test_a_simulator_set_aside_leaves_the_other_one():
    text = "hormis SimulUPI, on a quel simulateur ?"
    aside = set_aside(CAT, text)
    assert aside is not None
    assert aside.reading(CAT, Question("ask_simulator", outils=("simulupi",)), text).outils == ("simuleasy",)


@pytest.mark.parametrize("text", ["Ok, comme SP+ passe par Payplug, quel numéro pour mon client SP+ ?",
                                  "bon et puisque SP+ passe par Payplug : quel numéro pour mon client SP+ ?"])
def test_a_premise_after_an_acknowledgement_is_still_a_premise(text: str) -> None:
    reading = Question("ask_phone", offres=("sp_plus", "payplug"))
    assert without_the_premise(CAT, reading, text).offres == ("sp_plus",)
