"""Le filtre d'entrée lit la conversation enregistrée de la plus récente à la plus ancienne, et seulement
jusqu'où il faut (issue 16 : la relire entière à chaque message rendait son coût croissant avec sa longueur) ;
ses verdicts restent ceux qu'il tirait de la conversation entière."""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace
from typing import Any, List

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons import resilience
from addons.channels import WELCOME_PAYLOAD
from cecaz.input_guard import offered_payloads, screen, titles_to_payloads

DOMAIN = Domain.load("domain.yml")
OLD_COMMAND = "/choose_offer{\"offre\": \"jpel\"}"


def long_conversation(turns: int, now: float) -> List[Event]:
    """Une première réponse avec un bouton à elle, puis `turns` tours dont chaque réponse montre « Oui »."""
    events: List[Event] = [ActionExecuted("action_session_start", timestamp=now), SessionStarted(timestamp=now),
                           ActionExecuted("action_listen", timestamp=now),
                           UserUttered("quelle offre ?", timestamp=now),
                           BotUttered("JPEL ?", {"buttons": [{"title": "JPEL", "payload": OLD_COMMAND}]},
                                      timestamp=now),
                           ActionExecuted("action_listen", timestamp=now)]
    for turn in range(turns):
        events += [UserUttered(f"question {turn}", timestamp=now + turn),
                   ActionExecuted("action_answer", timestamp=now + turn),
                   BotUttered(f"réponse {turn}", {"buttons": [{"title": f"Suite {turn}", "payload": f"/suite{turn}"}]},
                              timestamp=now + turn),
                   ActionExecuted("action_listen", timestamp=now + turn)]
    return events


class CountingStore(SQLTrackerStore):
    """Le magasin SQL de Rasa, qui compte les lectures de la conversation entière."""

    full_reads = 0

    async def retrieve_full_tracker(self, conversation_id: str) -> Any:
        self.full_reads += 1
        return await super().retrieve_full_tracker(conversation_id)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> CountingStore:
    db = tmp_path_factory.mktemp("screen") / "conversations.db"
    saved = CountingStore(DOMAIN, db=str(db))
    events = long_conversation(120, time.time() - 60)
    asyncio.run(saved.save(DialogueStateTracker.from_events("collab", events, DOMAIN.slots)))
    return saved


def shown(store: SQLTrackerStore, text: str, wrapped: bool = False) -> Any:
    tracker_store = FailSafeTrackerStore(store) if wrapped else store
    agent = SimpleNamespace(tracker_store=tracker_store, domain=DOMAIN)
    stored = resilience._StoredEvents(agent, "collab")  # type: ignore[arg-type]
    return asyncio.run(resilience._shown(agent, UserMessage(text, sender_id="collab"), stored))  # type: ignore[arg-type]


def verdict_from_everything(store: SQLTrackerStore, text: str) -> Any:
    """Le verdict tiré de toute la conversation, comme avant."""
    events = list(asyncio.run(store.retrieve_full_tracker("collab")).events)  # type: ignore[union-attr]
    buttons = [b for e in events if isinstance(e, BotUttered) for b in e.data.get("buttons") or []]
    greeting = [b for v in DOMAIN.responses.get(resilience.GREETING) or [] for b in v.get("buttons") or []]
    titles = titles_to_payloads([*resilience.last_turn_buttons(events), *greeting])
    return screen(text, offered_payloads([*buttons, {"payload": WELCOME_PAYLOAD}]), titles)


@pytest.mark.parametrize("text", ["/suite119", "Suite 119", "/suite3", OLD_COMMAND, "/restart", "/inconnu",
                                  "Suite 3", "JPEL", "numéro sp+"])
@pytest.mark.parametrize("wrapped", [False, True])
def test_the_verdict_is_the_one_the_whole_conversation_gives(store: SQLTrackerStore, text: str, wrapped: bool) -> None:
    offered, titles = shown(store, text, wrapped)
    assert screen(text, offered, titles) == verdict_from_everything(store, text)


def test_the_last_answer_s_button_is_found_without_reading_the_whole_conversation(store: CountingStore) -> None:
    before = store.full_reads
    offered, _ = shown(store, "/suite119")
    assert "/suite119" in offered
    offered, titles = shown(store, "Suite 119")
    assert titles["suite 119"] == "/suite119"
    assert store.full_reads == before


def test_a_command_offered_long_ago_is_still_a_command(store: CountingStore) -> None:
    before = store.full_reads
    offered, _ = shown(store, OLD_COMMAND)
    assert OLD_COMMAND in offered
    assert store.full_reads == before + 1  # older than the latest events: the whole conversation was read


def test_the_previous_message_is_read_from_the_latest_events(store: CountingStore) -> None:
    before = store.full_reads
    stored = resilience._StoredEvents(SimpleNamespace(tracker_store=store, domain=DOMAIN), "collab")  # type: ignore[arg-type]
    assert asyncio.run(resilience._last_user_text(stored)) == "question 119"
    assert store.full_reads == before
