"""`action_answer` : répond à toute question factuelle à partir du catalogue."""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import runtime
from actions.tracker_reading import mentioned, read_question
from cecaz.catalogue import ENTITY_KINDS
from cecaz.families import FAMILIES, compose
from cecaz.phrasing import Answer
from cecaz.scope import foreign_subject

logger = logging.getLogger(__name__)


def utter(dispatcher: CollectingDispatcher, answer: Answer) -> None:
    buttons = [{"title": title, "payload": payload} for title, payload in answer.buttons]
    dispatcher.utter_message(text=answer.text, buttons=buttons or None)


class ActionAnswer(Action):
    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        cat = runtime.catalogue()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if intent == "inform_offer":
            # "et pour SP+ ?" repeats the previous question for the new offer.
            previous = tracker.get_slot("last_question")
            repeat = previous in FAMILIES and FAMILIES[previous].repeats_for_offer
            intent = previous if repeat else "ask_offer_definition"
        if intent not in FAMILIES:
            logger.warning("intention sans réponse catalogue", extra={"intent": intent})
            dispatcher.utter_message(response="utter_default")
            return []
        message = tracker.latest_message or {}
        # Roles do not count: "directeur d'agence" names the network, not something with a contact.
        names_something = any(mentioned(cat, message, kind) for kind in ENTITY_KINDS if kind != "role")
        if not names_something and foreign_subject(message.get("text") or ""):
            # "tel de la DSI" is classified as a phone question: no contact may answer it.
            dispatcher.utter_message(response="utter_out_of_scope")
            return []
        question = read_question(cat, tracker, intent)
        answer = compose(cat, question, runtime.now())
        utter(dispatcher, answer)
        events: List[Dict[str, Any]] = [SlotSet("last_question", question.intent)]
        if answer.offre:
            events.append(SlotSet("offer", answer.offre))
        return events
