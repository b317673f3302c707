"""`action_session_start` (actions/session.py) : une session qui commence pendant un diagnostic le
reprend (faits, question en attente, formulaire actif) ; sinon, la session démarre comme chez Rasa."""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa_sdk import Tracker

from actions.session import ActionSessionStart
from tests.unit.conftest import build_tracker, run_action, slot

FORM = {"name": "diagnostic_form"}
STARTED = {"event": "session_started", "timestamp": None}
LISTEN = {"event": "action", "timestamp": None, "name": "action_listen", "policy": None, "confidence": None}


def previous_session(slots: Dict[str, Any], active_loop: Optional[Dict[str, Any]] = None) -> Tracker:
    """Le tracker tel que Rasa le passe à `action_session_start` : l'état de la session qui se termine."""
    return build_tracker("oui il a un site", "inform_has_site", slots={"focus": {"intent": "ask_phone"}, **slots},
                         active_loop=active_loop, latest_action="action_session_start")


def test_a_diagnostic_in_progress_goes_on_in_the_new_session() -> None:
    messages, events = run_action(ActionSessionStart(), previous_session(
        {"diag_has_site": "oui", "diag_wants_site": None, "requested_slot": "diag_payplug_fits"}, FORM))
    assert [m["response"] for m in messages] == ["utter_diagnostic_resumed"]
    assert events == [STARTED, slot("diag_has_site", "oui"), slot("requested_slot", "diag_payplug_fits"),
                      {"event": "active_loop", "timestamp": None, "name": "diagnostic_form"}, LISTEN]


def test_without_a_diagnostic_the_session_starts_afresh_and_silently() -> None:
    messages, events = run_action(ActionSessionStart(), previous_session({"diag_has_site": "oui"}))
    assert messages == [] and events == [STARTED, LISTEN]  # the focus is not carried over either


def test_a_form_with_no_pending_question_is_not_carried_over() -> None:
    messages, events = run_action(ActionSessionStart(), previous_session({"requested_slot": None}, FORM))
    assert messages == [] and events == [STARTED, LISTEN]
