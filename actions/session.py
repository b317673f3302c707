"""`action_session_start` : une nouvelle session (conversation expirée après `session_expiration_time`,
ou session redémarrée) ne laisse pas un diagnostic à moitié oublié.

Rasa remet à zéro les slots et le formulaire actif au début d'une session : la réponse suivante à la
question du diagnostic était perdue (« D’accord. Avez-vous une autre question ? »). Ici, un diagnostic
en cours reprend : ses faits, la question en attente et le formulaire passent dans la nouvelle session,
l'utilisateur en est averti, et sa réponse suivante est lue comme la réponse à cette question. Le reste
(le focus de la conversation) repart de zéro, comme le veut `carry_over_slots_to_new_session: false`."""

from __future__ import annotations

import logging
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, ActiveLoop, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.diagnostic import REQUESTED_SLOT
from actions.tracker_reading import FORM, SLOTS

logger = logging.getLogger(__name__)


def diagnostic_carried_over(tracker: Tracker) -> List[Dict[str, Any]]:
    """Les événements qui font passer le diagnostic en cours dans la nouvelle session : ses faits, la
    question en attente, puis le formulaire actif. Vide si aucun diagnostic n'était en cours."""
    if (tracker.active_loop or {}).get("name") != FORM or not tracker.get_slot(REQUESTED_SLOT):
        return []
    slots = [*SLOTS.values(), REQUESTED_SLOT]
    return [*(SlotSet(name, tracker.get_slot(name)) for name in slots if tracker.get_slot(name) is not None),
            ActiveLoop(FORM)]


class ActionSessionStart(Action):
    """Remplace l'action par défaut de Rasa (même événements : `SessionStarted`, puis écoute), en
    gardant un diagnostic en cours."""

    def name(self) -> str:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[str, Any]) -> List[Dict[str, Any]]:
        carried = diagnostic_carried_over(tracker)
        if carried:
            logger.info("event=diagnostic_resumed requested_slot=%s", tracker.get_slot(REQUESTED_SLOT))
            dispatcher.utter_message(response="utter_diagnostic_resumed")
        return [SessionStarted(), *carried, ActionExecuted("action_listen")]
