"""`action_feedback` : l'avis sur la dernière réponse (👍, 👎, « merci, c'est bon », « ça ne m'aide pas »),
gardé dans la conversation (slot `feedback`) ; adaptateur mince autour de `cecaz.feedback`."""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import runtime
from actions.answer import utter
from actions.tracker_reading import last_typed_text, read_focus
from cecaz.clarify import handoff
from cecaz.feedback import (
    BUTTON,
    FEEDBACK_SLOT,
    MISSING_QUESTION,
    NEGATIVE,
    PAYLOADS,
    POSITIVE,
    TEXT,
    rated_answer,
    record,
)
from cecaz.phrasing import Answer

NAME = "action_feedback"
NEGATIVE_INTENT = "feedback_negative"
logger = logging.getLogger(__name__)


class ActionFeedback(Action):
    """Garde l'avis s'il porte sur une réponse factuelle ou une recommandation. 👍 : rien à dire (le
    bouton suffit), « merci » : « Avec plaisir ! ». 👎 ou « ça ne m'aide pas » : ce qui manquait
    (facultatif) et le bon interlocuteur."""

    def name(self) -> str:
        return NAME

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        message = tracker.latest_message or {}
        via = BUTTON if (message.get("text") or "") in PAYLOADS else TEXT
        note = NEGATIVE if (message.get("intent") or {}).get("name") == NEGATIVE_INTENT else POSITIVE
        rated = rated_answer(tracker.events, last_turn_only=via == TEXT)
        events: List[Dict[str, Any]] = []
        if rated is not None:
            logger.info("event=feedback note=%s family=%s via=%s", note, rated.family, via)
            events.append(SlotSet(FEEDBACK_SLOT, record(note, rated, via)))
        if note == POSITIVE:
            if via == TEXT:
                dispatcher.utter_message(response="utter_thank")
            return events
        cat = runtime.catalogue()
        question = rated.question if rated and rated.question else last_typed_text(tracker, skip_latest=True)
        given = handoff(cat, question, read_focus(cat, tracker).offres, runtime.now(), intro="relais.oriente")
        utter(dispatcher, Answer("\n\n".join(part for part in (MISSING_QUESTION if rated else "", given.text) if part)))
        return events
