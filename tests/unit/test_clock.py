"""L'heure du service vient de `CECAZ_NOW` quand elle est fixée, jusque dans les réponses : les actions
(serveur d'actions) et le mode dégradé (serveur Rasa) disent « ouvert » ou « fermé » à cette heure-là,
y compris aux heures fermées (dimanche, 18h pile, 8h59) — jamais à l'heure réelle de la machine."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime
from typing import Callable

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from actions import runtime
from actions.answer import ActionAnswer
from addons import resilience
from ops.serve import free_port
from tests.unit.conftest import (
    MONDAY_10,
    SATURDAY_18,
    SUNDAY_18,
    TUESDAY_8_59,
    TUESDAY_18,
    build_tracker,
    run_action,
)

SetClock = Callable[[datetime], None]
PAYPLUG_LINE = ("• Équipe support Payplug (à communiquer au client) : tél. +33 1 76 34 01 55, "
                "du lundi au vendredi de 9h à 18h — ")
INTERNAL_LINE = ("• Assistance monétique PRO (usage interne CECAZ, à ne pas transmettre au client) : "
                 "tél. 09 69 36 06 26, e-mail assistance-monetiquepro@natixis.com, du lundi au samedi de 9h à 18h — ")
# (moment, is the Payplug support open, what its line says about now) — from the document's hours.
PAYPLUG_AT = [
    (MONDAY_10, True, "ouvert en ce moment (jusqu’à 18h)"),
    (SUNDAY_18, False, "fermé en ce moment, réouverture demain à 9h"),
    (TUESDAY_8_59, False, "fermé en ce moment, réouverture aujourd’hui à 9h"),
    (TUESDAY_18, False, "fermé en ce moment, réouverture demain à 9h"),
    (SATURDAY_18, False, "fermé en ce moment, réouverture lundi à 9h"),
]
# The internal line is also open on Saturday, until 18h exactly.
INTERNAL_AT = [
    (MONDAY_10, "ouvert en ce moment (jusqu’à 18h)"),
    (SUNDAY_18, "fermé en ce moment, réouverture demain à 9h"),
    (TUESDAY_8_59, "fermé en ce moment, réouverture aujourd’hui à 9h"),
    (SATURDAY_18, "fermé en ce moment, réouverture lundi à 9h"),
    (SATURDAY_18.replace(hour=17, minute=59), "ouvert en ce moment (jusqu’à 18h)"),
]


def _ids(moment: datetime) -> str:
    return moment.strftime("%A %Hh%M")


@pytest.mark.parametrize(("moment", "is_open", "status"), PAYPLUG_AT, ids=[_ids(m) for m, _, _ in PAYPLUG_AT])
def test_the_action_answers_is_it_open_at_the_service_clock(set_clock: SetClock, moment: datetime, is_open: bool,
                                                            status: str) -> None:
    set_clock(moment)
    tracker = build_tracker("le support payplug est ouvert ?", "ask_is_open",
                            entities=[{"entity": "offer", "value": "payplug"}])
    messages, _ = run_action(ActionAnswer(), tracker)
    lines = messages[0]["text"].splitlines()
    assert lines[0] == ("Oui (en ce moment) :" if is_open else "Non (en ce moment) :")
    assert lines[1] == PAYPLUG_LINE + status


@pytest.mark.parametrize("moment", [m for m, _ in INTERNAL_AT], ids=[_ids(m) for m, _ in INTERNAL_AT])
def test_the_action_servers_clock_is_cecaz_now(set_clock: SetClock, moment: datetime) -> None:
    set_clock(moment)
    assert runtime.now() == moment


@pytest.mark.parametrize(("moment", "status"), INTERNAL_AT, ids=[_ids(m) for m, _ in INTERNAL_AT])
def test_the_rasa_servers_outage_message_says_if_the_internal_line_is_open_at_the_service_clock(
        set_clock: SetClock, moment: datetime, status: str) -> None:
    set_clock(moment)
    resilience.install()
    action = RemoteAction("action_answer", EndpointConfig(f"http://127.0.0.1:{free_port()}/webhook"))  # closed port
    tracker = DialogueStateTracker(f"clock-{uuid.uuid4().hex[:8]}", slots=[])
    tracker.update(UserUttered("numéro payplug", message_id="m1"))
    out = CollectingOutputChannel()
    asyncio.run(action.run(out, None, tracker, Domain.empty()))
    assert INTERNAL_LINE + status in out.messages[0]["text"].splitlines()
