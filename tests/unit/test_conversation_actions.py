"""Répéter et passer la main, comme le serveur d'actions les exécute (tracker construit depuis un dict)."""

from __future__ import annotations

import pytest

from actions.conversation import NOTHING_SAID, ActionHandoff, ActionRepeat
from tests.unit.conftest import build_tracker, reply_to, run_action

pytestmark = pytest.mark.usefixtures("fixed_clock")

HISTORY = [
    {"event": "user", "text": "numéro support payplug"},
    {"event": "action", "name": "action_answer"},
    {"event": "bot", "text": "Téléphone pour Payplug : +33 1 76 34 01 55", "data": {"buttons": None}},
    {"event": "action", "name": "action_listen"},
    {"event": "user", "text": "tu peux répéter ?"},
]


def test_repeat_sends_the_last_answer_again():
    messages, events = run_action(ActionRepeat(), build_tracker("tu peux répéter ?", "repeat_last", events=HISTORY))
    assert [m["text"] for m in messages] == ["Téléphone pour Payplug : +33 1 76 34 01 55"] and events == []


def test_repeat_in_the_diagnostic_leaves_its_question_to_the_form_so_it_is_asked_once():
    history = [{"event": "user", "text": "lance un diagnostic"}, {"event": "action", "name": "diagnostic_form"},
               {"event": "bot", "text": "Je vous guide…", "data": {}},
               {"event": "bot", "text": "Votre client a-t-il déjà un site e-commerce ?", "data": {}},
               {"event": "action", "name": "action_listen"}, {"event": "user", "text": "tu peux répéter ?"}]
    messages, _ = run_action(ActionRepeat(), build_tracker("tu peux répéter ?", "repeat_last", events=history,
                                                           active_loop={"name": "diagnostic_form"}))
    assert [m["text"] for m in messages] == ["Je vous guide…"]


def test_repeat_naming_another_coordinate_gives_it_for_the_line_in_focus():
    # « redis-moi le mail » after the phone number: the e-mail of the same line, not the phone again.
    focus = {"intent": "ask_phone", "services": ["assistance_monetique"], "contacts": ["assistance_monetique_pro"]}
    messages, _ = run_action(ActionRepeat(), build_tracker("redis-moi le mail stp", "repeat_last", events=HISTORY,
                                                           slots={"focus": focus}))
    assert "assistance-monetiquepro@natixis.com" in messages[0]["text"]


def test_repeat_with_nothing_said_says_so():
    history = [{"event": "user", "text": "répète"}]
    messages, _ = run_action(ActionRepeat(), build_tracker("répète", "repeat_last", events=history))
    assert messages[0]["text"] == NOTHING_SAID


def test_handoff_gives_the_lines_in_focus():
    focus = {"intent": "ask_hours", "services": ["assistance_monetique"], "contacts": ["assistance_monetique_pro"]}
    messages, _ = run_action(ActionHandoff(), build_tracker(
        "je veux parler à quelqu'un", "human_handoff", slots={"focus": focus}, events=HISTORY))
    assert "09 69 36 06 26" in messages[0]["text"] and "ouvert en ce moment" in messages[0]["text"]


def test_handoff_after_a_pricing_answer_goes_to_the_cif():
    history = [{"event": "user", "text": "qui établit la tarif d'un contrat jpel ?"},
               {"event": "user", "text": "je veux parler à quelqu'un"}]
    messages, _ = run_action(ActionHandoff(), build_tracker(
        "je veux parler à quelqu'un", "human_handoff", slots={"focus": {"intent": "ask_pricing", "offres": ["jpel"]}},
        events=history))
    assert "CIF" in messages[0]["text"] and "09 69" not in messages[0]["text"]


def test_handoff_follows_what_the_message_asks_for():
    messages, _ = run_action(ActionHandoff(), build_tracker(
        "je veux parler à quelqu'un de chez payplug pour le traitement d'un lead", "human_handoff",
        entities=[{"entity": "offer", "value": "payplug"}], events=HISTORY))
    assert "07 57 95 38 07" in messages[0]["text"]


def test_a_delay_read_as_a_request_for_a_person_is_the_delay_of_the_answer_before(fixed_clock):
    # after the hours of a line: how long one waits, which the document does not say; its hours, no « Oui »
    text = "d'habitude on patiente combien de temps avant d'avoir une personne en ligne ?"
    _, focus = reply_to("le service clients SP PLUS décroche à 13h ?", "ask_is_open", offres=["sp_plus"],
                        services=["service_clients"])
    messages, _ = run_action(ActionHandoff(), build_tracker(
        text, "human_handoff", slots={"focus": focus},
        events=[{"event": "user", "text": text, "parse_data": {"intent": {"name": "human_handoff"}, "entities": []}}]))
    assert messages[0]["text"].startswith("Le document ne donne aucun délai")
    assert "du lundi au vendredi de 9h à 18h" in messages[0]["text"]
