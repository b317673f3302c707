"""Actions du diagnostic comme le serveur d'actions les exécute : Tracker construit depuis un dict,
CollectingDispatcher, messages et événements vérifiés."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.diagnostic import (
    ActionAskDiagOtherCards,
    ActionAskDiagPayplugFits,
    ActionCancelDiagnostic,
    ActionRecommend,
    ActionRestartDiagnostic,
    ValidateDiagnosticForm,
)
from cecaz.catalogue import load_catalogue
from cecaz.layout import RECOMMENDATION, Layout
from cecaz.settings import ROOT
from tests.unit.conftest import build_tracker, run_action, slot

FORM = {"name": "diagnostic_form"}
NO_FACTS = {"diag_has_site": None, "diag_wants_site": None, "diag_payplug_fits": None, "diag_other_cards": None}


def tracker(text: str, intent: str, slots: Optional[Dict[str, Any]] = None, *,
            entities: Optional[List[Dict[str, Any]]] = None, active_loop: Optional[Dict[str, Any]] = None,
            handled_by: Optional[str] = None) -> Tracker:
    """Le tracker tel que le formulaire le passe : le message, puis l'exécution du formulaire ;
    `handled_by` : une action a déjà répondu au message (reprise après interruption)."""
    message = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []}
    events: List[Dict[str, Any]] = [{"event": "action", "name": "action_listen"}, {"event": "user", **message}]
    if handled_by:  # the action said its answer
        events += [{"event": "action", "name": handled_by}, {"event": "bot", "text": "(sa réponse)"}]
    events.append({"event": "action", "name": "diagnostic_form"})
    return build_tracker(text, intent, entities=entities, slots={**NO_FACTS, **(slots or {})}, events=events,
                         active_loop=active_loop if active_loop is not None else FORM,
                         latest_action="diagnostic_form")


run = run_action


def texts(messages) -> List[str]:
    return [m.get("text") or m.get("response") for m in messages]


def test_start_uses_facts_of_the_triggering_message_and_asks_only_what_is_missing():
    messages, events = run(ValidateDiagnosticForm(), tracker(
        "mon client a un site mais Payplug ne lui convient pas", "inform_needs_modular",
        entities=[{"entity": "offer", "value": "payplug"}]))
    assert texts(messages) == ["utter_diagnostic_intro", "C’est noté : le client a déjà un site e-commerce ; "
                               "Payplug ne lui convient pas (besoin plus modulable).",
                               "L’offre à proposer : SP+. Une dernière question, sur les autres moyens de paiement, "
                               "pour préciser le reste."]
    # the offer announced is the focus: a question on the way is about it
    assert events == [slot("diag_has_site", "oui"), slot("diag_payplug_fits", "non"),
                      slot("focus", {"intent": "ask_offer_definition", "offres": ["sp_plus"]}),
                      slot("requested_slot", "diag_other_cards")]


def test_answer_to_the_question_moves_on():
    messages, events = run(ValidateDiagnosticForm(), tracker(
        "pas encore de site", "inform_no_site", {"requested_slot": "diag_has_site"}))
    assert messages == []
    assert events == [slot("diag_has_site", "non"), slot("requested_slot", "diag_wants_site")]


def test_card_button_fills_the_last_slot_and_ends_the_form():
    messages, events = run(ValidateDiagnosticForm(), tracker(
        '/inform_payment_methods{"card":"amex"}', "inform_payment_methods",
        {"requested_slot": "diag_other_cards", "diag_has_site": "non", "diag_wants_site": "non"},
        entities=[{"entity": "card", "value": "amex"}]))
    assert events == [slot("diag_other_cards", ["amex"]), slot("requested_slot", None)]


def test_factual_question_is_left_to_the_rules():
    """Rien d'autre que requested_slot : Rasa rejette le formulaire, la règle répond puis le relance."""
    messages, events = run(ValidateDiagnosticForm(), tracker(
        "c'est quoi SP+ ?", "ask_offer_definition", {"requested_slot": "diag_payplug_fits", "diag_has_site": "oui"}))
    assert messages == []
    assert events == [slot("requested_slot", "diag_payplug_fits")]


def test_after_the_answer_the_form_resumes_where_it_was():
    messages, events = run(ValidateDiagnosticForm(), tracker(
        "il a un site ?", "inform_has_site", {"requested_slot": "diag_payplug_fits", "diag_has_site": "oui"},
        handled_by="action_answer"))
    assert messages == []
    assert events == [slot("requested_slot", "diag_payplug_fits")]


def test_correction_is_applied_and_confirmed():
    messages, events = run(ValidateDiagnosticForm(), tracker(
        "en fait il n'a pas de site", "inform_no_site",
        {"requested_slot": "diag_other_cards", "diag_has_site": "oui", "diag_payplug_fits": "non"}))
    assert texts(messages) == ["C’est corrigé : le client n’a pas de site.",
                               "Sans site, l’offre à proposer est JePaieEnLigne (JPEL) ; s’il veut un site, "
                               "IZ eCommerce peut le créer."]
    assert events == [slot("diag_has_site", "non"), slot("diag_payplug_fits", None),
                      slot("requested_slot", "diag_wants_site")]


@pytest.mark.parametrize(("text", "intent", "lead", "present"), [
    ("le prix du site c'est nous qui le fixons ?", "inform_no_site", "Non", "IZ eCommerce"),
    ("et la page de paiement du site dans ce cas ?", "nlu_fallback", "IZ eCommerce", "Payplug"),
])
def test_a_question_on_the_offer_just_proposed_is_answered_and_the_question_asked_again(text, intent, lead, present):
    facts = {"requested_slot": "diag_other_cards", "diag_has_site": "non", "diag_wants_site": "oui"}
    messages, events = run(ValidateDiagnosticForm(), tracker(text, intent, facts))
    assert messages[0]["text"].startswith(lead) and present in messages[0]["text"], messages[0]["text"]
    assert events[-1] == slot("requested_slot", "diag_other_cards")
    assert not any(e["name"].startswith("diag_") for e in events)  # no fact of the client changed


def test_dont_know_explains_and_continues():
    messages, events = run(ValidateDiagnosticForm(), tracker(
        "je ne sais pas", "dont_know", {"requested_slot": "diag_has_site"}))
    assert texts(messages) == [load_catalogue().diagnostic.aide["site"]]  # what to check, and the CIF decides
    assert events == [slot("diag_has_site", "inconnu"), slot("requested_slot", "diag_other_cards")]


def test_unclear_answer_is_said_and_the_question_asked_again():
    messages, events = run(ValidateDiagnosticForm(), tracker(
        "euh bof", "nlu_fallback", {"requested_slot": "diag_has_site"}))
    assert texts(messages) == ["utter_diagnostic_not_understood"]
    assert events == [slot("diag_has_site", None), slot("requested_slot", "diag_has_site")]


def test_hesitant_nlu_keeps_its_best_guess_when_it_is_an_answer():
    t = tracker("nan", "nlu_fallback", {"requested_slot": "diag_has_site"})
    t.latest_message["intent_ranking"] = [{"name": "nlu_fallback", "confidence": 0.45},
                                          {"name": "deny", "confidence": 0.4}, {"name": "cancel", "confidence": 0.3}]
    _, events = run(ValidateDiagnosticForm(), t)
    assert events == [slot("diag_has_site", "non"), slot("requested_slot", "diag_wants_site")]


def test_payplug_question_has_buttons():
    messages, _ = run(ActionAskDiagPayplugFits(), tracker("oui", "affirm"))
    assert messages[0]["text"].startswith("Le client a un site : la solution clé en main Payplug lui convient-elle ?")
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/affirm", "/inform_needs_modular", "/dont_know"]


def test_other_cards_question_sends_its_card_buttons_itself():
    """The domain response holds the question only: JSON in a domain payload is read by Rasa as
    placeholders (four ERRORs per question); the buttons come from the action, as they are."""
    messages, events = run(ActionAskDiagOtherCards(), tracker("oui", "affirm"))
    assert events == [] and len(messages) == 1
    assert messages[0]["response"] == "utter_ask_diag_other_cards" and not messages[0].get("text")
    assert [(b["title"], b["payload"]) for b in messages[0]["buttons"]] == [
        ("Non, aucun", "/deny"),
        ("American Express (AMEX)", '/inform_payment_methods{"card":"amex"}'),
        ("Chèques-vacances ANCV", '/inform_payment_methods{"card":"ancv"}'),
        ("UnionPay (cartes chinoises)", '/inform_payment_methods{"card":"upi"}'),
        ("DFS/Diners", '/inform_payment_methods{"card":"dfs_diners"}'),
        ("Je ne sais pas", "/dont_know"),
    ]


def test_no_domain_response_carries_json_in_a_button_payload():
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    payloads = [button["payload"] for variants in domain["responses"].values() for variant in variants
                for button in variant.get("buttons") or []]
    assert payloads and [p for p in payloads if "{" in p or "}" in p] == []


def test_recommendation_recap_and_restart_offer_then_facts_are_cleared():
    """Issue 14 : une réponse, un message — la recommandation, le récapitulatif à copier et la proposition
    d'un autre diagnostic (texte et bouton de la réponse du domaine), avec leur structure."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    another = domain["responses"]["utter_diagnostic_another"][0]
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionRecommend().run(dispatcher, tracker("non", "deny", {
        "diag_has_site": "oui", "diag_payplug_fits": "non", "diag_other_cards": ["amex"]}, active_loop={}), domain))
    [message] = dispatcher.messages
    assert message["text"].startswith("Recommandation : SP+")
    assert "• American Express (AMEX) : le client doit faire lui-même une demande d’affiliation" in message["text"]
    assert "\n\nRécapitulatif à coller dans le dossier client :\n\n" in message["text"]
    assert message["text"].endswith(another["text"]) and message["buttons"] == another["buttons"]
    structure = Layout.from_dict(message["custom"]["cecaz"])
    assert structure is not None and structure.kind == RECOMMENDATION and structure.title == "Recommandation : SP+"
    assert structure.recap is not None and structure.recap.text.startswith("Diagnostic encaissement à distance")
    assert structure.closing == another["text"] and all(s.details for s in structure.sections)
    assert events[:-1] == [slot(name, None) for name in NO_FACTS]
    focus = events[-1]["value"]
    assert events[-1]["name"] == "focus" and focus["intent"] == "recommendation" and focus["offres"] == ["sp_plus"]
    assert focus["recommendation"] == {"conclusion": "sp_plus", "facts": {
        "site": "oui", "creer_site": None, "payplug": "non", "moyens": ["amex"]}}
    assert "assistance_monetique_pro" not in focus["contacts"]  # the client lines only


def test_cancel_ends_the_form_cleanly():
    messages, events = run(ActionCancelDiagnostic(), tracker("stop", "cancel", {"requested_slot": "diag_has_site"}))
    assert texts(messages) == ["utter_diagnostic_cancelled"]
    assert events[:2] == [{"event": "active_loop", "timestamp": None, "name": None}, slot("requested_slot", None)]
    assert events[2:] == [slot(name, None) for name in NO_FACTS]


def test_cancel_without_diagnostic_says_so():
    messages, events = run(ActionCancelDiagnostic(), tracker("annuler", "cancel", active_loop={}))
    assert texts(messages) == ["utter_diagnostic_none_running"] and events == []


def test_restart_clears_the_facts():
    messages, events = run(ActionRestartDiagnostic(), tracker("recommencer", "restart", {"diag_has_site": "oui"}))
    assert texts(messages) == ["utter_diagnostic_restarted"]
    assert events == [slot(name, None) for name in NO_FACTS]


def test_new_conversation_outside_a_diagnostic_forgets_the_context_and_greets():
    focus = {"intent": "ask_phone", "offres": ["payplug"]}
    messages, events = run(ActionRestartDiagnostic(), tracker("nouvelle conversation", "restart",
                                                              {"focus": focus}, active_loop={}))
    assert texts(messages) == ["utter_new_conversation", "utter_greet"]
    assert events == [*(slot(name, None) for name in NO_FACTS), slot("focus", None)]


def test_restarting_the_diagnostic_outside_one_starts_a_new_one():
    _, events = run(ActionRestartDiagnostic(), tracker("recommencer le diagnostic", "restart", active_loop={}))
    assert events[-1] == {"event": "followup", "timestamp": None, "name": "diagnostic_form"}


def test_a_question_diet_does_not_place_at_the_cards_question_is_answered_then_the_form_goes_on():
    # « L'offre à proposer : IZ eCommerce », then a question in unknown words: read against the offer proposed (its
    # payment pages are Payplug's, section « Créer son site Internet d'e-Commerce »), the same question asked next
    slots = {"requested_slot": "diag_other_cards", "diag_has_site": "non", "diag_wants_site": "oui",
             "focus": {"intent": "ask_offer_definition", "offres": ["iz_ecommerce"]}}
    messages, events = run(ValidateDiagnosticForm(), tracker(
        "et l'encaissement en ligne sur ce site-là, ça passe par quelle solution ?", "nlu_fallback", slots))
    assert "Payplug" in " ".join(texts(messages)) and "utter_diagnostic_not_understood" not in texts(messages)
    assert events[-1] == slot("requested_slot", "diag_other_cards") and events[0]["name"] == "focus"
    # an answer in unknown words is still read as one
    messages, _ = run(ValidateDiagnosticForm(), tracker("les titres restaurant", "nlu_fallback", slots))
    assert texts(messages) == ["utter_diagnostic_not_understood"]
