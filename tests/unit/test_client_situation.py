"""Un message qui décrit la situation du client et demande l'offre va au diagnostic, faits déjà dits
(cecaz.diagnostic.starts_a_diagnostic, actions.answer.goes_to_the_diagnostic) : l'offre tout de suite, sans redemander
ce qui est su ; après une réponse qui choisissait une offre, « et si Payplug ne lui convient pas ? » aussi."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest

from actions.answer import ActionAnswer
from actions.diagnostic import ValidateDiagnosticForm
from cecaz.catalogue import load_catalogue
from cecaz.diagnostic import NON, OUI, describes_the_client, known_facts, starts_a_diagnostic
from tests.unit.conftest import build_tracker, run_action

CAT = load_catalogue()
FOLLOWUP_FORM = {"event": "followup", "timestamp": None, "name": "diagnostic_form"}


@pytest.mark.parametrize("text, site, payplug, moyens", [
    ("il a un site mais payplug c'est non pour lui, que de la cb, on part sur quoi ?", OUI, NON, []),
    ("client avec un site internet, rien contre payplug, cb uniquement, tu recommandes quoi ?", OUI, OUI, []),
    ("Mon client a un site mais Payplug ne lui convient pas, que lui proposer ?", OUI, NON, None),
    ("il a déjà sa boutique en ligne, payplug ne lui va pas, il veut l'amex : quelle solution ?", OUI, NON, ["amex"]),
    ("son site tourne deja, payplug non merci, que de la cb, je pars sur quoi ?", OUI, NON, []),
    ("il a un site, payplug lui plait pas, il prend les cb", OUI, NON, []),  # three facts, no question: enough
    ("pas de site mais il veut en créer un, il prend la cb, tu me conseilles quoi ?", NON, None, []),
    ("pas de site, il prend la cb, on lui met quoi en place ?", NON, None, []),  # what to set up: the offer
    ("client avec un site, payplug lui va, cartes cb", OUI, OUI, []),  # the cards he takes, last of a list
    # « qui » relative to the site is not a question on who acts
    ("client avec un site qui tourne deja, payplug ca lui va, cb uniquement, on part sur quoi ?", OUI, OUI, []),
    # two facts, nothing else asked: a client described for the diagnostic
    ("elle donne des cours de yoga en visio, pas de site et pas de projet de site", NON, None, None),
])
def test_a_described_client_goes_to_the_diagnostic_with_every_fact_said(
        text: str, site: str, payplug: str, moyens: Optional[List[str]]) -> None:
    assert describes_the_client(CAT, text)
    facts = known_facts(CAT, text, CAT.find_in_text("card", text)).to_values()
    assert (facts["site"], facts["payplug"], facts["moyens"]) == (site, payplug, moyens)


@pytest.mark.parametrize("text", [
    "mon client a un site, quel est le numéro de payplug ?",  # one fact, and a contact question
    "un client sans site, c'est quoi JPEL ?",  # one fact, asks no offer
    "quelle offre proposer à un client ?",  # asks the offer, says nothing of the client
    "payplug et sp+, je propose lequel ?",
    "quel contrat pour la cb ?",  # a card named last is a fact only beside others
    "il n'a pas de site, c'est quoi JPEL ?",  # one fact, and a question of its own
    "Un bijoutier a un site mais Payplug ne lui convient pas, il part sur SP+ : qui lui fait signer ?",  # who does it
])
def test_a_question_that_does_not_describe_the_client_keeps_its_family(text: str) -> None:
    assert not describes_the_client(CAT, text)
    assert not starts_a_diagnostic(CAT, text, (), None)


def test_after_an_answer_choosing_an_offer_a_changed_fact_goes_to_the_diagnostic() -> None:
    text = "et si en fait payplug ca le fait pas pour lui ?"
    assert starts_a_diagnostic(CAT, text, (), "ask_choose_offer")
    assert not starts_a_diagnostic(CAT, text, (), "ask_phone")  # after a phone number: not a client's situation
    assert not starts_a_diagnostic(CAT, "et si c'est un samedi ?", (), "ask_choose_offer")  # no fact of the client


def test_action_answer_hands_a_described_client_to_the_form_without_a_word() -> None:
    text = "il a un site mais payplug c'est non pour lui, que de la cb, on part sur quoi ?"
    messages, events = run_action(ActionAnswer(), build_tracker(text, "ask_choose_offer"))
    assert (messages, events) == ([], [FOLLOWUP_FORM])
    # during a diagnostic the form reads the facts itself
    running_form = {"name": "diagnostic_form"}
    _, running = run_action(ActionAnswer(), build_tracker(text, "ask_choose_offer", active_loop=running_form))
    assert FOLLOWUP_FORM not in running


def _form_start(text: str, intent: str, handed_over_by: str) -> Dict[str, Any]:
    events: List[Dict[str, Any]] = [{"event": "action", "name": "action_listen"},
                                    {"event": "user", "text": text, "intent": {"name": intent, "confidence": 0.9}},
                                    {"event": "action", "name": handed_over_by}]
    messages, result = run_action(ValidateDiagnosticForm(), build_tracker(
        text, intent, events=events, active_loop={"name": "diagnostic_form"}, latest_action="diagnostic_form"))
    return {"texts": [m.get("text") or m.get("response") for m in messages],
            "slots": {e["name"]: e["value"] for e in result if e.get("event") == "slot"}}


def test_the_form_takes_every_fact_of_the_question_it_starts_on() -> None:
    started = _form_start("il a un site mais payplug c'est non pour lui, que de la cb, on part sur quoi ?",
                          "ask_choose_offer", "action_answer")
    assert started["slots"] == {"diag_has_site": "oui", "diag_payplug_fits": "non", "diag_other_cards": [],
                                "requested_slot": None}  # nothing left to ask: the recommendation follows


def test_the_form_says_the_offer_at_once_when_only_the_cards_are_left() -> None:
    started = _form_start("et si en fait payplug ca le fait pas pour lui ?", "nlu_fallback", "action_clarify")
    assert started["slots"]["requested_slot"] == "diag_other_cards"
    assert any("SP+" in (t or "") for t in started["texts"])


@pytest.mark.parametrize("text, site, creer_site", [
    ("pas de site, il veut qu'on lui en crée un, cb only, je propose quoi ?", NON, OUI),
    ("et s’il veut finalement se lancer avec un site ?", NON, OUI),  # the site he wants, not one he has
    ("et s'il veut un site finalement ?", NON, OUI),
    ("et s'il ferme son site et veut pas en refaire ?", NON, NON),
    ("il a fermé sa boutique en ligne", NON, None),
    ("et s’il perd son site ?", NON, None),
    ("il a un site avec payplug", OUI, None),
    ("et s’il garde son site avec payplug finalement ?", OUI, None),
])
def test_wanting_a_site_is_not_having_one(text: str, site: str, creer_site: Optional[str]) -> None:
    facts = known_facts(CAT, text).to_values()
    assert (facts["site"], facts["creer_site"]) == (site, creer_site)


@pytest.mark.parametrize("text", ["pk on la propose avant la modulaire ?",
                                  "pourquoi on propose payplug avant sp+ quand il a un site ?"])
def test_the_reason_of_a_rule_is_not_a_client_described(text):
    assert not describes_the_client(CAT, text)


@pytest.mark.parametrize("text", ["et si payplug le branche pas ?", "payplug l'interesse pas"])
def test_a_familiar_dislike_of_payplug_is_the_fact_that_it_does_not_suit(text):
    assert known_facts(CAT, text).payplug == NON
