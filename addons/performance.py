"""Coût par message du serveur Rasa 3.6 réduit sans rien changer aux réponses (issue 16), installé par
`ops/rasa_cli.py` ; `CECAZ_PERFORMANCE_PATCHES=0` garde le code de Rasa (comparaison de `make bench`).

- Réponse du serveur d'actions : Rasa la valide avec `jsonschema.validate`, qui revérifie d'abord le
  schéma lui-même (celui de tous les événements de Rasa) contre le méta-schéma, à chaque action : ~60 ms
  sur cette machine, la plus grosse part d'un message. La réponse vient de notre serveur d'actions
  (boucle locale, secret partagé, docs/securite.md) ; on la valide quand même, toujours contre le même
  schéma, mais avec un validateur compilé une fois (~1 ms) : même verdict, même erreur.
- Magasin des conversations SQL : les événements sont lus colonne `data` seule, sans construire un objet
  ORM par ligne, et écrits en un `INSERT` groupé ; même requête (mêmes filtres, même ordre), mêmes lignes.
  La dernière session lue d'une conversation est gardée en mémoire : le message suivant ne lit et ne décode
  que les lignes écrites depuis (relire et décoder toute la session rendait chaque message plus cher que le
  précédent) ; le nombre de lignes et leur dernier horodatage, relus à chaque fois, disent si elle a changé
  autrement (relue entière).
- Serveur d'actions : Rasa lui envoie tous les événements de la session à chaque action ; il reçoit ceux des
  `ACTION_SERVER_TURNS` derniers messages, avec l'état entier (slots, formulaire, dernier message) : les actions
  du projet ne remontent pas plus loin (dernières réponses, derniers messages tapés, dernière réponse notée).
- Politiques : chaque prédiction rejouait tous les événements de la session pour en tirer les états (deux fois
  pour RulePolicy). Les événements appliqués et les états d'une conversation sont repris d'un message au suivant
  quand elle n'a fait que s'allonger (mêmes objets événements, relus depuis la mémoire du magasin), rejoués en
  entier sinon ; les états relus dans une même prédiction sont donnés en copie.
- SQLite (`make run`) : une connexion gardée ouverte par fil d'exécution (Rasa en ouvrait et fermait une
  par lecture ou écriture), journal WAL et `synchronous=NORMAL` au lieu du journal DELETE et de `FULL`.
  Chaque message lit puis écrit la conversation ; avec `FULL`, chaque écriture attendait plusieurs fsync
  du disque, boucle asyncio du serveur bloquée (la plus grosse part de l'écriture au profil). Avec WAL +
  NORMAL, une conversation écrite survit à l'arrêt brutal du serveur ; seule une coupure de courant de la
  machine peut perdre les toutes dernières écritures, jamais corrompre la base. Les lecteurs (purge,
  tests) ne bloquent plus l'écriture. Avec PostgreSQL (`make cluster`), seul ce point-ci ne s'applique pas.
- spaCy : Rasa charge `fr_core_news_sm` sans son analyseur syntaxique, mais avec sa reconnaissance d'entités
  nommées, qui a son propre tok2vec et coûtait la moitié du temps de spaCy par message (~2 ms sur ~4). Aucun
  composant du pipeline ne lit `doc.ents` (les entités viennent de DIET) ; vecteurs, lemmes et étiquettes sont
  identiques sans elle : elle est retirée au chargement.
- spaCy chargé deux fois : le nœud qui fournit le modèle et celui qui traite les messages le chargeaient
  chacun (~150 Mo de plus) ; le modèle chargé est gardé par nom et partagé (lecture seule).
- Chargement de DIET : pour créer ses poids, Rasa l'entraîne sur un exemple (graphe d'entraînement tracé,
  variables de l'optimiseur), puis charge les poids, puis fait une prédiction : ~25 s et ~550 Mo de plus
  au démarrage, pour rien à l'inférence. Ici, les poids sont restaurés à la création des variables par la
  prédiction sur l'exemple (restauration différée de TensorFlow) : mêmes poids, mêmes sorties au bit près
  (`tests/unit/test_performance.py`). Le réentraînement fin (`finetune_mode`) garde le code de Rasa.
- Appels au serveur d'actions : Rasa ouvrait une session HTTP (et une connexion TCP) par appel et la
  refermait ; une session est gardée par adresse et par boucle asyncio, ses connexions réutilisées (~0,4 ms de
  CPU par appel de moins mesurés sur cette machine, des deux côtés). Elle lâche une connexion inactive après
  `KEEPALIVE_S`, avant que le serveur d'actions ne la ferme (Sanic : 5 s), pour qu'aucun appel ne parte sur une
  connexion en train de se fermer ; elle est fermée à l'arrêt du serveur.
- Événements relus : Rasa retrouve la classe d'un événement en parcourant toutes les sous-classes
  d'`Event`, pour chaque événement de la conversation ; la classe trouvée est gardée par nom de type.

Les remplacements visent `RemoteAction._validate_action_result`, `RemoteAction._action_call_format`,
`SQLTrackerStore.__init__`,
`SQLTrackerStore._retrieve`, `SQLTrackerStore.save`, `Event.resolve_by_type`, `SpacyNLP.load_model`,
`DialogueStateTracker.applied_events`, `DialogueStateTracker.past_states`, `Domain.states_for_tracker_history`,
`EndpointConfig.session`, `rasa.core.run.close_resources` et `RasaModel.load` de Rasa 3.6 ; comme
`addons/resilience.py`, `install()` refuse une autre version."""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache, lru_cache, wraps
from typing import Any, Awaitable, Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple, Type

import aiohttp
import rasa.core.run
import sqlalchemy as sa
from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.core.tracker_store import SQLTrackerStore
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.constants import PREVIOUS_ACTION, USER
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
    deserialise_events,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, TEXT
from rasa.utils.endpoints import EndpointConfig
from rasa.utils.tensorflow.model_data import RasaModelData
from rasa.utils.tensorflow.models import RasaModel

from addons.resilience import check_rasa_version
from cecaz import settings

logger = logging.getLogger("cecaz.performance")


@lru_cache(maxsize=1)
def action_response_validator() -> Any:
    """Le validateur jsonschema du schéma des réponses du serveur d'actions, vérifié et compilé une fois."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(_: RemoteAction, result: Dict[str, Any]) -> bool:
    """`RemoteAction._validate_action_result` avec le validateur compilé : vrai si `result` est conforme,
    sinon la `ValidationError` que lèverait Rasa (la plus pertinente, avec le même complément de message)."""
    error = best_match(action_response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (". Failed to validate Action server response from API, make sure your response from the "
                      f"Action endpoint is valid. For more information about the format visit "
                      f"{DOCS_BASE_URL}/custom-actions")
    raise error


# The action server reads the conversation's latest turns only (the last answers and their buttons, the last typed
# messages, the last rated answer); slots, the active form and the latest message come with the state, whatever its
# length. Sending every event made each action call grow with the conversation (issue 16).
ACTION_SERVER_TURNS = 10


def recent_turns(events: Sequence[Event], turns: int = ACTION_SERVER_TURNS) -> List[Event]:
    """`events` (oldest first) from the `turns`-th last user message on; all of them if there are fewer user
    messages."""
    seen = 0
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            seen += 1
            if seen == turns:
                return list(events)[index:]
    return list(events)


class _LatestTurns:
    """A tracker as Rasa's `RemoteAction._action_call_format` reads it (`sender_id`, `current_state`), whose state
    holds the events of the latest turns only: the others are not even serialised."""

    def __init__(self, tracker: DialogueStateTracker) -> None:
        self.sender_id = tracker.sender_id
        self._tracker = tracker

    def current_state(self, event_verbosity: EventVerbosity = EventVerbosity.NONE) -> Dict[str, Any]:
        state = self._tracker.current_state(EventVerbosity.NONE)
        if event_verbosity != EventVerbosity.NONE:
            state["events"] = [event.as_dict() for event in recent_turns(self._tracker.events)]
        return state


def _latest_turns_only(call_format: Callable[..., Dict[str, Any]]) -> Callable[..., Dict[str, Any]]:
    @wraps(call_format)
    def trimmed_call_format(action: RemoteAction, tracker: DialogueStateTracker, domain: Any) -> Dict[str, Any]:
        return call_format(action, _LatestTurns(tracker), domain)

    return trimmed_call_format


@dataclass
class _SessionRead:
    """What was read of one conversation: the sender's rows in the table (all sessions) and their latest timestamp,
    the highest row id (None when only a save of this server's is known to have written it: the next read takes it
    from the table), the timestamp of its latest `SessionStarted` (None without one), the latest session's events."""

    rows: int
    latest: Optional[float]
    last_id: Optional[int]
    session_start: Optional[float]
    events: List[Event]


# Conversations read lately, by database and sender, most recent last: the next message of one reads only the rows
# written since. Bounded: the events of a long conversation take a few hundred kB.
READ_CACHE_SIZE = 200
_read_cache: OrderedDict[Tuple[str, str], _SessionRead] = OrderedDict()  # (database, sender)


def _keep(cache: OrderedDict[Any, Any], key: Any, value: Any, size: int) -> None:
    """Stores `value` under `key` as the most recent entry of `cache`, dropping the oldest beyond `size`."""
    cache[key] = value
    while len(cache) > size:
        cache.popitem(last=False)


def _read_session(store: SQLTrackerStore, session: Any, sender_id: str, totals: Tuple[Any, ...]) -> _SessionRead:
    """The latest session's events with Rasa's query (`_event_query`: same filters, same order); `totals` are the
    sender's row count, latest timestamp, highest id and latest `SessionStarted` timestamp."""
    table = store.SQLEvent
    found = store._event_query(session, sender_id, fetch_events_from_all_sessions=False).with_entities(table.data)
    rows, latest, last_id, start = totals
    return _SessionRead(rows, latest, last_id or 0, start, deserialise_events([json.loads(data) for (data,) in found]))


def _read_since(store: SQLTrackerStore, session: Any, sender_id: str, totals: Tuple[Any, ...],
                known: _SessionRead) -> Optional[_SessionRead]:
    """`known` with the rows written since it was read, or None if the conversation changed otherwise (rows
    deleted or rewritten, a new session: read it again)."""
    table = store.SQLEvent
    rows, latest, last_id, start = totals
    if known.last_id is None:  # as this server saved it: still so if nobody wrote since
        unchanged = (known.rows, known.latest, known.session_start) == (rows, latest, start)
        return _SessionRead(rows, latest, last_id or 0, start, known.events) if unchanged else None
    new = session.query(table.timestamp, table.data) \
        .filter(table.sender_id == sender_id, table.id > known.last_id).order_by(table.id).all()
    if known.rows + len(new) != rows or start != known.session_start or \
            max([t for t in (known.latest, *(timestamp for timestamp, _ in new)) if t is not None],
                default=None) != latest:
        return None
    kept = [json.loads(data) for timestamp, data in new if start is None or timestamp >= start]
    return _SessionRead(rows, latest, last_id or 0, start, [*known.events, *deserialise_events(kept)])


def _totals(store: SQLTrackerStore, session: Any, sender_id: str) -> Tuple[Any, ...]:
    """The sender's row count, latest timestamp, highest row id and latest `SessionStarted` timestamp."""
    table = store.SQLEvent
    return tuple(session.query(
        sa.func.count(table.id), sa.func.max(table.timestamp), sa.func.max(table.id),
        sa.func.max(sa.case((table.type_name == SessionStarted.type_name, table.timestamp))),
    ).filter(table.sender_id == sender_id).one())


def _remember_saved(store: SQLTrackerStore, tracker: DialogueStateTracker, written: int) -> None:
    """After a save, what the next read of the conversation would give, kept as read (`_read_cache`): the tracker's own
    events, so that the next message's tracker holds the same event objects and the policies' replay of this one
    goes on from where it stopped (`applied_events`, `states_for_tracker_history`). Only when the save just appended
    `written` rows to what was read (the rows counted before writing were the ones read), in the same session;
    otherwise what was read stays, and the next read adds the rows written since. The table is not read again here:
    the totals this save should leave are kept, and the next read checks them against the table's (`_read_since`),
    so that a row another server wrote meanwhile makes it read the conversation again."""
    key = (str(store.engine.url), tracker.sender_id)
    known = _read_cache.get(key)
    events = list(tracker.events)
    new = events[len(events) - written:] if written else []
    if known is None or len(known.events) + written != len(events) \
            or any(isinstance(event, SessionStarted) for event in new) \
            or any(seen is not now for seen, now in zip(known.events, events, strict=False)):
        return
    stamps = [t for t in (known.latest, *(event.timestamp for event in new)) if t is not None]
    _keep(_read_cache, key, _SessionRead(known.rows + written, max(stamps, default=None), None, known.session_start,
                                         events), READ_CACHE_SIZE)


async def retrieve_events(store: SQLTrackerStore, sender_id: str,
                          fetch_events_from_all_sessions: bool) -> Optional[DialogueStateTracker]:
    """`SQLTrackerStore._retrieve` sans objets ORM, et sans relire ce qui l'a déjà été : les événements de la
    dernière session (requête de Rasa, `_event_query`) sont gardés en mémoire, et le message suivant ne lit
    que les lignes écrites depuis ; le nombre de lignes de la conversation, relu à chaque fois, dit si elle a
    changé autrement (lignes effacées, nouvelle session, autre serveur), avec leur dernier horodatage (lignes
    réécrites) : elle est alors relue entière.
    Toutes les sessions : la requête de Rasa, sans mémoire. None si la conversation n'a aucun événement.
    Les événements relus sont partagés d'un tracker au suivant : Rasa ne modifie jamais un événement passé."""
    if store.domain is None:
        return None
    table = store.SQLEvent
    with store.session_scope() as session:
        if fetch_events_from_all_sessions:
            query = store._event_query(session, sender_id, fetch_events_from_all_sessions=True)
            events = deserialise_events([json.loads(data) for (data,) in query.with_entities(table.data)])
        else:
            totals = _totals(store, session, sender_id)
            key = (str(store.engine.url), sender_id)
            known = _read_cache.pop(key, None)
            read = (known and _read_since(store, session, sender_id, totals, known)) or \
                _read_session(store, session, sender_id, totals)
            _keep(_read_cache, key, read, READ_CACHE_SIZE)
            events = read.events
    if not events:
        return None
    return DialogueStateTracker.from_events(sender_id, events, store.domain.slots)


async def save_events(store: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
    """`SQLTrackerStore.save` : les événements du tracker qui ne sont pas encore en base (compte de la
    session en cours, comme Rasa), écrits en un seul `INSERT` groupé, mêmes colonnes que Rasa."""
    await store.stream_events(tracker)
    with store.session_scope() as session:
        stored = store._event_query(session, tracker.sender_id, fetch_events_from_all_sessions=False) \
            .order_by(None).with_entities(sa.func.count(store.SQLEvent.id)).scalar()
        rows = []
        for event in list(tracker.events)[stored:]:
            data = event.as_dict()
            rows.append({"sender_id": tracker.sender_id, "type_name": event.type_name,
                         "timestamp": data.get("timestamp"), "intent_name":
                         data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
                         "action_name": data.get("name"), "data": json.dumps(data)})
        if rows:
            session.execute(store.SQLEvent.__table__.insert(), rows)
        session.commit()
        _remember_saved(store, tracker, len(rows))


SQLITE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL")


def tune_sqlite(connection: Any, _: Any = None) -> None:
    """Règle une connexion DB-API SQLite neuve (`SQLITE_PRAGMAS`) ; écouteur « connect » de SQLAlchemy."""
    cursor = connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _tuned(init: Callable[..., None]) -> Callable[..., None]:
    @wraps(init)
    def tuned_init(store: SQLTrackerStore, *args: Any, **kwargs: Any) -> None:
        init(store, *args, **kwargs)
        if store.engine.dialect.name != "sqlite":
            return
        url = store.engine.url
        store.engine.dispose()
        # The Rasa server reads and writes conversations from its event loop thread: one connection each.
        store.engine = sa.create_engine(url, poolclass=sa.pool.SingletonThreadPool)
        sa.event.listen(store.engine, "connect", tune_sqlite)
        store.sessionmaker = sa.orm.sessionmaker(bind=store.engine)

    return tuned_init


def _remembered(resolve: Callable[..., Optional[Type[Event]]]) -> Callable[..., Optional[Type[Event]]]:
    found: Dict[str, Type[Event]] = {}

    @wraps(resolve)
    def remembered_resolve(type_name: str, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
        if type_name not in found:
            try:
                event_class = resolve(type_name)
            except ValueError:
                event_class = None
            if event_class is None:  # "topic" or an unknown name: Rasa's own answer (default, None or ValueError)
                return resolve(type_name, default)
            found[type_name] = event_class
        return found[type_name]

    return remembered_resolve


# RulePolicy reads the tracker's past states twice per prediction (rules on the text, then on the intent) with the
# same arguments, each time replaying the whole session: the last few results are kept for the tracker they were
# computed on, as long as it has the same events.
_STATES_KEPT = 4
_past_states: List[Tuple[weakref.ReferenceType[DialogueStateTracker], Tuple[Any, ...], List[Dict[str, Any]]]] = []


def _edited(states: List[Dict[str, Any]], index: int) -> bool:
    """Whether Rasa's prediction code edits the state at `index` (`TrackerFeaturizer._choose_last_user_input`): the
    last one, and any whose user sub-state has both an intent and a text (the text is deleted)."""
    user = states[index].get(USER) or {}
    return index == len(states) - 1 or bool(user.get(INTENT) and user.get(TEXT))


def copy_states(states: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """A copy of `states` (Rasa's `State`: sub-state name → dict of immutable values) that callers may edit as
    Rasa's prediction code does (`_edited`); sub-states shared by several states stay shared in the copy. The
    states that share no sub-state with an edited one are not copied (nothing edits them): copying them all made the
    cost of a prediction grow with the conversation."""
    touched = {id(sub_state) for index in range(len(states)) if _edited(states, index)
               for sub_state in states[index].values()}
    copies: Dict[int, Dict[str, Any]] = {}

    def copied(sub_state: Dict[str, Any]) -> Dict[str, Any]:
        if id(sub_state) not in copies:
            copies[id(sub_state)] = dict(sub_state)
        return copies[id(sub_state)]

    return [{name: copied(sub_state) for name, sub_state in state.items()}
            if any(id(sub_state) in touched for sub_state in state.values()) else state for state in states]


def _states_remembered(past_states: Callable[..., List[Dict[str, Any]]]) -> Callable[..., List[Dict[str, Any]]]:
    @wraps(past_states)
    def remembered_past_states(tracker: DialogueStateTracker, domain: Any, omit_unset_slots: bool = False,
                               ignore_rule_only_turns: bool = False,
                               rule_only_data: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
        events = tracker.events
        # Events are only ever appended to a tracker: its length and last event say which ones it holds.
        key = (len(events), id(events[-1]) if events else None, id(domain), omit_unset_slots, ignore_rule_only_turns,
               id(rule_only_data))
        for owner, known_key, states in _past_states:
            if owner() is tracker and known_key == key:
                return copy_states(states)
        states = past_states(tracker, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
        _past_states.insert(0, (weakref.ref(tracker), key, states))
        del _past_states[_STATES_KEPT:]
        return copy_states(states)

    return remembered_past_states


def copy_tracker(tracker: DialogueStateTracker) -> DialogueStateTracker:
    """Rasa 3.6's `DialogueStateTracker.copy` without replaying the events: the processor copies the tracker
    before each action it runs, and replaying a long conversation made that copy grow with its length.

    The state Rasa rebuilds by replaying is the tracker's own (events only ever change it through `apply_to`), so
    the copy takes it over: the same event objects in a new deque, copies of the slots (value and whether it was
    set), of the active loop and of the last action (both edited in place), the last messages by reference as the
    replay does (new empty ones after a reset). Like Rasa's copy it has no model or assistant id. Same state as
    Rasa's copy for every prefix of a conversation (`tests/unit/test_performance.py`)."""
    copied = tracker.init_copy()
    copied.events = tracker._create_events(list(tracker.events))
    copied.slots = {name: copy.copy(slot) for name, slot in tracker.slots.items()}
    copied._paused = tracker._paused
    copied.followup_action = tracker.followup_action
    copied.latest_action = dict(tracker.latest_action) if tracker.latest_action is not None else None
    copied.active_loop = copy.copy(tracker.active_loop)
    for name in ("latest_message", "latest_bot_utterance"):
        # One of the events (not always the last of its kind: a reverted message gives back the one before), or
        # the empty one left by a reset: then the copy's own, as after the replay.
        message = getattr(tracker, name)
        if any(message is event for event in reversed(tracker.events)):
            setattr(copied, name, message)
    return copied


@dataclass
class _AppliedSoFar:
    """Rasa's `DialogueStateTracker.applied_events` stopped after `events` (the tracker's events, in order), for
    the loop names found in them: the events applied so far."""

    events: List[Event]
    loop_names: FrozenSet[str]
    applied: List[Event]


_applied_so_far: OrderedDict[str, _AppliedSoFar] = OrderedDict()


def _apply(tracker: DialogueStateTracker, events: Sequence[Event], loop_names: FrozenSet[str],
           applied: List[Event]) -> None:
    """The loop of Rasa 3.6's `DialogueStateTracker.applied_events` over `events`, carried on from `applied`."""
    for event in events:
        if isinstance(event, Restarted | SessionStarted):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, ActionExecuted) and event.action_name in loop_names \
                and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)


def applied_events(tracker: DialogueStateTracker) -> List[Event]:
    """`DialogueStateTracker.applied_events` of Rasa 3.6 (same events, `tests/unit/test_performance.py`), carried
    on from the previous call for the same conversation when its events start with the ones seen then and name no
    new loop (Rasa reads the loop names in all the events before applying the first one)."""
    events = list(tracker.events)
    so_far = _applied_so_far.pop(tracker.sender_id, None)
    tail = events[len(so_far.events):] if so_far is not None else events
    names = frozenset(e.name for e in tail if isinstance(e, ActiveLoop) and e.name)
    if so_far is not None and len(so_far.events) <= len(events) and names <= so_far.loop_names and \
            all(seen is now for seen, now in zip(so_far.events, events, strict=False)):
        applied = list(so_far.applied)
        _apply(tracker, tail, so_far.loop_names, applied)
        names = so_far.loop_names
    else:
        names = frozenset(e.name for e in events if isinstance(e, ActiveLoop) and e.name)
        applied = []
        _apply(tracker, events, names, applied)
    _keep(_applied_so_far, tracker.sender_id, _AppliedSoFar(events, names, applied), READ_CACHE_SIZE)
    return list(applied)


@dataclass
class _StatesSoFar:
    """Rasa's `Domain.states_for_tracker_history` stopped after `applied` (the tracker's applied events, in order):
    the replayed tracker, the states yielded before each action so far, and the loop's two variables."""

    applied: List[Event]
    replay: DialogueStateTracker
    states: List[Dict[str, Any]]
    last_ml_action_sub_state: Optional[Dict[str, Any]] = None
    turn_was_hidden: bool = False


# Each prediction replays the session's events to get the states the policies match: the cost of a message grew
# with the conversation. The replay of a conversation is kept (as many as conversations read, READ_CACHE_SIZE) and
# carried on when its events were only appended to, as between two messages (the events read again are the same
# objects, `retrieve_events`); anything else (a form's turn folded away, a reverted message) replays it all.
_states_so_far: OrderedDict[Tuple[Any, ...], _StatesSoFar] = OrderedDict()


def _state_step(domain: Any, so_far: _StatesSoFar, tracker: DialogueStateTracker, hide_rule_turn: bool,
                omit_unset_slots: bool, ignore_rule_only_turns: bool, rule_only_data: Optional[Dict[str, Any]]) -> None:
    """One turn of the loop of Rasa 3.6's `Domain.states_for_tracker_history`, on `so_far`."""
    if ignore_rule_only_turns:
        if not so_far.turn_was_hidden:
            so_far.last_ml_action_sub_state = domain._get_prev_action_sub_state(tracker)
        if not tracker.followup_action and tracker.latest_action_name != tracker.active_loop_name:
            so_far.turn_was_hidden = hide_rule_turn
        if so_far.turn_was_hidden:
            return
    state = domain.get_active_state(tracker, omit_unset_slots=omit_unset_slots)
    if ignore_rule_only_turns:
        domain._remove_rule_only_features(state, rule_only_data)
        if so_far.states:
            domain._substitute_rule_only_user_input(state, so_far.states[-1])
        if so_far.last_ml_action_sub_state:
            state[PREVIOUS_ACTION] = so_far.last_ml_action_sub_state
    so_far.states.append(domain._clean_state(state))


def states_for_tracker_history(domain: Any, tracker: DialogueStateTracker, omit_unset_slots: bool = False,
                               ignore_rule_only_turns: bool = False,
                               rule_only_data: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
    """`Domain.states_for_tracker_history` of Rasa 3.6 (same states, `tests/unit/test_performance.py`), carried on
    from the previous call for the same conversation when its applied events start with the ones seen then."""
    applied = tracker.applied_events()
    key = (tracker.sender_id, id(domain), omit_unset_slots, ignore_rule_only_turns, tracker.is_rule_tracker,
           tracker._max_event_history, json.dumps(rule_only_data, sort_keys=True, default=str))
    so_far = _states_so_far.pop(key, None)
    if so_far is None or len(so_far.applied) > len(applied) or \
            any(seen is not now for seen, now in zip(so_far.applied, applied, strict=False)):
        so_far = _StatesSoFar([], tracker.init_copy(), [])
    for event in applied[len(so_far.applied):]:
        if isinstance(event, ActionExecuted):
            _state_step(domain, so_far, so_far.replay, event.hide_rule_turn, omit_unset_slots, ignore_rule_only_turns,
                        rule_only_data)
        so_far.replay.update(event)
        so_far.applied.append(event)
    _keep(_states_so_far, key, so_far, 2 * READ_CACHE_SIZE)  # the policies read with two sets of arguments
    # The last turn (the tracker as it is now) is not kept: the next event may make it part of another one.
    last = _StatesSoFar(so_far.applied, so_far.replay, list(so_far.states), so_far.last_ml_action_sub_state,
                        so_far.turn_was_hidden)
    _state_step(domain, last, so_far.replay, False, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
    return copy_states(last.states)


# Components of the spaCy pipeline whose output nothing in the NLU pipeline reads (Rasa already drops "parser").
UNREAD_SPACY_PIPES = ("ner",)


def _without_unread_pipes(load: Callable[[str], SpacyModel]) -> Callable[[str], SpacyModel]:
    @wraps(load)
    @cache  # one model per name, shared by the graph nodes that load it
    def load_model(spacy_model_name: str) -> SpacyModel:
        loaded = load(spacy_model_name)
        for name in UNREAD_SPACY_PIPES:
            if name in loaded.model.component_names:
                loaded.model.remove_pipe(name)
        return loaded

    return load_model


def _built_by_inference(load: Callable[..., RasaModel]) -> Callable[..., RasaModel]:
    @wraps(load)
    def load_for_inference(cls: Type[RasaModel], model_file_name: str, model_data_example: RasaModelData,
                           predict_data_example: Optional[RasaModelData] = None, finetune_mode: bool = False,
                           *args: Any, **kwargs: Any) -> RasaModel:
        if finetune_mode or predict_data_example is None:
            return load(cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs)
        model = cls(*args, **kwargs)
        # Deferred restoration: each variable takes its saved value when the first prediction creates it; the
        # optimizer's saved slots have no variable at inference, hence `expect_partial`.
        model.load_weights(model_file_name).expect_partial()
        model.run_inference(predict_data_example)
        return model

    return load_for_inference


KEEPALIVE_S = 2.0  # idle connection to the action server dropped here, before Sanic's 5 s close it there
_kept_sessions: List[aiohttp.ClientSession] = []


class _KeptSession:
    """What `async with endpoint.session()` gets: the endpoint's kept session, left open at the block's end."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *_: Any) -> None:
        return None


def kept_session(endpoint: EndpointConfig) -> _KeptSession:
    """Remplace `EndpointConfig.session` : la session HTTP de `endpoint` (ses en-têtes, son authentification,
    le délai de Rasa) pour la boucle asyncio en cours, créée au premier appel, recréée si elle a été fermée.
    À utiliser dans `async with`, comme celle de Rasa ; `close_kept_sessions` les ferme."""
    loop = asyncio.get_running_loop()
    kept: Optional[Tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession]] = endpoint.__dict__.get("_kept_session")
    if kept is None or kept[0] is not loop or kept[1].closed:
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"]) \
            if endpoint.basic_auth else None
        session = aiohttp.ClientSession(headers=endpoint.headers, auth=auth,
                                        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
                                        connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S))
        endpoint.__dict__["_kept_session"] = kept = (loop, session)
        _kept_sessions.append(session)
    return _KeptSession(kept[1])


async def close_kept_sessions() -> None:
    """Ferme les sessions gardées par `kept_session` (arrêt du serveur)."""
    while _kept_sessions:
        await _kept_sessions.pop().close()


def _closing_kept_sessions(close: Callable[..., Awaitable[None]]) -> Callable[..., Awaitable[None]]:
    @wraps(close)
    async def close_resources(*args: Any) -> None:
        await close(*args)
        await close_kept_sessions()

    return close_resources


def install() -> None:
    """Installe les remplacements si `CECAZ_PERFORMANCE_PATCHES` le permet (par défaut) ; idempotent.

    Lève `addons.resilience.RasaVersionError` hors de Rasa 3.6.x, `cecaz.settings.SettingsError` si un
    réglage est inutilisable ; rien n'est alors remplacé."""
    check_rasa_version()
    if not settings.load().performance_patches:
        logger.info("event=performance_patches_off")
        return
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    SQLTrackerStore._retrieve = retrieve_events  # type: ignore[method-assign]
    if getattr(Event.resolve_by_type, "__wrapped__", None) is None:
        Event.resolve_by_type = staticmethod(_remembered(Event.resolve_by_type))  # type: ignore[method-assign]
    if getattr(SQLTrackerStore.__init__, "__wrapped__", None) is None:
        SQLTrackerStore.__init__ = _tuned(SQLTrackerStore.__init__)  # type: ignore[method-assign]
    SQLTrackerStore.save = save_events  # type: ignore[method-assign]
    if getattr(SpacyNLP.load_model, "__wrapped__", None) is None:
        SpacyNLP.load_model = staticmethod(_without_unread_pipes(SpacyNLP.load_model))  # type: ignore[method-assign]
    if getattr(RemoteAction._action_call_format, "__wrapped__", None) is None:
        RemoteAction._action_call_format = _latest_turns_only(  # type: ignore[method-assign]
            RemoteAction._action_call_format)
    if getattr(DialogueStateTracker.past_states, "__wrapped__", None) is None:
        DialogueStateTracker.past_states = _states_remembered(  # type: ignore[method-assign]
            DialogueStateTracker.past_states)
    Domain.states_for_tracker_history = states_for_tracker_history  # type: ignore[method-assign,assignment]
    DialogueStateTracker.applied_events = applied_events  # type: ignore[method-assign]
    DialogueStateTracker.copy = copy_tracker  # type: ignore[method-assign]
    EndpointConfig.session = kept_session  # type: ignore[method-assign,assignment]
    if getattr(rasa.core.run.close_resources, "__wrapped__", None) is None:
        rasa.core.run.close_resources = _closing_kept_sessions(rasa.core.run.close_resources)
    if getattr(RasaModel.load, "__wrapped__", None) is None:
        RasaModel.load = classmethod(_built_by_inference(RasaModel.load.__func__))  # type: ignore[method-assign,attr-defined]

