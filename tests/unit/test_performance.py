"""Les remplacements de `addons/performance.py` donnent exactement ce que donne le code de Rasa 3.6 qu'ils
remplacent : même verdict et même erreur pour une réponse du serveur d'actions, mêmes lignes en base et même
tracker relu pour une conversation."""

from __future__ import annotations

import asyncio
import inspect
import sqlite3
from pathlib import Path
from typing import Any, Dict, List

import pytest
import rasa.core.run
import sqlalchemy as sa
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import SQLTrackerStore
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActiveLoop,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    Event,
    FollowupAction,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity
from rasa.utils.endpoints import EndpointConfig

from addons import performance

RASA_VALIDATE = RemoteAction._validate_action_result
RASA_RETRIEVE = SQLTrackerStore._retrieve
RASA_SAVE = SQLTrackerStore.save
RASA_INIT = SQLTrackerStore.__init__
RASA_RESOLVE = Event.resolve_by_type
RASA_LOAD_SPACY = inspect.unwrap(SpacyNLP.load_model)
RASA_CALL_FORMAT = inspect.unwrap(RemoteAction._action_call_format)
RASA_PAST_STATES = inspect.unwrap(DialogueStateTracker.past_states)
RASA_STATES = Domain.states_for_tracker_history
RASA_APPLIED = DialogueStateTracker.applied_events
RASA_COPY = DialogueStateTracker.copy
RASA_SESSION = EndpointConfig.session
RASA_CLOSE = inspect.unwrap(rasa.core.run.close_resources)
ACTION = RemoteAction("action_answer", None)
DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [ask_phone]
entities: [offre]
slots:
  focus: {type: any, mappings: [{type: custom}]}
responses:
  utter_greet: [{text: "Bonjour"}]
""")


def test_the_replaced_methods_have_the_signatures_of_rasa_3_6() -> None:
    assert list(inspect.signature(RASA_VALIDATE).parameters) == ["self", "result"]
    assert list(inspect.signature(RASA_RETRIEVE).parameters) == ["self", "sender_id", "fetch_events_from_all_sessions"]
    assert list(inspect.signature(RASA_SAVE).parameters) == ["self", "tracker"]


@pytest.mark.parametrize("response", [
    {"events": [{"event": "slot", "name": "focus", "value": {"offre": "sp_plus"}}],
     "responses": [{"text": "Le numéro", "buttons": [{"title": "Oui", "payload": "/affirm"}], "custom": {}}]},
    {"events": [], "responses": []},
    {},
])
def test_a_valid_response_is_accepted_like_rasa_does(response: Dict[str, Any]) -> None:
    assert RASA_VALIDATE(ACTION, response) is True
    assert performance.validate_action_result(ACTION, response) is True


@pytest.mark.parametrize("response", [
    {"events": "SlotSet"},
    {"events": [{"event": "slot"}]},
    {"events": [{"event": "no_such_event", "timestamp": 1}]},
    {"responses": ["texte seul"]},
])
def test_an_invalid_response_is_refused_with_the_error_rasa_raises(response: Dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as by_rasa:
        RASA_VALIDATE(ACTION, response)
    with pytest.raises(ValidationError) as by_us:
        performance.validate_action_result(ACTION, response)
    assert by_us.value.message == by_rasa.value.message
    assert list(by_us.value.path) == list(by_rasa.value.path)


def conversation_events(turns: int) -> List[Event]:
    events: List[Event] = [ActionExecuted("action_session_start", timestamp=1.0), SessionStarted(timestamp=1.0),
                           ActionExecuted("action_listen", timestamp=1.0)]
    for turn in range(turns):
        at = 2.0 + turn
        events += [UserUttered(f"numéro sp+ {turn}", {"name": "ask_phone", "confidence": 0.9},
                               [{"entity": "offre", "value": "sp_plus", "start": 7, "end": 10}], timestamp=at),
                   ActionExecuted("action_answer", timestamp=at),
                   BotUttered("09 69 37 80 30", {"buttons": [{"title": "Oui", "payload": "/affirm"}]}, timestamp=at),
                   SlotSet("focus", {"offre": "sp_plus", "tour": turn}, timestamp=at),
                   ActionExecuted("action_listen", timestamp=at)]
    return events


def stored_rows(db: Path) -> List[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT sender_id, type_name, timestamp, intent_name, action_name, data "
                                  "FROM events ORDER BY id").fetchall()


def save_in_two_steps(store: SQLTrackerStore, save: Any, events: List[Event]) -> None:
    """Enregistre une conversation en deux fois, comme après deux messages."""
    tracker = DialogueStateTracker.from_events("collab", events[:8], DOMAIN.slots)
    asyncio.run(save(store, tracker))
    tracker = DialogueStateTracker.from_events("collab", events, DOMAIN.slots)
    asyncio.run(save(store, tracker))


@pytest.mark.parametrize("turns", [3, 9, 10, 45])
def test_the_action_server_gets_the_latest_turns_and_the_whole_state(turns: int) -> None:
    tracker = DialogueStateTracker.from_events("collab", conversation_events(turns), DOMAIN.slots)
    by_rasa = RASA_CALL_FORMAT(ACTION, tracker, DOMAIN)
    by_us = performance._latest_turns_only(RASA_CALL_FORMAT)(ACTION, tracker, DOMAIN)
    everything, sent = by_rasa["tracker"].pop("events"), by_us["tracker"].pop("events")
    assert by_us == by_rasa  # slots, latest message, active form…: the whole state
    assert sent == everything[len(everything) - len(sent):]
    users = [e["text"] for e in everything if e["event"] == "user"]
    assert [e["text"] for e in sent if e["event"] == "user"] == users[-performance.ACTION_SERVER_TURNS:]
    assert sent == everything if turns < performance.ACTION_SERVER_TURNS else sent[0]["event"] == "user"


def test_saving_writes_the_rows_rasa_writes(tmp_path: Path) -> None:
    events = conversation_events(4)
    by_rasa = SQLTrackerStore(DOMAIN, db=str(tmp_path / "rasa.db"))
    by_us = SQLTrackerStore(DOMAIN, db=str(tmp_path / "nous.db"))
    save_in_two_steps(by_rasa, RASA_SAVE, events)
    save_in_two_steps(by_us, performance.save_events, events)
    assert len(stored_rows(tmp_path / "nous.db")) == len(events)
    assert stored_rows(tmp_path / "nous.db") == stored_rows(tmp_path / "rasa.db")


@pytest.mark.parametrize("all_sessions", [False, True])
def test_reading_gives_the_tracker_rasa_gives(tmp_path: Path, all_sessions: bool) -> None:
    store = SQLTrackerStore(DOMAIN, db=str(tmp_path / "conversations.db"))
    # Two sessions: the second starts later; by default only its events are read.
    later = [ActionExecuted("action_session_start", timestamp=100.0), SessionStarted(timestamp=100.0),
             ActionExecuted("action_listen", timestamp=100.0)]
    asyncio.run(RASA_SAVE(store, DialogueStateTracker.from_events("collab", conversation_events(3) + later,
                                                                  DOMAIN.slots)))
    by_rasa = asyncio.run(RASA_RETRIEVE(store, "collab", all_sessions))
    by_us = asyncio.run(performance.retrieve_events(store, "collab", all_sessions))
    assert by_rasa is not None and by_us is not None
    assert len(by_us.events) == (len(conversation_events(3)) + 3 if all_sessions else 3)
    assert by_us.current_state() == by_rasa.current_state()
    assert asyncio.run(performance.retrieve_events(store, "personne", all_sessions)) is None


def same_as_rasa(store: SQLTrackerStore, sender: str = "collab") -> int:
    """Reads the conversation with Rasa's code and ours; both give the same tracker. Returns its event count."""
    by_rasa = asyncio.run(RASA_RETRIEVE(store, sender, False))
    by_us = asyncio.run(performance.retrieve_events(store, sender, False))
    assert (by_us is None) == (by_rasa is None)
    if by_rasa is None or by_us is None:
        return 0
    assert by_us.current_state(EventVerbosity.ALL) == by_rasa.current_state(EventVerbosity.ALL)
    return len(by_us.events)


def test_a_conversation_read_again_gives_the_tracker_rasa_gives(tmp_path: Path) -> None:
    store = SQLTrackerStore(DOMAIN, db=str(tmp_path / "conversations.db"))
    other_server = SQLTrackerStore(DOMAIN, db=str(tmp_path / "conversations.db"))
    events = conversation_events(6)
    assert same_as_rasa(store) == 0
    for end in (8, 13, 18, len(events)):  # message after message, each read after the previous save
        asyncio.run(performance.save_events(store, DialogueStateTracker.from_events("collab", events[:end],
                                                                                      DOMAIN.slots)))
        assert same_as_rasa(store) == end
    # Written by another Rasa server: read since the last read.
    more = events + [UserUttered("et pour jpel ?", timestamp=50.0), ActionExecuted("action_answer", timestamp=50.0)]
    asyncio.run(performance.save_events(other_server, DialogueStateTracker.from_events("collab", more, DOMAIN.slots)))
    assert same_as_rasa(store) == len(more)
    # A new session: only its events.
    later = more + [ActionExecuted("action_session_start", timestamp=100.0), SessionStarted(timestamp=100.0),
                    ActionExecuted("action_listen", timestamp=100.0), UserUttered("bonjour", timestamp=101.0)]
    asyncio.run(performance.save_events(store, DialogueStateTracker.from_events("collab", later, DOMAIN.slots)))
    assert same_as_rasa(store) == 4
    # Rewritten in place (an operator moving the conversation back in time): read again.
    with sqlite3.connect(tmp_path / "conversations.db") as connection:
        connection.execute("UPDATE events SET timestamp = timestamp - 36000 WHERE sender_id = 'collab'")
    assert same_as_rasa(store) == 4  # the same events, their new times
    # Deleted (purge), then written again: the new conversation only.
    with sqlite3.connect(tmp_path / "conversations.db") as connection:
        connection.execute("DELETE FROM events WHERE sender_id = 'collab'")
    assert same_as_rasa(store) == 0
    asyncio.run(performance.save_events(store, DialogueStateTracker.from_events("collab", events[:8], DOMAIN.slots)))
    assert same_as_rasa(store) == 8
    assert asyncio.run(performance.retrieve_events(store, "personne", False)) is None


def test_a_conversation_read_again_reads_only_the_new_rows(tmp_path: Path) -> None:
    store = SQLTrackerStore(DOMAIN, db=str(tmp_path / "conversations.db"))
    events = conversation_events(6)
    asyncio.run(performance.save_events(store, DialogueStateTracker.from_events("collab", events[:13], DOMAIN.slots)))
    first = asyncio.run(performance.retrieve_events(store, "collab", False))
    asyncio.run(performance.save_events(store, DialogueStateTracker.from_events("collab", events, DOMAIN.slots)))
    again = asyncio.run(performance.retrieve_events(store, "collab", False))
    assert first is not None and again is not None
    # The events already read are the same objects: not parsed again.
    assert all(a is b for a, b in zip(list(first.events), list(again.events)[:13], strict=True))


@pytest.mark.parametrize("ignore_rule_only_turns", [False, True])
def test_past_states_read_again_are_rasa_s_and_each_caller_s_own(ignore_rule_only_turns: bool) -> None:
    past_states = performance._states_remembered(RASA_PAST_STATES)
    tracker = DialogueStateTracker.from_events("collab", conversation_events(4), DOMAIN.slots)
    first = past_states(tracker, DOMAIN, ignore_rule_only_turns=ignore_rule_only_turns)
    assert first == RASA_PAST_STATES(tracker, DOMAIN, ignore_rule_only_turns=ignore_rule_only_turns)
    del first[-1]["user"]  # as the featurizer edits the last state
    again = past_states(tracker, DOMAIN, ignore_rule_only_turns=ignore_rule_only_turns)
    assert again == RASA_PAST_STATES(tracker, DOMAIN, ignore_rule_only_turns=ignore_rule_only_turns)
    tracker.update(UserUttered("et pour jpel ?", {"name": "ask_phone", "confidence": 0.9}))
    assert past_states(tracker, DOMAIN) == RASA_PAST_STATES(tracker, DOMAIN)  # a new event: computed again
    other = DialogueStateTracker.from_events("autre", conversation_events(2), DOMAIN.slots)
    assert past_states(other, DOMAIN) == RASA_PAST_STATES(other, DOMAIN)


FORM_DOMAIN = Domain.from_yaml("""
version: "3.1"
intents: [ask_phone, affirm, deny, start_diagnostic]
entities: [offre]
slots:
  offre: {type: categorical, values: [sp_plus, jpel], mappings: [{type: from_entity, entity: offre}]}
  diag_has_site: {type: bool, influence_conversation: true, mappings: [{type: custom}]}
  focus: {type: any, mappings: [{type: custom}]}
forms:
  diagnostic_form: {required_slots: [diag_has_site]}
actions: [action_answer, action_clarify]
responses:
  utter_greet: [{text: "Bonjour"}]
""")


def eventful_conversation() -> List[Event]:
    """A session with answers, a form asking and rejecting, a reverted message, a new session, then answers."""
    def user(text: str, intent: str, at: float) -> UserUttered:
        return UserUttered(text, {"name": intent, "confidence": 0.9}, timestamp=at)

    events: List[Event] = list(conversation_events(2))
    at = 10.0
    events += [user("aide-moi", "start_diagnostic", at), ActionExecuted("diagnostic_form", timestamp=at),
               ActiveLoop("diagnostic_form", timestamp=at), SlotSet("requested_slot", "diag_has_site", timestamp=at),
               ActionExecuted("action_listen", timestamp=at), user("oui", "affirm", at + 1),
               ActionExecutionRejected("diagnostic_form", timestamp=at + 1),
               ActionExecuted("action_answer", timestamp=at + 1), ActionExecuted("diagnostic_form", timestamp=at + 1),
               ActionExecuted("action_listen", timestamp=at + 1), user("non", "deny", at + 2),
               ActionExecuted("diagnostic_form", timestamp=at + 2), SlotSet("diag_has_site", False, timestamp=at + 2),
               ActiveLoop(None, timestamp=at + 2), ActionExecuted("action_answer", timestamp=at + 2,
                                                                  hide_rule_turn=True),
               ActionExecuted("action_listen", timestamp=at + 2), user("euh", "deny", at + 3),
               ActionExecuted("action_clarify", timestamp=at + 3), UserUtteranceReverted(timestamp=at + 3),
               ActionExecuted("action_listen", timestamp=at + 3),
               ActionExecuted("action_session_start", timestamp=50.0), SessionStarted(timestamp=50.0),
               ActionExecuted("action_listen", timestamp=50.0)]
    return events + conversation_events(3)[3:]


@pytest.mark.parametrize("ignore_rule_only_turns", [False, True])
def test_states_carried_on_from_one_message_to_the_next_are_the_states_rasa_computes(
        ignore_rule_only_turns: bool) -> None:
    events = eventful_conversation()
    rule_only = {"rule_only_slots": ["requested_slot"], "rule_only_loops": []}
    longest = 0
    for end in range(1, len(events) + 1):  # the same event objects, read again message after message
        tracker = DialogueStateTracker.from_events("collab", events[:end], FORM_DOMAIN.slots)
        for data in (None, rule_only):
            ours = performance.states_for_tracker_history(FORM_DOMAIN, tracker, False, ignore_rule_only_turns, data)
            assert ours == RASA_STATES(FORM_DOMAIN, tracker, False, ignore_rule_only_turns, data), end
            longest = max(longest, len(ours))
            if ours:
                ours[-1].clear()  # callers edit their states: not the ones kept
    assert longest > 10


def test_applied_events_carried_on_from_one_message_to_the_next_are_the_ones_rasa_applies() -> None:
    events = eventful_conversation()
    for end in range(1, len(events) + 1):  # the same event objects, read again message after message
        tracker = DialogueStateTracker.from_events("collab", events[:end], FORM_DOMAIN.slots)
        ours = performance.applied_events(tracker)
        assert [id(e) for e in ours] == [id(e) for e in RASA_APPLIED(tracker)], end
        ours.clear()  # the caller's own list
    folded = DialogueStateTracker.from_events("collab", events[:30], FORM_DOMAIN.slots)
    assert len(RASA_APPLIED(folded)) < 30 - 3  # the form's turns and the reverted message are not applied


def tracker_state(tracker: DialogueStateTracker) -> Dict[str, Any]:
    """Everything a tracker holds, events by identity and slots by value and whether they were set."""
    state = dict(vars(tracker))
    state["events"] = ([id(e) for e in tracker.events], tracker.events.maxlen)
    state["slots"] = {name: (slot.value, slot.has_been_set) for name, slot in tracker.slots.items()}
    for name in ("latest_message", "latest_bot_utterance"):  # an event of the tracker, or a new empty one
        message = state[name]
        in_events = any(message is e for e in tracker.events)
        state[name] = id(message) if in_events else {**message.as_dict(), "timestamp": None}
    return state


def test_a_copied_tracker_is_the_one_rasa_s_replay_gives_for_every_prefix() -> None:
    events = eventful_conversation() + [
        UserUttered("on recommence", {"name": "ask_phone", "confidence": 0.9}, timestamp=60.0),
        ActionExecuted("action_answer", timestamp=60.0), FollowupAction("action_clarify", timestamp=60.0),
        ConversationPaused(timestamp=61.0), ConversationResumed(timestamp=62.0),
        ActionExecuted("diagnostic_form", timestamp=63.0), ActiveLoop("diagnostic_form", timestamp=63.0),
        ActionExecutionRejected("diagnostic_form", timestamp=63.0), Restarted(timestamp=64.0)]
    for end in range(len(events) + 1):
        tracker = DialogueStateTracker.from_events("collab", events[:end], FORM_DOMAIN.slots, max_event_history=40)
        tracker.model_id = "modèle"
        assert tracker_state(performance.copy_tracker(tracker)) == tracker_state(RASA_COPY(tracker)), end


def test_a_copied_tracker_changes_apart_from_its_original() -> None:
    events = eventful_conversation()[:18]  # a form active, a slot requested
    tracker = DialogueStateTracker.from_events("collab", events, FORM_DOMAIN.slots)
    before = tracker_state(tracker)
    copied = performance.copy_tracker(tracker)
    copied.update_with_events([SlotSet("diag_has_site", True), ActionExecutionRejected("diagnostic_form"),
                               UserUttered("autre", {"name": "deny", "confidence": 0.9})], FORM_DOMAIN)
    copied.active_loop.validate = False  # as Rasa's processor does in place
    copied.latest_action["action_name"] = "action_answer"
    assert tracker_state(tracker) == before
    assert copied.get_slot("diag_has_site") is True and tracker.get_slot("diag_has_site") is None


def test_a_sqlite_store_writes_through_a_write_ahead_log(tmp_path: Path) -> None:
    store = SQLTrackerStore.__new__(SQLTrackerStore)
    performance._tuned(RASA_INIT)(store, DOMAIN, db=str(tmp_path / "conversations.db"))
    save_in_two_steps(store, performance.save_events, conversation_events(2))
    with sqlite3.connect(tmp_path / "conversations.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        kept = connection.connection.dbapi_connection
    with store.engine.connect() as connection:  # the same connection, kept open between messages
        assert connection.connection.dbapi_connection is kept
    assert len(stored_rows(tmp_path / "conversations.db")) == len(conversation_events(2))
    assert asyncio.run(performance.retrieve_events(store, "collab", False)) is not None


@pytest.mark.parametrize(("type_name", "default"), [("user", None), ("slot", None), ("bot", UserUttered),
                                                     ("topic", None), ("no_such_event", SlotSet)])
def test_event_classes_are_found_as_rasa_finds_them(type_name: str, default: Any) -> None:
    remembered = performance._remembered(RASA_RESOLVE)
    for _ in range(2):  # the second time from what was remembered
        assert remembered(type_name, default) is RASA_RESOLVE(type_name, default)


def test_an_unknown_event_name_is_refused_as_rasa_refuses_it() -> None:
    remembered = performance._remembered(RASA_RESOLVE)
    with pytest.raises(ValueError, match="Unknown event name"):
        remembered("no_such_event")


@pytest.mark.parametrize(("flag", "replaced"), [("0", False), ("1", True), (None, True)])
def test_the_patches_are_installed_unless_switched_off(monkeypatch: pytest.MonkeyPatch, flag: Any,
                                                       replaced: bool) -> None:
    for owner, name, original in ((RemoteAction, "_validate_action_result", RASA_VALIDATE),
                                  (SQLTrackerStore, "_retrieve", RASA_RETRIEVE), (SQLTrackerStore, "save", RASA_SAVE),
                                  (SQLTrackerStore, "__init__", RASA_INIT),
                                  (RemoteAction, "_action_call_format", RASA_CALL_FORMAT),
                                  (DialogueStateTracker, "past_states", RASA_PAST_STATES),
                                  (DialogueStateTracker, "applied_events", RASA_APPLIED),
                                  (DialogueStateTracker, "copy", RASA_COPY),
                                  (Domain, "states_for_tracker_history", RASA_STATES),
                                  (EndpointConfig, "session", RASA_SESSION),
                                  (rasa.core.run, "close_resources", RASA_CLOSE)):
        monkeypatch.setattr(owner, name, original)  # restored after the test
    monkeypatch.setattr(Event, "resolve_by_type", staticmethod(RASA_RESOLVE))
    monkeypatch.setattr(SpacyNLP, "load_model", staticmethod(RASA_LOAD_SPACY))
    if flag is None:
        monkeypatch.delenv("CECAZ_PERFORMANCE_PATCHES", raising=False)
    else:
        monkeypatch.setenv("CECAZ_PERFORMANCE_PATCHES", flag)
    performance.install()
    assert (RemoteAction._validate_action_result is performance.validate_action_result) is replaced
    assert (SQLTrackerStore.save is performance.save_events) is replaced
    assert (SQLTrackerStore._retrieve is performance.retrieve_events) is replaced
    assert (getattr(SQLTrackerStore.__init__, "__wrapped__", None) is RASA_INIT) is replaced
    assert (getattr(Event.resolve_by_type, "__wrapped__", None) is RASA_RESOLVE) is replaced
    assert (getattr(SpacyNLP.load_model, "__wrapped__", None) is RASA_LOAD_SPACY) is replaced
    assert (getattr(RemoteAction._action_call_format, "__wrapped__", None) is RASA_CALL_FORMAT) is replaced
    assert (getattr(DialogueStateTracker.past_states, "__wrapped__", None) is RASA_PAST_STATES) is replaced
    assert (DialogueStateTracker.applied_events is performance.applied_events) is replaced
    assert (DialogueStateTracker.copy is performance.copy_tracker) is replaced
    assert (Domain.states_for_tracker_history is performance.states_for_tracker_history) is replaced
    assert (EndpointConfig.session is performance.kept_session) is replaced
    assert (getattr(rasa.core.run.close_resources, "__wrapped__", None) is RASA_CLOSE) is replaced
    performance.install()  # idempotent: nothing wrapped twice
    assert inspect.unwrap(SQLTrackerStore.__init__) is RASA_INIT
    assert inspect.unwrap(rasa.core.run.close_resources) is RASA_CLOSE


def test_spacy_without_its_entity_recognizer_gives_the_features_rasa_reads() -> None:
    """Vecteurs (SpacyFeaturizer), lemmes (CountVectorsFeaturizer) et étiquettes (SpacyTokenizer) identiques, token
    par token, avec le modèle spaCy complet de Rasa et sans sa reconnaissance d'entités."""
    full = RASA_LOAD_SPACY("fr_core_news_sm").model
    light = performance._without_unread_pipes(RASA_LOAD_SPACY)("fr_core_news_sm").model
    assert "ner" in full.component_names and "ner" not in light.component_names
    for text in ("le numéro de la monétique pro svp", "et si le client veut aussi accepter AMEX à Nice ?",
                 "Mme Dupont, CIF à Cannes, ouvre un contrat SP+ chez Natixis"):
        ours, theirs = light(text), full(text)
        assert [(t.text, t.lemma_, t.pos_, t.tag_) for t in ours] == \
            [(t.text, t.lemma_, t.pos_, t.tag_) for t in theirs]
        assert all((a.vector == b.vector).all() for a, b in zip(ours, theirs, strict=True))


def test_a_diet_model_built_by_inference_predicts_what_rasa_s_loader_predicts(tmp_path: Path) -> None:
    """A small DIET (intents and entities) trained here, then loaded by Rasa's loader (one training step to build
    the weights) and by ours (restored as the first prediction creates them): the same ranking and entities, to the
    bit, on sentences seen and unseen."""
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.nlu.classifiers.diet_classifier import DIETClassifier
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
    from rasa.shared.nlu.training_data.message import Message
    from rasa.shared.nlu.training_data.training_data import TrainingData
    from rasa.utils.tensorflow.models import RasaModel

    storage, context = LocalModelStorage(tmp_path), ExecutionContext(GraphSchema({}), "test")
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    featurizer = CountVectorsFeaturizer.create(
        {**CountVectorsFeaturizer.get_default_config(), "analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4},
        storage, Resource("cvf"), context)
    examples = [("le numéro de payplug", "ask_phone", "payplug"), ("le tel de jpel stp", "ask_phone", "jpel"),
                ("numéro du support iz", "ask_phone", "iz"), ("c'est quoi payplug", "ask_offer", "payplug"),
                ("présente moi jpel", "ask_offer", "jpel"), ("iz c'est quoi", "ask_offer", "iz")]
    data = TrainingData([Message(data={"text": text, "intent": intent, "entities": [
        {"start": text.index(offer), "end": text.index(offer) + len(offer), "value": offer, "entity": "offer"}]})
        for text, intent, offer in examples * 3])
    tokenizer.process_training_data(data)
    featurizer.train(data)
    featurizer.process_training_data(data)
    # Every kind of layer of ours (sparse input, transformer, entity CRF), small: the test is the loading.
    config = {**DIETClassifier.get_default_config(), "epochs": 2, "random_seed": 1, "number_of_transformer_layers": 1,
              "transformer_size": 16, "hidden_layers_sizes": {"text": [8], "label": [8]}}
    DIETClassifier.create(config, storage, Resource("diet"), context).train(data)

    def parses(load: Any) -> List[Any]:
        original = RasaModel.load
        RasaModel.load = classmethod(load)  # type: ignore[method-assign,assignment]
        try:
            diet = DIETClassifier.load(config, storage, Resource("diet"), context)
        finally:
            RasaModel.load = original  # type: ignore[method-assign]
        messages = [Message(data={"text": text}) for text in ("le numéro de jpel", "payplug c'est quoi", "et iz ?")]
        tokenizer.process(messages)
        featurizer.process(messages)
        diet.process(messages)
        return [(m.get("intent_ranking"), m.get("entities")) for m in messages]

    rasa_load = inspect.unwrap(RasaModel.load.__func__)  # type: ignore[attr-defined]
    assert parses(performance._built_by_inference(rasa_load)) == parses(rasa_load)


def read_after_earlier_messages(store: SQLTrackerStore, events: List[Any]) -> DialogueStateTracker:
    """Saves the first 13 `events` (earlier messages) and reads them back as Rasa does; returns the tracker read."""
    asyncio.run(performance.save_events(store, DialogueStateTracker.from_events("collab", events[:13], DOMAIN.slots)))
    tracker = asyncio.run(performance.retrieve_events(store, "collab", False))
    assert tracker is not None
    return tracker


def save_next_message(store: SQLTrackerStore, tracker: DialogueStateTracker, events: List[Any]) -> None:
    """Appends `events` after the 13th (the next message's) to `tracker` and saves it, as Rasa does."""
    for event in events[13:]:
        tracker.update(event)
    asyncio.run(performance.save_events(store, tracker))


def test_the_events_a_message_saved_are_the_ones_the_next_message_reads(tmp_path: Path) -> None:
    store = SQLTrackerStore(DOMAIN, db=str(tmp_path / "conversations.db"))
    events = conversation_events(6)
    tracker = read_after_earlier_messages(store, events)
    save_next_message(store, tracker, events)
    again = asyncio.run(performance.retrieve_events(store, "collab", False))
    assert again is not None
    # Not parsed again: the policies' replay of the conversation carries on with the same objects.
    assert all(a is b for a, b in zip(list(tracker.events), list(again.events), strict=True))
    assert same_as_rasa(store) == len(events)
    # Another server writes next: its rows are read from the database.
    more = [UserUttered("et pour jpel ?", timestamp=50.0), ActionExecuted("action_answer", timestamp=50.0)]
    other_server = SQLTrackerStore(DOMAIN, db=str(tmp_path / "conversations.db"))
    asyncio.run(performance.save_events(other_server, DialogueStateTracker.from_events("collab", events + more,
                                                                                        DOMAIN.slots)))
    assert same_as_rasa(store) == len(events) + len(more)


def test_a_message_reads_the_table_once_and_writes_it_once_after_its_own_save(tmp_path: Path) -> None:
    store = SQLTrackerStore(DOMAIN, db=str(tmp_path / "conversations.db"))
    events = conversation_events(6)
    tracker = read_after_earlier_messages(store, events)
    statements: List[str] = []
    sa.event.listen(store.engine, "before_cursor_execute",
                    lambda _c, _cur, statement, *_: statements.append(statement.split()[0].upper()))
    save_next_message(store, tracker, events)
    again = asyncio.run(performance.retrieve_events(store, "collab", False))
    # The save counts the stored rows and inserts the new ones; the next read only checks the totals it left.
    assert statements == ["SELECT", "INSERT", "SELECT"]
    assert again is not None and same_as_rasa(store) == len(events)


def test_calls_to_the_action_server_reuse_one_connection_until_the_server_stops() -> None:
    from aiohttp import web

    peers: List[Any] = []

    async def webhook(request: web.Request) -> web.Response:
        peers.append(request.transport.get_extra_info("peername"))  # type: ignore[union-attr]
        return web.json_response({"events": [], "responses": [], "token": request.query.get("token")})

    async def scenario() -> List[Any]:
        app = web.Application()
        app.router.add_post("/webhook", webhook)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook", token="s3cret")
        try:
            answers = [await endpoint.request(json={"next_action": "action_answer"}) for _ in range(3)]
            session = endpoint.__dict__["_kept_session"][1]
            await performance.close_kept_sessions()
            assert session.closed
            answers.append(await endpoint.request(json={"next_action": "action_answer"}))  # a new one, if needed
        finally:
            await runner.cleanup()
        return answers

    original = EndpointConfig.session
    EndpointConfig.session = performance.kept_session  # type: ignore[method-assign,assignment]
    try:
        answers = asyncio.run(scenario())
        assert asyncio.run(scenario()) == answers  # another event loop: another session, not the closed loop's
    finally:
        EndpointConfig.session = original  # type: ignore[method-assign]
        asyncio.run(performance.close_kept_sessions())
    assert answers == [{"events": [], "responses": [], "token": "s3cret"}] * 4
    assert len(set(peers[:3])) == 1 and peers[3] != peers[0]  # one connection for the first three calls
