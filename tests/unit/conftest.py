"""Outils partagés des tests unitaires des actions, comme dans le financial demo de Rasa : un
`Tracker` construit depuis un dict (ce que le serveur d'actions reçoit), l'action exécutée avec un
`CollectingDispatcher`, puis messages et événements vérifiés."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.answer import ActionAnswer
from actions.clarify import ActionClarify, ActionOutOfScope
from cecaz.hours import PARIS


def paris(moment: str) -> datetime:
    """Une heure de Paris écrite en ISO 8601 sans fuseau (« 2026-11-30T10:00 »)."""
    return datetime.fromisoformat(moment).replace(tzinfo=PARIS)


# Moments of the service clock, from the week of 30 November 2026 (winter time, UTC+1). Support lines
# open Monday to Friday (Payplug, SP+) or Saturday (assistance monétique PRO), from 9h to 18h.
MONDAY_10 = paris("2026-11-30T10:00")  # open
SUNDAY_18 = paris("2026-11-29T18:00")  # closed all day
TUESDAY_8_59 = paris("2026-12-01T08:59")  # one minute before opening
TUESDAY_18 = paris("2026-12-01T18:00")  # closing time exactly: closed
SATURDAY_18 = paris("2026-12-05T18:00")  # closing time of the only line open on Saturday
# A Monday morning in Paris: opening-hours answers are deterministic.
FIXED_NOW = MONDAY_10.isoformat()


def build_tracker(text: str = "", intent: str = "", *, entities: Optional[List[Dict[str, Any]]] = None,
                  slots: Optional[Dict[str, Any]] = None, events: Optional[List[Dict[str, Any]]] = None,
                  active_loop: Optional[Dict[str, Any]] = None, ranking: Optional[List[Dict[str, Any]]] = None,
                  confidence: float = 0.99, latest_action: str = "action_listen") -> Tracker:
    """Le tracker du dernier message `text`, classé `intent` ; `events` : l'historique (par défaut vide)."""
    message: Dict[str, Any] = {"text": text, "intent": {"name": intent, "confidence": confidence},
                               "entities": entities or []}
    if ranking is not None:
        message["intent_ranking"] = ranking
    return Tracker.from_dict({
        "sender_id": "test", "slots": slots or {}, "latest_message": message, "events": events or [],
        "paused": False, "followup_action": None, "active_loop": active_loop or {},
        "latest_action_name": latest_action,
    })


def run_action(action: Action, tracker: Tracker) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    """Exécute l'action comme le serveur d'actions ; renvoie (messages envoyés, événements)."""
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {}))
    return dispatcher.messages, events


# Sorte d'entité de chaque champ de `Question` (les sujets nommés d'un message).
ENTITY_OF_FIELD = {"offres": "offer", "roles": "role", "outils": "tool", "services": "service", "cartes": "card"}


def reply_to(text: str, intent: str, focus: Optional[Dict[str, Any]] = None, before: Optional[str] = None,
             **named: List[str]) -> Tuple[str, Dict[str, Any]]:
    """The reply of the action that answers a message (`action_clarify` for `nlu_fallback`, `action_out_of_scope` for
    `out_of_scope`, else `action_answer`) and the focus it leaves ({} when it sets none). `focus`: the focus slot before
    the message; `before`: the message typed just before; `named`: the subjects the NLU extracted, by field
    (`offres=["payplug"]`)."""
    entities = [{"entity": ENTITY_OF_FIELD[field], "value": v} for field, values in named.items() for v in values]
    # the tracker's events end on the message itself, as the action server receives them
    typed = [before, text] if before else [text]
    events = [{"event": "user", "text": t, "parse_data": {"intent": {"name": intent}, "entities": []}} for t in typed]
    action = {"nlu_fallback": ActionClarify(), "out_of_scope": ActionOutOfScope()}.get(intent, ActionAnswer())
    messages, slots = run_action(action, build_tracker(text, intent, entities=entities,
                                                       slots={"focus": focus} if focus else None, events=events))
    kept = next((e["value"] for e in slots if e.get("event") == "slot" and e.get("name") == "focus"), {})
    return "\n".join(m.get("text") or "" for m in messages), kept or {}


def replies_to(*turns: Tuple[str, str, Dict[str, List[str]]]) -> List[str]:
    """The replies to a conversation of several messages, each (text, intent, subjects the NLU extracted by field), as
    the action server sees it: the focus each reply leaves, and every message typed before, carried to the next."""
    replies: List[str] = []
    focus: Dict[str, Any] = {}
    typed: List[str] = []
    for text, intent, named in turns:
        typed.append(text)
        entities = [{"entity": ENTITY_OF_FIELD[field], "value": v} for field, values in named.items() for v in values]
        events = [{"event": "user", "text": t, "parse_data": {"intent": {"name": intent}, "entities": []}}
                  for t in typed]
        action = {"nlu_fallback": ActionClarify(), "out_of_scope": ActionOutOfScope()}.get(intent, ActionAnswer())
        messages, slots = run_action(action, build_tracker(text, intent, entities=entities,
                                                           slots={"focus": focus} if focus else None, events=events))
        focus = next((e["value"] for e in slots if e.get("event") == "slot" and e.get("name") == "focus"), None) \
            or focus
        replies.append("\n".join(m.get("text") or "" for m in messages))
    return replies


def slot(name: str, value: Any) -> Dict[str, Any]:
    """L'événement `SlotSet` tel que l'action le renvoie."""
    return {"event": "slot", "timestamp": None, "name": name, "value": value}


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> str:
    """Fixe l'heure du service (lundi 10h à Paris) pour les réponses qui dépendent des horaires."""
    monkeypatch.setenv("CECAZ_NOW", FIXED_NOW)
    return FIXED_NOW


@pytest.fixture
def set_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[datetime], None]:
    """Fixe l'heure du service à un moment donné, comme les tests de bout en bout : par `CECAZ_NOW`."""
    def set_to(moment: datetime) -> None:
        monkeypatch.setenv("CECAZ_NOW", moment.isoformat())
    return set_to
