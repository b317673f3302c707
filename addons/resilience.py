"""Rasa sans échec silencieux, pour tous les canaux.

Rasa 3.6 se tait quand le serveur d'actions est arrêté (l'exception est journalisée, l'utilisateur
n'a rien) et quand aucun modèle n'est chargé (`200 []`). `install()` remplace ces silences par un
message en français avec l'assistance interne, et fait passer chaque message entrant par
`cecaz.input_guard` avant la compréhension. Appelé par `ops/rasa_cli.py` avant le démarrage.

Les remplacements visent `RemoteAction.run` et `Agent.handle_message` de Rasa 3.6 : `install()` refuse
une autre version (`RasaVersionError`) plutôt que de remplacer des méthodes qui auraient changé."""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import time
import uuid
from collections import OrderedDict
from functools import wraps
from typing import Any, AsyncIterator, Awaitable, Callable, Dict, FrozenSet, List, Optional, Tuple

import rasa.version
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, Restarted, SessionStarted, UserUttered
from rasa.shared.exceptions import RasaException

from addons.channels import WELCOME_PAYLOAD
from cecaz import settings
from cecaz.aspects import aspects, is_who_question
from cecaz.catalogue import ENTITY_KINDS, Catalogue, CatalogueError, shared_store
from cecaz.degraded import StoreUnavailable, not_ready_text, store_unavailable_text, unavailable_text
from cecaz.feedback import offered_buttons
from cecaz.focus import closed_point
from cecaz.hours import service_now
from cecaz.input_guard import clean, may_be_a_title, offered_payloads, screen, titles_to_payloads
from cecaz.segments import PART_METADATA, completed, may_complete, split_questions

logger = logging.getLogger("cecaz.resilience")

# The patches below were written for this Rasa series (major.minor); install() refuses any other.
SUPPORTED_RASA = "3.6"
_notified: OrderedDict[str, None] = OrderedDict()  # user messages already told "unavailable"
_NOTIFIED_MAX = 1000


class RasaVersionError(RuntimeError):
    """La version de Rasa installée n'est pas celle pour laquelle les remplacements ont été écrits."""


def check_rasa_version() -> None:
    """Vérifie que Rasa installé (`rasa.version.__version__`) est de la série `SUPPORTED_RASA` (3.6.x).

    Lève `RasaVersionError`, qui nomme la version trouvée et la version attendue, sinon."""
    found = str(rasa.version.__version__)
    if found.split(".")[:2] != SUPPORTED_RASA.split("."):
        raise RasaVersionError(
            f"addons/resilience.py remplace RemoteAction.run et Agent.handle_message de Rasa {SUPPORTED_RASA}.x, "
            f"mais Rasa {found} est installé. Installez Rasa {SUPPORTED_RASA}.x (requirements/runtime.txt) "
            "ou adaptez et revérifiez ces remplacements (tests/unit/test_resilience.py).")


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


def _degrade(run: Callable[..., Awaitable[List[Event]]], timeout_s: float) -> Callable[..., Awaitable[List[Event]]]:
    """`run` borné à `timeout_s` secondes ; serveur d'actions injoignable : message d'indisponibilité."""

    @wraps(run)
    async def guarded_run(self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any,
                          domain: Any) -> List[Event]:
        try:
            return await asyncio.wait_for(run(self, output_channel, nlg, tracker, domain), timeout_s)
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
            if self.name() == ACTION_SESSION_START_NAME:
                # Rasa's own session start (the project's only carries a diagnostic over): without these
                # events the conversation has no session and the policies loop until the circuit breaker.
                return [SessionStarted(), ActionExecuted(ACTION_LISTEN_NAME)]
            return []

    return guarded_run


# Suggestions always on offer: the greeting's buttons, which Teams' command menu repeats (teams/manifest.json).
GREETING = "utter_greet"


def last_turn_buttons(events: List[Event]) -> List[Dict[str, Any]]:
    """Les boutons de la dernière réponse de l'assistant : ceux qui suivent le dernier message de
    l'utilisateur, c'est-à-dire ceux qu'il a sous les yeux."""
    shown: List[Dict[str, Any]] = []
    for event in reversed(events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            shown = [*(event.data.get("buttons") or []), *shown]
    return shown


def greeting_buttons(agent: Agent) -> List[Dict[str, Any]]:
    """Les boutons de l'accueil (`GREETING` dans le domaine du modèle chargé)."""
    responses = agent.domain.responses if agent.domain is not None else {}
    return [b for variant in responses.get(GREETING) or [] for b in variant.get("buttons") or []]


# The buttons on screen and the previous message are among a conversation's latest events; only a command offered
# long ago needs older ones. Reading them all for every message made its cost grow with the conversation (issue 16).
RECENT_EVENTS = 60


def latest_events(store: SQLTrackerStore, sender_id: str, limit: int) -> List[Event]:
    """The sender's latest `limit` events of all sessions, oldest first, read newest first from the table of
    Rasa's SQL tracker store (same order as Rasa's `_event_query`: by id). Raises SQLAlchemy's errors."""
    with store.session_scope() as session:
        rows = session.query(store.SQLEvent.data).filter(store.SQLEvent.sender_id == sender_id) \
            .order_by(store.SQLEvent.id.desc()).limit(limit).all()
    return [Event.from_parameters(json.loads(data)) for (data,) in reversed(rows)]


class _OncePerMessage:
    """The output channel of a message cut into several questions: a reply already sent for an earlier part (« C'est
    quoi la tarif de JPEL ? Qui fait quoi ? » resolves both parts to the same answer) is not sent again. Everything
    else goes to the channel itself (`send_response` is what Rasa's processor calls for each bot message)."""

    def __init__(self, channel: Any) -> None:
        self._channel = channel
        self._sent: set[str] = set()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._channel, name)

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        text = message.get("text")
        if isinstance(text, str) and text in self._sent:
            logger.info("event=repeated_reply_skipped")
            return
        if isinstance(text, str):
            self._sent.add(text)
        await self._channel.send_response(recipient_id, message)


class _StoredEvents:
    """The sender's stored events (all sessions), read from the tracker store only when a step needs them (a
    typed command or button title, a message that may finish a cut-off one), newest first: the latest
    `RECENT_EVENTS`, then, only if a step looks further back, all of them; each read at most once per message."""

    def __init__(self, agent: Agent, sender_id: str) -> None:
        self._agent = agent
        self._sender_id = sender_id
        self._recent: Optional[List[Event]] = None
        self._all: Optional[List[Event]] = None

    async def _read(self, limit: Optional[int]) -> List[Event]:
        """The latest `limit` events (all when None), oldest first; [] without a store or when it cannot be read
        (logged, never raised)."""
        store = self._agent.tracker_store
        if store is None:
            return []
        try:
            sql = getattr(store, "_tracker_store", store)  # Rasa's FailSafeTrackerStore wraps the real one
            if limit is not None and isinstance(sql, SQLTrackerStore):
                return latest_events(sql, self._sender_id, limit)
            tracker = await store.retrieve_full_tracker(self._sender_id)
        except Exception as exc:  # a broken store must not stop the screen: nothing offered, nothing completed
            logger.warning("event=stored_events_unreadable error=%s", type(exc).__name__)
            return []
        events = list(tracker.events) if tracker is not None else []
        return events[-limit:] if limit is not None else events

    async def newest_first(self) -> AsyncIterator[Event]:
        """The events from the newest to the oldest; the older ones are read only if the caller goes on."""
        if self._recent is None:
            self._recent = await self._read(RECENT_EVENTS)
        for event in reversed(self._recent):
            yield event
        if len(self._recent) < RECENT_EVENTS:
            return
        if self._all is None:
            self._all = await self._read(None)
        for event in reversed(self._all[:max(0, len(self._all) - len(self._recent))]):
            yield event


async def _shown(agent: Agent, message: UserMessage, stored: _StoredEvents) -> Tuple[FrozenSet[str], Dict[str, str]]:
    """Ce que l'assistant a proposé dans cette conversation (toutes ses sessions) : les payloads de ses
    boutons, plus l'accueil que les canaux envoient eux-mêmes — les seuls textes « /… » lus comme des
    commandes — et, pour un titre de bouton tapé, titre → payload des boutons de sa dernière réponse
    puis de l'accueil. Le tracker n'est lu que pour un message qui peut être l'un ou l'autre, et seulement
    jusqu'où il faut : la commande tapée trouvée parmi les boutons montrés (`screen` ne demande que si
    elle y est), et la dernière réponse."""
    buttons: List[Dict[str, Any]] = []
    latest: List[Dict[str, Any]] = []
    text = message.text if isinstance(message.text, str) else ""
    command = clean(text) if clean(text).startswith("/") else ""  # what `screen` looks for among the payloads
    if text.lstrip().startswith("/") or may_be_a_title(text):
        seen: List[Event] = []  # newest first
        found = passed_user = False
        async for event in stored.newest_first():
            seen.append(event)
            passed_user = passed_user or isinstance(event, UserUttered)
            if isinstance(event, BotUttered):
                # The 👍 / 👎 of a rated answer are in its structure, not in its buttons (cecaz.feedback).
                shown = [*(event.data.get("buttons") or []), *offered_buttons(event.data)]
                buttons.extend(shown)
                found = found or command in offered_payloads(shown)
            if passed_user and (not command or found):
                break
        latest = last_turn_buttons(seen[::-1])
    titles = titles_to_payloads([*latest, *greeting_buttons(agent)]) if may_be_a_title(text) else {}
    return offered_payloads([*buttons, {"payload": WELCOME_PAYLOAD}]), titles


# « qui commercialise les solutions e-commerce » asks who does an act; « qui ça ? » goes on with the question before
_WHO_DOES_WORDS = 3


def _names_what_it_asks(part: str) -> bool:
    """A part of a message is a question of its own when it names a subject of the catalogue, who does an act or an
    aspect (« et leur numéro ? »), or asks a closed question on an offer (« et ça marche sans site ? ») ; « c'est quoi
    la raison ? » after « on est obligés ? » goes on with the first."""
    cat = _catalogue()
    return bool(aspects(part)) or closed_point(part) is not None \
        or (is_who_question(part) and len(part.split()) >= _WHO_DOES_WORDS) \
        or (cat is not None and any(cat.find_in_text(kind, part) for kind in ENTITY_KINDS))


# A message finishing a cut-off one comes right after it; an older one starts something new.
COMPLETION_WINDOW_S = 600.0


async def _last_user_text(stored: _StoredEvents) -> str:
    """The text of the sender's previous message if sent less than `COMPLETION_WINDOW_S` ago, else ""."""
    async for event in stored.newest_first():
        if isinstance(event, SessionStarted | Restarted):
            return ""  # a new conversation: nothing before it is finished by this message
        if isinstance(event, UserUttered):
            return (event.text or "") if time.time() - event.timestamp <= COMPLETION_WINDOW_S else ""
    return ""


def _screened(handle: Callable[[Agent, UserMessage], Awaitable[Any]]) -> Callable[[Agent, UserMessage],
                                                                                   Awaitable[Any]]:
    @wraps(handle)
    async def guarded_handle(self: Agent, message: UserMessage) -> Any:
        stored = _StoredEvents(self, message.sender_id)
        offered, titles = await _shown(self, message, stored)
        verdict = screen(message.text, offered, titles)
        if verdict.text is None:
            logger.info("event=message_screened channel=%s length=%s", message.input_channel,
                        len(message.text) if isinstance(message.text, str) else None)
            await message.output_channel.send_text_message(message.sender_id, verdict.reply or "")
            return None
        # a button's title typed (« sp+ ») is read as its payload, unless it ends the message cut off just before
        # (« quel mail je donne à un commerçant en » then « sp+ »): then the whole message
        title_typed = verdict.text.startswith("/") and not str(message.text).lstrip().startswith("/")
        said = clean(str(message.text)) if title_typed else verdict.text
        whole = completed(await _last_user_text(stored), said) if may_complete(said) else None
        if whole is not None:
            logger.info("event=message_completed words=%s", len(whole.split()))
        elif title_typed:
            logger.info("event=button_title_typed payload=%s", verdict.text)
        message.text = whole or verdict.text
        if not self.is_ready():
            logger.error("event=no_model_loaded")
            await message.output_channel.send_text_message(message.sender_id,
                                                           not_ready_text(_catalogue(), service_now()))
            return None
        # Several questions in one message: each part in turn, as if sent one after the other.
        parts = split_questions(message.text, _names_what_it_asks)
        if len(parts) > 1:
            logger.info("event=message_split parts=%s", len(parts))
            message.output_channel = _OncePerMessage(message.output_channel)  # type: ignore[assignment]
        result = None
        for index, part in enumerate(parts):
            one = copy.copy(message) if index else message
            one.text = part
            if index:
                one.message_id = uuid.uuid4().hex
                # (« tu peux répéter ? » then repeats the answers to every part: `last_bot_messages`)
                one.metadata = {**(message.metadata or {}), PART_METADATA: index}
            try:
                result = await handle(self, one)
            except StoreUnavailable:
                # Conversations or locks unreachable (logged by addons/stores.py): this part is neither processed
                # nor kept anywhere, and the sender is told so; the next parts would fail the same way.
                await message.output_channel.send_text_message(message.sender_id,
                                                               store_unavailable_text(_catalogue(), service_now()))
                return None
        return result

    return guarded_handle


def install() -> None:
    """Installe les garde-fous ; idempotent (un second appel ne réemballe pas).

    Délai du serveur d'actions : `CECAZ_ACTION_TIMEOUT` (secondes, `cecaz.settings`). Lève
    `RasaVersionError` si Rasa n'est pas en version 3.6.x, `cecaz.settings.SettingsError` si un réglage
    est inutilisable ; rien n'est alors remplacé."""
    check_rasa_version()
    # Our actions answer in milliseconds; a server that hangs longer is treated as down.
    timeout_s = settings.load().action_timeout_s
    if getattr(RemoteAction.run, "__wrapped__", None) is None:
        RemoteAction.run = _degrade(RemoteAction.run, timeout_s)  # type: ignore[method-assign]
    if getattr(Agent.handle_message, "__wrapped__", None) is None:
        Agent.handle_message = _screened(Agent.handle_message)  # type: ignore[method-assign]
