"""Le titre d'un bouton tapé ou copié (menu de commandes de Teams, copier-coller) vaut le clic : pour chaque
bouton que l'assistant peut montrer (tests/support/buttons.py, lus dans le code et les données), le filtre
d'entrée lit son titre tapé comme le payload du bouton, dans la conversation où il est montré."""

from __future__ import annotations

from typing import List, Tuple

import pytest
import yaml
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa_sdk import Tracker

from actions.diagnostic import ValidateDiagnosticForm
from addons.resilience import GREETING, last_turn_buttons
from cecaz.catalogue import shared_store
from cecaz.clarify import INTENT_LABELS, OTHER
from cecaz.input_guard import (
    MAX_TITLE_CHARS,
    Screened,
    clean,
    offered_payloads,
    screen,
    title_key,
    titles_to_payloads,
)
from cecaz.reasons import WHAT_IF_FOR
from tests.support.buttons import (
    DOMAIN,
    Group,
    domain_groups,
    every_button,
    every_group,
    feedback_group,
    payload_intents_in_code,
    teams_command_titles,
)
from tests.unit.conftest import MONDAY_10, build_tracker, run_action, slot

GROUPS = every_group(shared_store().get(), MONDAY_10)
BUTTONS = sorted(every_button(GROUPS))
GREETING_BUTTONS = next(g.buttons for g in domain_groups() if g.source == f"domaine:{GREETING}")


def as_dicts(buttons: Tuple[Tuple[str, str], ...]) -> List[dict]:
    return [{"title": title, "payload": payload} for title, payload in buttons]


def shown_in(group: Group) -> Tuple[frozenset, dict]:
    """Ce que le filtre sait quand ces boutons sont la dernière réponse : payloads proposés, titres."""
    shown = as_dicts(group.buttons)
    return offered_payloads([*shown, *as_dicts(GREETING_BUTTONS)]), titles_to_payloads(
        [*shown, *as_dicts(GREETING_BUTTONS)])


def typed_forms(title: str) -> List[str]:
    """Le titre tel quel, et comme on le retape : minuscules, sans ponctuation finale, apostrophe droite."""
    return [title, title.lower(), title.rstrip(" ?!.…"), title.replace("’", "'"), f"  {title.upper()} "]


def test_the_enumeration_finds_every_kind_of_button() -> None:
    sources = {g.source.split(":")[0] for g in GROUPS}
    assert sources == {"domaine", "famille", "clarification", "réponse", "diagnostic"}
    titles = {title for title, _ in BUTTONS}
    # Spot checks from each source: offers to choose, what-ifs, clarification labels, cards, greeting.
    assert {"Payplug", "SP+", "Et s’il a un site ?", "Autre chose", "Pourquoi ?", "DFS/Diners",
            "Aide-moi à choisir", "Numéro de l’assistance SP+"} <= titles
    assert len(titles) >= 50


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: g.source)
def test_every_title_typed_is_read_as_the_click(group: Group) -> None:
    offered, titles = shown_in(group)
    for title, payload in group.buttons:
        clicked = screen(payload, offered, titles)
        assert clicked == Screened(text=clean(payload))
        for typed in typed_forms(title):
            assert screen(typed, offered, titles) == clicked, f"« {typed} » ({group.source})"


@pytest.mark.parametrize("group", GROUPS, ids=lambda g: g.source)
def test_titles_shown_together_say_which_button(group: Group) -> None:
    keys = [title_key(title) for title, _ in group.buttons]
    assert len(set(keys)) == len(keys), f"deux boutons de même titre : {group.buttons}"


def test_titles_are_short_enough_to_be_compared() -> None:
    assert max(len(title) for title, _ in BUTTONS) <= MAX_TITLE_CHARS


def test_clarification_labels_are_distinct_from_each_other_and_from_other() -> None:
    keys = [title_key(label) for label in INTENT_LABELS.values()]
    assert len(set(keys)) == len(keys) and title_key(OTHER[0]) not in keys


def test_teams_commands_are_greeting_buttons_so_typing_them_is_their_click() -> None:
    commands = teams_command_titles()
    assert commands
    offered, titles = offered_payloads(as_dicts(GREETING_BUTTONS)), titles_to_payloads(as_dicts(GREETING_BUTTONS))
    greeting = dict(GREETING_BUTTONS)
    for command in commands:
        assert command in greeting, f"commande Teams « {command} » absente des boutons de l'accueil"
        assert screen(command, frozenset(), titles) == screen(greeting[command], offered, titles)


def test_every_payload_written_in_the_code_is_in_the_enumeration() -> None:
    """Un bouton d'une nouvelle sorte (payload écrit en dur ailleurs) doit être ajouté à tests/support/buttons.py."""
    intents = set((yaml.safe_load(DOMAIN.read_text(encoding="utf-8")) or {}).get("intents") or [])
    enumerated = {payload[1:].split("{")[0] for _, payload in [*BUTTONS, *feedback_group().buttons]}
    in_code = {intent: files for intent, files in payload_intents_in_code().items() if intent in intents}
    missing = {intent: files for intent, files in in_code.items() if intent not in enumerated and intent != "greet"}
    assert in_code and missing == {}


@pytest.mark.parametrize("typed", [
    "Payplug",  # no button shown: a subject, read by the NLU
    "Payplug ou SP+ ? pour un client sans site",  # more than a title
    "oui il a un site sous wordpress",
])
def test_text_that_is_not_a_title_shown_is_read_as_words(typed: str) -> None:
    titles = titles_to_payloads(as_dicts(GREETING_BUTTONS))
    assert screen(typed, frozenset(), titles) == Screened(text=typed)


def test_the_last_answer_wins_over_the_greeting_and_older_buttons_do_not_count() -> None:
    older = {"title": "Payplug", "payload": '/ask_phone{"offer":"payplug"}'}
    latest = {"title": "Payplug", "payload": '/ask_hours{"offer":"payplug"}'}
    events = [UserUttered("tel ?"), BotUttered("Pour quelle offre ?", {"buttons": [older]}),
              UserUttered("/ask_phone{\"offer\":\"payplug\"}"), BotUttered("…"),
              UserUttered("horaires ?"), ActionExecuted("action_answer"),
              BotUttered("Pour quelle offre voulez-vous les horaires ?", {"buttons": [latest]}),
              BotUttered("(suite)", {"buttons": [{"title": "Contacts de support", "payload": "/ask_support{}"}]}),
              ActionExecuted("action_listen")]
    shown = last_turn_buttons(events)
    assert shown == [latest, {"title": "Contacts de support", "payload": "/ask_support{}"}]
    titles = titles_to_payloads([*shown, *as_dicts(GREETING_BUTTONS)])
    assert titles[title_key("Payplug")] == latest["payload"]
    assert titles[title_key("Contacts de support")] == "/ask_support{}"
    assert last_turn_buttons([*events, UserUttered("merci"), SessionStarted()]) == []


# --- « Et s'il a un site ? » sous « pourquoi pas Payplug ? » : le clic recalcule, comme le titre tapé ---

JPEL_RECOMMENDATION = {"intent": "recommendation", "offres": ["jpel"], "recommendation": {
    "conclusion": "jpel", "facts": {"site": "non", "creer_site": "non", "payplug": None, "moyens": []}}}


def what_if_tracker(text: str, intent: str, shown: List[dict]) -> Tracker:
    """Après une recommandation JPEL et « pourquoi pas Payplug ? » (réponse avec `shown`), le message
    `text` lance le formulaire."""
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    events = [{"event": "user", "text": "pourquoi pas Payplug ?"}, {"event": "action", "name": "action_answer"},
              {"event": "bot", "text": "Payplug est pour…", "data": {"buttons": shown}},
              {"event": "action", "name": "action_listen"}, {"event": "user", **message},
              {"event": "action", "name": "diagnostic_form"}]
    return build_tracker(text, intent, slots={"focus": JPEL_RECOMMENDATION}, events=events,
                         active_loop={"name": "diagnostic_form"}, latest_action="diagnostic_form")


@pytest.mark.parametrize("title, payload", list(WHAT_IF_FOR.values()))
def test_a_what_if_button_recomputes_the_recommendation(title: str, payload: str) -> None:
    messages, events = run_action(ValidateDiagnosticForm(), what_if_tracker(
        payload, payload[1:], [{"title": title, "payload": payload}]))
    first = messages[0].get("text") or ""
    assert first.startswith(("Ce qui change", "Rien ne change")), messages
    assert not any(m.get("response") == "utter_diagnostic_intro" for m in messages)
    assert events[-1] == slot("requested_slot", None)  # recomputed at once: no question asked again


def test_the_same_intent_without_its_what_if_button_starts_a_new_diagnostic() -> None:
    messages, _ = run_action(ValidateDiagnosticForm(), what_if_tracker(
        "/inform_has_site", "inform_has_site", [{"title": "Oui, il a un site", "payload": "/inform_has_site"}]))
    assert messages[0].get("response") == "utter_diagnostic_intro"
