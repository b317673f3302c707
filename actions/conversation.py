"""Réparation de la conversation (docs/conversation.md) : répéter la dernière réponse, passer la
main à un humain. Adaptateurs minces : la lecture de l'historique et le choix de l'interlocuteur
sont des fonctions pures."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import runtime
from actions.answer import answer_message, utter
from actions.tracker_reading import (
    FOCUS_SLOT,
    last_bot_messages,
    last_typed_text,
    message_text,
    read_focus,
    read_question,
)
from cecaz.clarify import requested_handoff
from cecaz.families import FAMILIES
from cecaz.focus import CONTACT_FAMILIES, LINES_GIVEN, SUBJECT_ONLY, named_subjects, repeated_aspect
from cecaz.lines_in_focus import listed_line
from cecaz.phrasing import Answer
from cecaz.when import asks_a_delay

NOTHING_SAID = "Je n’ai encore rien répondu dans cette conversation : posez-moi votre question."


class ActionRepeat(Action):
    """« Tu peux répéter ? » : la dernière réponse de l'assistant, telle quelle (texte et boutons)."""

    def name(self) -> str:
        return "action_repeat"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        if not (tracker.active_loop or {}).get("name"):
            focus = read_focus(runtime.catalogue(), tracker)
            text = message_text(tracker)
            reading = read_question(runtime.catalogue(), tracker)
            family = repeated_aspect(text, focus) or (str(focus.intent) if listed_line(text, focus) else None)
            if family:  # « redis-moi le mail » after the number: that coordinate of the same line ; « juste le 2e »
                return answer_message(dispatcher, tracker, replace(reading, intent=family))
            if focus.intent and named_subjects(reading):
                # « redis-moi juste pour l'AMEX » after the AMEX and the Diners: the previous question, for that one
                return answer_message(dispatcher, tracker, replace(reading, intent=SUBJECT_ONLY))
        messages = last_bot_messages(tracker.events)
        if not messages:
            dispatcher.utter_message(text=NOTHING_SAID)
        if (tracker.active_loop or {}).get("name"):
            messages = messages[:-1]  # the diagnostic asks its current question again itself, right after
        for message in messages:
            dispatcher.utter_message(text=message.get("text"), buttons=message.get("buttons") or None,
                                     json_message=message.get("custom") or None)
        return []


class ActionHandoff(Action):
    """« Je veux parler à quelqu'un » : l'interlocuteur humain qui convient au sujet en cours."""

    def name(self) -> str:
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        cat = runtime.catalogue()
        focus = read_focus(cat, tracker)
        reading = read_question(cat, tracker)
        if focus.intent in FAMILIES and asks_a_delay(message_text(tracker)):
            # « on attend combien de temps avant d'avoir quelqu'un au bout du fil ? » : a delay of the answer before
            # (which the document does not give), not a request to be put through
            return answer_message(dispatcher, tracker, replace(reading, intent=str(focus.intent)))
        # The lines just given are the ones to call; after a recommendation or a pricing answer, the CIF.
        contacts = focus.contacts if focus.intent in CONTACT_FAMILIES else ()
        given = requested_handoff(cat, message_text(tracker),
                                  last_typed_text(tracker, skip_latest=True), reading.offres or focus.offres,
                                  contacts, runtime.now())
        utter(dispatcher, Answer(given.text))
        if not given.contacts:
            return []
        # « je le transmets au client ? » next is about the lines just given.
        return [SlotSet(FOCUS_SLOT, replace(focus, intent=LINES_GIVEN, contacts=given.contacts).to_slot())]
