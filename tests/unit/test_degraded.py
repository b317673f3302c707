"""Mode dégradé : message clair avec l'assistance interne, à l'heure fixée ; Rasa réel, port fermé."""

from __future__ import annotations

import asyncio
from datetime import datetime

from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from addons import resilience
from cecaz.catalogue import load_catalogue
from cecaz.degraded import NO_CATALOGUE, not_ready_text, unavailable_text
from cecaz.hours import PARIS
from ops.serve import free_port

CAT = load_catalogue()
MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
SUNDAY_10 = datetime(2026, 11, 29, 10, 0, tzinfo=PARIS)
INTERNAL_PHONE = CAT.contacts["assistance_monetique_pro"].telephone


def test_unavailable_text_gives_the_internal_line_and_whether_it_is_open():
    text = unavailable_text(CAT, MONDAY_10)
    assert text.startswith("Je ne peux pas répondre pour le moment")
    assert INTERNAL_PHONE in text and "usage interne CECAZ" in text
    assert "ouvert en ce moment" in text
    assert "fermé en ce moment, réouverture demain à 9h" in unavailable_text(CAT, SUNDAY_10)


def test_without_a_catalogue_it_still_routes_without_inventing_a_number():
    text = unavailable_text(None, MONDAY_10)
    assert NO_CATALOGUE in text and "09 " not in text


def test_not_ready_text():
    assert not_ready_text(CAT, MONDAY_10).startswith("L’assistant démarre")


def _tracker(text: str) -> DialogueStateTracker:
    tracker = DialogueStateTracker("unit-degraded", slots=[])
    tracker.update(UserUttered(text, message_id="m1"))
    return tracker


def test_remote_action_with_the_action_server_down_tells_the_user_once_per_message():
    resilience.install()
    action = RemoteAction("action_answer", EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook"))
    tracker = _tracker("numéro payplug")
    out = CollectingOutputChannel()
    assert asyncio.run(action.run(out, None, tracker, Domain.empty())) == []
    assert len(out.messages) == 1 and INTERNAL_PHONE in out.messages[0]["text"]
    # A second failing action for the same user message stays silent: one notice per message.
    assert asyncio.run(action.run(out, None, tracker, Domain.empty())) == []
    assert len(out.messages) == 1


def test_install_is_idempotent():
    resilience.install()
    first = RemoteAction.run
    resilience.install()
    assert RemoteAction.run is first


def test_agent_without_model_says_so_and_screens_input_first():
    resilience.install()
    agent = Agent()
    out = CollectingOutputChannel()
    asyncio.run(agent.handle_message(UserMessage("numéro payplug", out, "unit-no-model")))
    assert out.messages[-1]["text"].startswith("L’assistant démarre")
    asyncio.run(agent.handle_message(UserMessage("   ", out, "unit-no-model")))
    assert out.messages[-1]["text"].startswith("Votre message est vide")
