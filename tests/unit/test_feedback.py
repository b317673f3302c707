"""Avis sur une réponse : cœur (cecaz/feedback.py), rendu par canal et action_feedback sur un tracker construit."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import answer_message
from actions.clarify import ActionClarify
from actions.feedback import ActionFeedback
from actions.tracker_reading import read_question
from addons.channels import render
from cecaz.catalogue import shared_store
from cecaz.feedback import (
    COMMENT_THANKS,
    MISSING_QUESTION,
    NEGATIVE,
    NEGATIVE_PAYLOAD,
    POSITIVE,
    THANK_PAYLOAD,
    awaiting_comment,
    is_rated,
    offered_buttons,
    rated_answer,
    record,
    with_comment,
)
from cecaz.layout import Layout, read
from tests.support import adaptive_cards
from tests.unit.conftest import build_tracker, run_action

pytestmark = pytest.mark.usefixtures("fixed_clock")
RATED = {"custom": {"cecaz": {"format": "cecaz.layout/1", "kind": "reponse", "feedback": True}}}


def history(*, rated: bool = True, then: str = "") -> List[Dict[str, Any]]:
    """Une question sur le téléphone de Payplug, sa réponse (notée ou non), puis le message `then`."""
    events: List[Dict[str, Any]] = [
        {"event": "user", "text": "numéro support payplug", "timestamp": 1.0},
        {"event": "action", "name": "action_answer", "timestamp": 2.0},
        {"event": "bot", "text": "Téléphone…", "data": RATED if rated else {}, "timestamp": 3.0},
        {"event": "slot", "name": "focus", "value": {"intent": "ask_phone", "offres": ["payplug"]}, "timestamp": 3.5},
        {"event": "action", "name": "action_listen", "timestamp": 4.0},
    ]
    return [*events, {"event": "user", "text": then, "timestamp": 5.0}] if then else events


def test_small_talk_is_not_rated() -> None:
    assert is_rated("ask_phone") and is_rated("recommendation")
    assert not is_rated("bot_capabilities") and not is_rated(None)


def test_rated_answer_of_the_last_turn() -> None:
    rated = rated_answer(history(then="merci"), last_turn_only=True)
    assert rated is not None and (rated.at, rated.family, rated.question) == (3.0, "ask_phone",
                                                                            "numéro support payplug")
    assert rated_answer(history(rated=False, then="merci"), last_turn_only=True) is None
    later = [*history(then="bonjour"), {"event": "bot", "text": "Bonjour !", "data": {}},
             {"event": "user", "text": "merci"}]
    assert rated_answer(later, last_turn_only=True) is None  # typed thanks after small talk: no opinion
    assert rated_answer(later, last_turn_only=False) is not None  # a button of the answer, clicked later


def test_record_and_comment() -> None:
    rated = rated_answer(history(then=NEGATIVE_PAYLOAD), last_turn_only=False)
    assert rated is not None
    value = record(NEGATIVE, rated, "bouton")
    assert value == {"note": NEGATIVE, "family": "ask_phone", "question": "numéro support payplug",
                     "answer_at": 3.0, "via": "bouton"}
    assert awaiting_comment(value) == value
    commented = with_comment(value, " le numéro du week-end ")
    assert commented["comment"] == "le numéro du week-end" and awaiting_comment(commented) is None
    assert awaiting_comment(record(POSITIVE, rated, "texte")) is None


def test_rated_layout_carries_its_buttons_in_every_channel() -> None:
    rated = Layout(lead=read("Le support Payplug répond.").lead, feedback=True)
    assert Layout.from_dict(rated.to_dict()) == rated
    assert [c["payload"] for c in render.web_payload(rated)["feedback"]] == [THANK_PAYLOAD, NEGATIVE_PAYLOAD]
    card = render.adaptive_card(rated)
    assert adaptive_cards.problems(card) == []  # official 1.4 schema and Teams' rules
    thumbs = [a for block in card["body"] if block["type"] == "ActionSet" for a in block["actions"]]
    assert [a["data"]["msteams"]["text"] for a in thumbs] == [THANK_PAYLOAD, NEGATIVE_PAYLOAD]
    assert all(a["data"]["msteams"]["type"] == "messageBack" and "{" not in a["data"]["msteams"]["text"]
               for a in thumbs)
    plain = Layout(lead=rated.lead)
    assert "feedback" not in render.web_payload(plain)
    assert not [b for b in render.adaptive_card(plain)["body"] if b["type"] == "ActionSet"]
    assert [b["payload"] for b in offered_buttons(RATED)] == [THANK_PAYLOAD, NEGATIVE_PAYLOAD]
    assert offered_buttons({}) == [] and offered_buttons(None) == []


def test_factual_answer_asks_for_an_opinion_but_not_capabilities() -> None:
    cat = shared_store().get()
    for text, intent, rated in (("numéro support payplug", "ask_phone", True),
                                ("que sais-tu faire ?", "bot_capabilities", False)):
        tracker = build_tracker(text, intent)
        dispatcher = CollectingDispatcher()
        answer_message(dispatcher, tracker, read_question(cat, tracker))
        assert dispatcher.messages[0]["custom"]["cecaz"]["feedback"] is rated, text


def test_thumbs_up_button_is_recorded_silently() -> None:
    messages, events = run_action(ActionFeedback(), build_tracker(
        THANK_PAYLOAD, "thank", events=history(then=THANK_PAYLOAD)))
    assert messages == []
    assert [(e["name"], e["value"]["note"], e["value"]["via"]) for e in events] == [("feedback", POSITIVE, "bouton")]


def test_typed_thanks_after_an_answer_is_recorded_and_answered() -> None:
    messages, events = run_action(ActionFeedback(), build_tracker("merci, c'est bon", "thank",
                                                                  events=history(then="merci, c'est bon")))
    assert messages[0]["response"] == "utter_thank"
    assert events[0]["value"]["via"] == "texte" and events[0]["value"]["note"] == POSITIVE


def test_typed_thanks_after_small_talk_records_nothing() -> None:
    events = [{"event": "user", "text": "bonjour"}, {"event": "bot", "text": "Bonjour !", "data": {}},
              {"event": "user", "text": "merci"}]
    messages, found = run_action(ActionFeedback(), build_tracker("merci", "thank", events=events))
    assert messages[0]["response"] == "utter_thank" and found == []


def test_thumbs_down_asks_what_was_missing_and_offers_a_human() -> None:
    messages, events = run_action(ActionFeedback(), build_tracker(
        "ça ne m'aide pas", "feedback_negative", slots={"focus": {"intent": "ask_phone", "offres": ["payplug"]}},
        events=history(then="ça ne m'aide pas")))
    text = messages[0]["text"]
    assert text.startswith(MISSING_QUESTION) and "CIF" in text
    assert messages[0]["custom"]["cecaz"]["feedback"] is False
    assert events[0]["value"]["note"] == NEGATIVE and events[0]["value"]["question"] == "numéro support payplug"


def test_comment_after_thumbs_down_is_kept() -> None:
    value = {"note": NEGATIVE, "family": "ask_phone", "question": "numéro support payplug", "answer_at": 3.0,
             "via": "bouton"}
    events = [*history(then=NEGATIVE_PAYLOAD), {"event": "action", "name": "action_feedback"},
              {"event": "bot", "text": MISSING_QUESTION, "data": {}}, {"event": "action", "name": "action_listen"},
              {"event": "user", "text": "le numéro du samedi"}]
    messages, found = run_action(ActionClarify(), build_tracker("le numéro du samedi", "nlu_fallback",
                                                                slots={"feedback": value}, events=events))
    assert [m["text"] for m in messages] == [COMMENT_THANKS]
    assert found[0]["value"] == {**value, "comment": "le numéro du samedi"}
