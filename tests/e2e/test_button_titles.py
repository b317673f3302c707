"""Titres de boutons tapés, sur les serveurs réels : pour chaque bouton que l'assistant montre, le clic
(son payload) dans une conversation et son titre tapé dans une autre, après les mêmes tours, reçoivent
la même réponse (textes et boutons).

Les boutons ne sont pas écrits ici : le test part de quelques messages qui ouvrent chaque sorte de
réponse à boutons (accueil, hors sujet, offre à choisir, diagnostic, « pourquoi pas… ? »,
« Vouliez-vous dire… »), puis suit chaque bouton montré (son clic montre les suivants). Il vérifie
enfin que tous les titres que le code peut montrer (tests/support/buttons.py) ont été essayés — sauf
les libellés de « Vouliez-vous dire… », qui dépendent du classement de DIET : ceux qui sont montrés
sont essayés ici, tous le sont par tests/unit/test_button_titles.py."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import Deque, Dict, List, Sequence, Set, Tuple

import pytest

from cecaz.catalogue import shared_store
from cecaz.clarify import INTENT_LABELS, NOT_SURE
from cecaz.diagnostic import is_hypothetical
from cecaz.input_guard import title_key
from ops.serve import Services
from tests.e2e.conftest import FIXED_NOW, Conversation
from tests.support.buttons import domain_groups, every_button, every_group, teams_command_titles

Button = Tuple[str, str]
Reply = List[Tuple[str, Tuple[Button, ...]]]

# A diagnostic ending on each offer, by clicks (the buttons are offered as the conversation goes).
TO_PAYPLUG = ("/greet", "/start_diagnostic", "/inform_has_site", "/affirm", "/deny")
TO_JPEL = ("/greet", "/start_diagnostic", "/inform_no_site", "/deny", "/deny")
# Messages that open each kind of answer with buttons; the clicks found there lead to the rest.
SEEDS: Dict[str, Tuple[str, ...]] = {
    "accueil": ("/greet",),
    "hors sujet": ("/greet", "quel temps fera-t-il ce week-end à Antibes ?"),
    "incompris": ("/greet", "blorp zorglub fnarg ?"),
    "hésitation": ("/greet", "le truc pour payer"),
    "hésitation (client)": ("/greet", "comment ça marche pour le client ?"),
    "sans sujet": ("/greet", "et pour le truc du client ?"),
    "téléphone sans offre": ("/greet", "quel est le numéro de téléphone ?"),
    "e-mail sans offre": ("/greet", "quelle est l'adresse e-mail ?"),
    "horaires sans offre": ("/greet", "quels sont les horaires ?"),
    "ouvert sans offre": ("/greet", "c'est ouvert en ce moment ?"),
    "contacts sans offre": ("/greet", "qui contacter ?"),
    "contrats sans offre": ("/greet", "quels contrats faut-il ouvrir ?"),
    "fonds sans offre": ("/greet", "comment arrivent les encaissements ?"),
    "présentation sans offre": ("/greet", "présente-moi l'offre"),
    "aucun diagnostic": ("/greet", "annuler"),
    "autre question": ("/greet", "non"),
    "diagnostic annulé": ("/greet", "/start_diagnostic", "annuler"),
    "pourquoi pas SP+": (*TO_PAYPLUG, "pourquoi pas SP+ ?"),
    "pourquoi pas JPEL": (*TO_PAYPLUG, "pourquoi pas JPEL ?"),
    "pourquoi pas IZ eCommerce": (*TO_PAYPLUG, "pourquoi pas IZ eCommerce ?"),
    "pourquoi pas Payplug": (*TO_JPEL, "pourquoi pas Payplug ?"),
}
MAX_TURNS = 8
# Teams' command menu sends these titles at any time: after an answer without buttons here.
COMMAND_CONTEXT = ("/greet", "numéro de l'assistance SP+")


@dataclass(frozen=True)
class Trial:
    """Un bouton montré après les tours `before` (clics et messages), dans la réponse `shown`."""

    before: Tuple[str, ...]
    title: str
    payload: str
    shown: Tuple[Button, ...]


@dataclass(frozen=True)
class Outcome:
    trial: Trial
    clicked: Reply
    typed: Reply


def replay(services: Services, turns: Sequence[str]) -> Tuple[Reply, Conversation]:
    """Une conversation neuve : joue les tours, renvoie la dernière réponse (textes et boutons)."""
    conversation = Conversation(services)
    reply: Reply = []
    for text in turns:
        reply = [(r.get("text") or "", tuple((b["title"], b["payload"]) for b in r.get("buttons") or []))
                 for r in conversation.send(text)]
    return reply, conversation


def buttons_of(reply: Reply) -> Tuple[Button, ...]:
    return tuple(button for _, buttons in reply for button in buttons)


def explore(services: Services) -> List[Outcome]:
    """Chaque bouton montré, dans chaque réponse où il est montré : clic et titre tapé, chacun dans sa
    conversation ; le clic montre les boutons suivants, essayés à leur tour."""
    queue: Deque[Trial] = deque()
    seen: Set[Tuple[Button, Tuple[Button, ...]]] = set()

    def enqueue(before: Tuple[str, ...], reply: Reply) -> None:
        shown = buttons_of(reply)
        for title, payload in shown:
            if ((title, payload), shown) not in seen and len(before) < MAX_TURNS:
                seen.add(((title, payload), shown))
                queue.append(Trial(before, title, payload, shown))

    for turns in SEEDS.values():
        enqueue(turns, replay(services, turns)[0])
    outcomes = []
    while queue:
        trial = queue.popleft()
        clicked, _ = replay(services, [*trial.before, trial.payload])
        typed, _ = replay(services, [*trial.before, trial.title])
        outcomes.append(Outcome(trial, clicked, typed))
        enqueue((*trial.before, trial.payload), clicked)
    return outcomes


@pytest.fixture(scope="module")
def outcomes(services: Services) -> List[Outcome]:
    return explore(services)


def describe(reply: Reply) -> str:
    return "\n".join(f"    {text[:300]!r} {list(buttons) if buttons else ''}" for text, buttons in reply)


def test_every_title_typed_gets_the_answer_of_its_click(outcomes: List[Outcome]) -> None:
    differing = [o for o in outcomes if o.clicked != o.typed]
    assert differing == [], f"{len(differing)} titres sur {len(outcomes)} n'ont pas la réponse du clic :\n" + "\n".join(
        f"- après {list(o.trial.before)} : « {o.trial.title} » ≠ {o.trial.payload}\n  clic :\n{describe(o.clicked)}"
        f"\n  tapé :\n{describe(o.typed)}" for o in differing)


def test_every_title_the_code_can_show_was_tried(outcomes: List[Outcome]) -> None:
    """Un titre ajouté au code qu'aucun départ n'atteint : ajoutez à `SEEDS` le message qui le montre."""
    groups = every_group(shared_store().get(), datetime.fromisoformat(FIXED_NOW))
    labels = {title_key(label) for label in INTENT_LABELS.values()}
    expected = {title for title, _ in every_button(groups) if title_key(title) not in labels}
    tried = {o.trial.title for o in outcomes}
    assert expected - tried == set()
    # Which offers to choose from, for each family that asks it: every one of its buttons was tried.
    offer_choices = {b for g in groups if g.source.startswith("famille:") for b in g.buttons if "offer" in b[1]}
    assert offer_choices - {(o.trial.title, o.trial.payload) for o in outcomes} == set()
    # At least one « Vouliez-vous dire… » with suggestions was shown, and its labels tried.
    assert any(title_key(o.trial.title) in labels for o in outcomes), f"aucun « {NOT_SURE} » avec suggestions"


def test_teams_commands_typed_after_another_answer_get_the_answer_of_the_greeting_click(
        services: Services) -> None:
    greeting = dict(next(g.buttons for g in domain_groups() if g.source == "domaine:utter_greet"))
    for command in teams_command_titles():
        clicked, _ = replay(services, [*COMMAND_CONTEXT, greeting[command]])
        typed, _ = replay(services, [*COMMAND_CONTEXT, command])
        assert typed == clicked, f"« {command} »\n  clic :\n{describe(clicked)}\n  tapé :\n{describe(typed)}"



def test_what_if_buttons_recompute_the_recommendation(outcomes: List[Outcome]) -> None:
    """« Et s'il a un site ? » sous « pourquoi pas Payplug ? » : cliqué ou tapé, la recommandation est
    recalculée (« Ce qui change : … »), le diagnostic ne repart pas de sa première question."""
    what_ifs = [o for o in outcomes if is_hypothetical(o.trial.title)]
    assert len(what_ifs) >= 4
    for o in what_ifs:
        first = o.clicked[0][0] if o.clicked else ""
        assert first.startswith(("Ce qui change", "Rien ne change")), f"« {o.trial.title} » :\n{describe(o.clicked)}"
