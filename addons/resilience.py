"""Rasa sans échec silencieux, pour tous les canaux.

Rasa 3.6 se tait quand le serveur d'actions est arrêté (l'exception est journalisée, l'utilisateur
n'a rien) et quand aucun modèle n'est chargé (`200 []`). `install()` remplace ces silences par un
message en français avec l'assistance interne, et fait passer chaque message entrant par
`cecaz.input_guard` avant la compréhension. Appelé par `ops/rasa_server.py` avant le démarrage."""

from __future__ import annotations

import asyncio
import logging
import os
from collections import OrderedDict
from functools import wraps
from typing import Any, Awaitable, Callable, List, Optional

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import Event
from rasa.shared.exceptions import RasaException

from cecaz.catalogue import Catalogue, CatalogueError, shared_store
from cecaz.degraded import not_ready_text, unavailable_text
from cecaz.hours import service_now
from cecaz.input_guard import screen

logger = logging.getLogger("cecaz.resilience")

# Our actions answer in milliseconds; a server that hangs longer is treated as down.
ACTION_TIMEOUT_S = float(os.environ.get("CECAZ_ACTION_TIMEOUT", "5"))
_notified: OrderedDict[str, None] = OrderedDict()  # user messages already told "unavailable"
_NOTIFIED_MAX = 1000


def _catalogue() -> Optional[Catalogue]:
    try:
        return shared_store().get()
    except (CatalogueError, OSError) as exc:
        logger.error("event=catalogue_unreadable error=%s", type(exc).__name__)
        return None


def _first_time(key: str) -> bool:
    """Une seule annonce d'indisponibilité par message utilisateur, même si plusieurs actions échouent."""
    if key in _notified:
        return False
    _notified[key] = None
    while len(_notified) > _NOTIFIED_MAX:
        _notified.popitem(last=False)
    return True


def _degrade(run: Callable[..., Awaitable[List[Event]]]) -> Callable[..., Awaitable[List[Event]]]:
    @wraps(run)
    async def guarded_run(self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any,
                          domain: Any) -> List[Event]:
        try:
            return await asyncio.wait_for(run(self, output_channel, nlg, tracker, domain), ACTION_TIMEOUT_S)
        except ActionExecutionRejection:
            raise  # a form rejecting a value is normal dialogue, not an outage
        except (RasaException, asyncio.TimeoutError) as exc:
            logger.error("event=action_server_unavailable action=%s error=%s", self.name(), type(exc).__name__)
            message_id = (tracker.latest_message.message_id if tracker.latest_message else None) or ""
            if _first_time(f"{tracker.sender_id}/{message_id}"):
                # Sent directly: callers such as slot extraction keep only SlotSet events from
                # a custom action, a returned BotUttered would be dropped silently.
                await output_channel.send_text_message(tracker.sender_id,
                                                       unavailable_text(_catalogue(), service_now()))
            return []

    return guarded_run


def _screened(handle: Callable[[Agent, UserMessage], Awaitable[Any]]) -> Callable[[Agent, UserMessage],
                                                                                   Awaitable[Any]]:
    @wraps(handle)
    async def guarded_handle(self: Agent, message: UserMessage) -> Any:
        domain = self.domain
        verdict = screen(message.text, set(domain.intents) if domain else set(),
                         set(domain.entities) if domain else set())
        if verdict.text is None:
            logger.info("event=message_screened channel=%s length=%s", message.input_channel,
                        len(message.text) if isinstance(message.text, str) else None)
            await message.output_channel.send_text_message(message.sender_id, verdict.reply or "")
            return None
        message.text = verdict.text
        if not self.is_ready():
            logger.error("event=no_model_loaded")
            await message.output_channel.send_text_message(message.sender_id,
                                                           not_ready_text(_catalogue(), service_now()))
            return None
        return await handle(self, message)

    return guarded_handle


def install() -> None:
    """Idempotent : un second appel ne réemballe pas."""
    if getattr(RemoteAction.run, "__wrapped__", None) is None:
        RemoteAction.run = _degrade(RemoteAction.run)  # type: ignore[method-assign]
    if getattr(Agent.handle_message, "__wrapped__", None) is None:
        Agent.handle_message = _screened(Agent.handle_message)  # type: ignore[method-assign]
