"""L'heure fixée (`CECAZ_NOW`) arrive jusqu'aux réponses des serveurs réels : les serveurs de la session
(lundi 10h) disent « ouvert » ; une seconde paire de serveurs, lancée ici à une heure fermée (samedi 18h
pile), dit « fermé » — réponses du serveur d'actions comme message de panne du serveur Rasa. Une
horloge mal transmise (l'heure réelle, ou une heure figée) ne peut pas réussir les deux."""

from __future__ import annotations

import uuid
from typing import Iterator

import pytest

from ops.serve import Services, ask
from tests.e2e.conftest import Conversation, plain_spaces, running_services

# Saturday 5 December 2026, 18h exactly: the internal line (Monday to Saturday, 9h-18h) has just
# closed, the Payplug support (Monday to Friday) is closed all day; both reopen on Monday at 9h.
CLOSED_NOW = "2026-12-05T18:00:00+01:00"
PAYPLUG_QUESTION = "le support payplug est-il ouvert ?"
# Lines of the REST text, in Markdown (issue 14): a title in bold, list items, an internal line after its badge.
PAYPLUG_LINE = ("- Équipe support Payplug (à communiquer au client) : tél. +33 1 76 34 01 55, "
                "du lundi au vendredi de 9h à 18h — ")
INTERNAL_LINE = ("- ⚠ Interne CECAZ — ne pas transmettre · Assistance monétique PRO (usage interne CECAZ, à ne pas "
                 "transmettre au client) : tél. 09 69 36 06 26, e-mail assistance-monetiquepro@natixis.com, du lundi "
                 "au samedi de 9h à 18h — ")


@pytest.fixture(scope="module")
def closed_services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """Serveur d'actions et serveur Rasa à l'heure fixée `CLOSED_NOW`, sur des ports libres."""
    with running_services(tmp_path_factory.mktemp("var-closed"), CLOSED_NOW) as running:
        yield running


def lines(services: Services, text: str) -> list[str]:
    """Les lignes des réponses du bot à `text`, dans une conversation neuve (canal REST)."""
    replies = ask(services.rasa_url, text, sender=f"clock-{uuid.uuid4().hex[:8]}")
    return [line for reply in replies for line in plain_spaces(reply.get("text") or "").splitlines()]


def test_the_session_servers_answer_at_their_fixed_monday_10h(conversation: Conversation) -> None:
    said = [line for reply in conversation(PAYPLUG_QUESTION) for line in reply.splitlines()]
    assert said[:2] == ["**Oui (en ce moment) :**", PAYPLUG_LINE + "ouvert en ce moment (jusqu’à 18h)"]


def test_servers_fixed_on_saturday_18h_say_closed_until_monday(closed_services: Services) -> None:
    said = lines(closed_services, PAYPLUG_QUESTION)
    assert said[:2] == ["**Non (en ce moment) :**", PAYPLUG_LINE + "fermé en ce moment, réouverture lundi à 9h"]


def test_the_outage_message_of_the_rasa_server_follows_its_fixed_clock(closed_services: Services) -> None:
    closed_services.stop("actions")  # last test of the module: these servers stop right after
    said = lines(closed_services, "numéro assistance SP+")
    assert said[0].startswith("Je ne peux pas répondre pour le moment")
    assert INTERNAL_LINE + "fermé en ce moment, réouverture lundi à 9h" in said
