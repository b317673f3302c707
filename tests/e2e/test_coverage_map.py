"""Chaque énoncé du document de référence répond à ses deux questions d'exemple (docs/couverture.md).

Une conversation neuve par question, par le canal REST des serveurs réels ; la réponse doit contenir
les faits de l'énoncé et aucun numéro ni e-mail absent du catalogue."""

from __future__ import annotations

import pytest

from cecaz.catalogue import shared_store
from tests.e2e.conftest import Conversation
from tests.support.coverage_map import missing_facts, statements
from tests.support.facts import unknown_contacts

QUESTIONS = [pytest.param(statement, question, id=f"{statement.number}-{index}")
             for statement in statements() for index, question in enumerate(statement.examples, start=1)]


def test_the_map_covers_every_section_of_the_document() -> None:
    sections = {statement.text.rsplit("(", 1)[-1].rstrip(")") for statement in statements()}
    assert sections == {"Sécuriser", "Créer", "Sans site", "Choisir", "Ouvrir", "Tarifer", "Assister"}


@pytest.mark.parametrize(("statement", "question"), QUESTIONS)
def test_each_example_gets_the_facts_of_its_statement(conversation: Conversation, statement, question) -> None:
    reply = "\n".join(conversation(question))
    missing = missing_facts(reply, statement.facts)
    assert not missing, f"énoncé {statement.number} ({statement.text}) : {missing} absents de\n{reply}"
    assert unknown_contacts(shared_store().get(), [reply]) == []
