"""Serveur d'actions arrêté puis relancé en pleine conversation, Rasa restant démarré."""

from __future__ import annotations

import pytest

from ops.serve import Services

QUESTION, ANSWER = "numéro de l'assistance SP+", "09 69 37 80 30"
INTERNAL_LINE = "09 69 36 06 26"


@pytest.mark.outage
def test_action_server_down_then_back(services: Services, conversation) -> None:
    assert ANSWER in "\n".join(conversation(QUESTION))
    services.stop("actions")
    try:
        for _ in range(2):  # every message while it is down, not only the first (delay: make bench)
            text = "\n".join(conversation("et le mail de l'assistance monétique ?"))
            assert "Je ne peux pas répondre pour le moment" in text and INTERNAL_LINE in text
            assert "ouvert en ce moment" in text  # the fixed clock is a Monday at 10:00
    finally:
        services.start_actions()
        services.wait_actions(120)
    # Same conversation, same Rasa process: answers resume.
    assert ANSWER in "\n".join(conversation(QUESTION))
    assert "payplug.com" in "\n".join(conversation("mail support payplug"))


@pytest.mark.outage
def test_action_server_down_mid_diagnostic_then_the_diagnostic_goes_on(services: Services, conversation) -> None:
    assert "a-t-il déjà un site e-commerce ?" in "\n".join(conversation("aide-moi à choisir une offre"))
    services.stop("actions")
    try:
        text = "\n".join(conversation("oui il a un site"))
        assert "Je ne peux pas répondre pour le moment" in text and INTERNAL_LINE in text
    finally:
        services.start_actions()
        services.wait_actions(120)
    transcript = []
    for answer in ("oui il a un site", "oui le clé en main lui convient", "non"):
        transcript.append("\n".join(conversation(answer)))
    assert "Recommandation : Payplug" in transcript[-1], transcript
