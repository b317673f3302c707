"""Comparer et choisir entre deux (vague r62, autres mots) : le choix entre deux simulateurs, le « qui » qui décrit le
commerçant, l'outil qui « sert » à quelque chose, l'heure d'un rôle, la place fausse d'une chose ;
docs/conversation.md."""

from __future__ import annotations

import pytest

from cecaz.aspects import is_who_question
from cecaz.catalogue import shared_store
from cecaz.families import compose
from cecaz.moves import asks_about_previous_answer
from cecaz.phrasing import Question
from cecaz.verdicts import confirmation_verdict
from tests.unit.conftest import MONDAY_10, reply_to

CAT = shared_store().get()


@pytest.mark.parametrize(("text", "who"), [
    ("SimulEasy ou SimulUPI pour une boutique de luxe qui prend les Diners ?", False),
    ("quel simu pr un hotel en jpel qui veut l'union pay", False),
    ("qui se sert de SimulUPI ?", True),
    ("c'est qui qui fait la simu pour un traiteur qui prend les diners ?", True),
])
def test_the_who_that_describes_the_merchant_asks_nobody(text, who):
    assert is_who_question(text) is who


@pytest.mark.parametrize(("text", "named", "simulator", "other"), [
    ("SimulUPI ou SimulEasy pour une bijouterie en SP+ qui encaisse des Diners ?",
     {"outils": ["simulupi", "simuleasy"], "offres": ["sp_plus"], "cartes": ["dfs_diners"]}, "SimulUPI",
     "Tarification SP+"),
    ("pour un hôtel qui prend les cartes chinoises, on simule avec simuleasy ou avec simulupi",
     {"outils": ["simuleasy", "simulupi"], "cartes": ["upi"]}, "SimulUPI", "CIF (Chargé"),
])
def test_a_choice_between_the_two_simulators_is_the_cards_simulator(fixed_clock, text, named, simulator, other):
    reply, kept = reply_to(text, "ask_simulator", **named)
    lead = reply.split("\n", 1)[0]
    assert lead.endswith(f": {simulator}.") and not lead.startswith(("Oui", "Non")) and other not in reply
    assert kept["intent"] == "ask_simulator"


@pytest.mark.parametrize(("text", "about_the_answer"), [
    ("elle sert aussi pr les cartes chinoises", True),
    ("et il sert a quoi dans ce cas", True),
    ("ça sert aussi pour un client jpel", True),
    ("il prend aussi les cheques vacances", False),  # the merchant: a fact of the diagnostic
    ("elle veut aussi l'amex", False),
])
def test_what_a_tool_serves_is_a_question_on_the_answer(text, about_the_answer):
    assert asks_about_previous_answer(text) is about_the_answer


def test_when_a_role_acts_is_its_missions_not_the_hours_of_a_line(fixed_clock):
    both = {"intent": "ask_role", "roles": ["cif", "atc"], "acteurs": ["cif", "reseau"]}
    reply, kept = reply_to("et le deuxième il intervient à quel moment", "ask_hours", both)
    assert "Lead Monexpert" in reply and "horaires" not in reply and kept["intent"] == "ask_role"


@pytest.mark.parametrize(("text", "verdict"), [
    ("les simulations, on les dépose bien dans OSC ?", "verdict.non"),
    ("la simu elle se dépose dans MyGed ?", "verdict.oui"),
    ("on la dépose dans OSC pour un client SP+ ?", None),  # SP+ situates: no sentence says it with another offer
])
def test_a_place_said_with_another_tool_is_denied(text, verdict):
    question = Question("ask_simulation_filing")
    found = confirmation_verdict(CAT, text, compose(CAT, question, MONDAY_10))
    assert found == (CAT.say(verdict) if verdict else None)
