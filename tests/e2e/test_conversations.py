"""Le jeu de conversations à plusieurs tours (tests/conversations/), joué sur les serveurs réels :
chaque tour vérifie les faits que sa réponse doit contenir et ceux qu'elle ne doit pas contenir.
La partie réservée (`held_out`), jamais utilisée pour régler l'assistant, garde son taux (seuil ci-dessous)."""

from __future__ import annotations

import json

import pytest

from ops.serve import ROOT
from tests.e2e.conftest import Conversation
from tests.support.conversations import PARTS, load, play_all, summary

# Issue 11 asks for 95 %; measured 80.5 % (1366/1696) on 2026-12-08 with sixty-eight waves, whose held-out parts were
# written from the document alone and never read. The newest, r68 (a text written to the merchant or for the file,
# to check), was measured before any tuning on it and after: 16 then 15 of its 24 (turns 83 then 84 of 96); the older
# parts gave 1351 of 1672, as at the previous measure. This gate guards against regressions until the set-aside rate
# reaches the target; it sits twelve conversations below the measure (1354 of 1696): the model trained in CI from the
# same data has given the same held-out count as the local one.
HELD_OUT_MIN_RATE = 0.798


@pytest.fixture(scope="module")
def results(services):
    outcomes = {part: play_all(load(part), lambda: Conversation(services)) for part in PARTS}
    report = {part: summary(found) for part, found in outcomes.items()}
    out = ROOT / "results" / "conversations.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return outcomes, report


def test_the_set_is_large_enough():
    conversations = [c for part in PARTS for c in load(part)]
    assert len(conversations) >= 120
    assert sum(len(c.turns) for c in conversations) >= 350
    assert len(load("held_out")) * 3 >= len(conversations) - 3  # a third is set aside


def test_held_out_conversations_pass(results):
    _, report = results
    print(json.dumps(report, ensure_ascii=False))
    # Only the rates: the held-out conversations that fail are not shown, so that nobody tunes on them.
    assert report["held_out"]["rate"] >= HELD_OUT_MIN_RATE, json.dumps(report["held_out"], ensure_ascii=False)


def test_focus_survives_a_restart_of_both_servers(services, conversation):
    conversation.play([("numéro de l'assistance monétique pro", ["09 69 36 06 26"])])
    services.stop()
    services.start()
    replies = conversation.play([("ils sont ouverts le samedi ?", ["Oui", "du lundi au samedi"])])
    assert replies[0].startswith("**Oui")  # the answer's title, in bold in the Markdown text (issue 14)


def test_a_new_conversation_starts_without_focus(services, conversation):
    conversation.play([("numéro de l'assistance monétique pro", ["09 69 36 06 26"])])
    other = Conversation(services)
    assert "09 69 36 06 26" not in "\n".join(other("et leur mail ?"))


def test_typed_new_conversation_forgets_the_context_and_greets(conversation):
    conversation.play([("numéro du support Payplug", ["+33 1 76 34 01 55"])])
    replies = conversation("nouvelle conversation")
    assert replies[0] == "Nouvelle conversation : j’ai oublié ce dont nous parlions." and "Bonjour" in replies[1]
    assert "Équipe support Payplug" not in "\n".join(conversation("et leurs horaires ?"))
    # inside a diagnostic, « recommencer » still restarts the diagnostic
    conversation.play([("diagnostic", ["site"]), ("oui", ["Payplug"])])
    assert "depuis le début" in "\n".join(conversation("recommencer"))
