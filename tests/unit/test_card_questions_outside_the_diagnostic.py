"""Un message que la NLU lit comme une carte voulue par le client (ce qui lance le diagnostic guidé) mais qui demande
quelque chose de la carte : qui l'ouvre, comment le client la prend, ou la carte seule après une réponse sur les cartes
(docs/conversation.md, « une carte demandée, pas un fait du client »)."""

from __future__ import annotations

import pytest

from actions.diagnostic import ValidateDiagnosticForm
from cecaz.catalogue import load_catalogue
from cecaz.focus import SUBJECT_ONLY, Focus, asked_outside_the_diagnostic
from tests.unit.conftest import reply_to, run_action
from tests.unit.test_diagnostic_actions import texts, tracker

CAT = load_catalogue()
SIMULATORS_FOCUS = Focus(intent="ask_simulator", outils=("simulupi",))


@pytest.mark.parametrize("text, cards", [
    ("elle veut prendre aussi les chèques-vacances : c'est l'ATC qui lui fait ouvrir ?", ("ancv",)),
    ("pr l american express c nous qui faisons la demande", ("amex",)),
    ("Mon client veut l'AMEX en plus ; qui s'occupe de l'affiliation ?", ("amex",)),
])
def test_who_takes_on_a_card_the_client_joins_himself_is_the_affiliation(text, cards):
    assert asked_outside_the_diagnostic(CAT, text, cards, Focus()) == "ask_affiliation"


def test_a_card_alone_after_an_answer_on_the_cards_is_the_previous_question_for_it():
    assert asked_outside_the_diagnostic(CAT, "et l'ancv pareil ?", ("ancv",), SIMULATORS_FOCUS) == SUBJECT_ONLY


@pytest.mark.parametrize("text, cards, focus", [
    ("mon client veut aussi accepter l'amex", ("amex",), SIMULATORS_FOCUS),  # a fact for the diagnostic
    ("et l'amex ?", ("amex",), Focus()),  # nothing said before: the diagnostic asks
    ("c'est le CIF qui s'en occupe pour les Diners ?", ("diners",), Focus()),  # a card we price: no affiliation
])
def test_a_card_the_client_wants_still_starts_the_diagnostic(text, cards, focus):
    assert asked_outside_the_diagnostic(CAT, text, cards, focus) is None


def test_the_form_does_not_start_for_a_question_on_a_card_and_answers_it():
    messages, events = run_action(ValidateDiagnosticForm(), tracker(
        "il veut aussi encaisser les chèques-vacances, c'est le CIF qui lui ouvre ?", "inform_payment_methods",
        entities=[{"entity": "card", "value": "ancv"}, {"entity": "role", "value": "cif"}], active_loop={}))
    said = "\n".join(t or "" for t in texts(messages))
    assert said.startswith("Non") and "affiliation" in said and "utter_diagnostic_intro" not in said
    assert {"event": "active_loop", "name": None} in [{k: e.get(k) for k in ("event", "name")} for e in events]
    assert events[-1].get("event") == "followup" and events[-1].get("name") == "action_listen"


def test_a_question_on_a_line_read_as_a_card_wanted_is_read_as_a_question():
    # no card, no fact on the client: a question in the thread (DIET read a card wanted), not a diagnostic
    focus = {"intent": "ask_offer_definition", "offres": ["jpel"]}
    messages, events = run_action(ValidateDiagnosticForm(), tracker(
        "et le service de tout a l heure il gere aussi l assistance pour jpel", "inform_payment_methods",
        {"focus": focus}, entities=[{"entity": "offer", "value": "jpel"}], active_loop={}))
    said = "\n".join(t or "" for t in texts(messages))
    assert "09 69 37 80 30" in said and "utter_diagnostic_intro" not in said
    assert events[-1].get("event") == "followup" and events[-1].get("name") == "action_listen"


def test_cards_standard_only_still_start_the_diagnostic():
    # guard: « les cb classiques seulement » is a fact for the diagnostic, even with a focus
    assert asked_outside_the_diagnostic(CAT, "les cb classiques seulement", (), SIMULATORS_FOCUS) is None


def test_a_fact_read_by_its_intent_still_starts_the_diagnostic():
    # guard: « et si elle lui va pas ? » after Payplug, read as « Payplug ne lui convient pas »
    payplug = Focus(intent="ask_offer_definition", offres=("payplug",))
    assert asked_outside_the_diagnostic(CAT, "et si elle lui va pas ?", (), payplug, "inform_needs_modular") is None


@pytest.mark.parametrize(("text", "intent", "outside"), [
    ("elle marche aussi pour l'offre la plus modulaire ?", "inform_needs_modular", True),
    ("ce numéro sert aussi pr la solution clé en main de la filiale", "inform_has_site", True),
    ("il lui faut quelque chose de plus modulaire", "inform_needs_modular", False),  # a need: the diagnostic
])
def test_whether_a_line_serves_an_offer_described_is_not_a_fact_for_the_diagnostic(text: str, intent: str,
                                                                                     outside: bool):
    line = Focus("ask_phone", ("jpel",), contacts=("assistance_spplus_jpel",))
    assert (asked_outside_the_diagnostic(CAT, text, (), line, intent) == SUBJECT_ONLY) is outside


@pytest.mark.parametrize("intent", ["ask_open_services", "ask_contracts"])
def test_opening_a_card_joined_directly_is_its_affiliation(fixed_clock, intent):
    # « qui lui met en place les chèques-vacances ? » : nobody here, the client asks the organisation himself
    reply, _ = reply_to("il veut accepter les chèques-vacances, qui lui met ça en place ?", intent, cartes=["ancv"])
    assert "affiliation en direct" in reply, reply
