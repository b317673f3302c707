"""Quand l'assistant ne sait pas, sur les serveurs réels : « Vouliez-vous dire… », puis le bon interlocuteur ;
hors sujet : ce que couvre l'assistant, jamais un numéro ni une offre."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import Conversation

PHONE_OR_EMAIL = re.compile(r"\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}|@")


def test_not_understood_then_other_gives_the_cif(conversation: Conversation) -> None:
    text, buttons = conversation.reply("blorp zorglub fnarg ?")
    assert "compris" in text
    assert buttons[-1] == ("Autre chose", "/nlu_fallback")
    assert all("_" not in title for title, _ in buttons)  # questions for people, not intent names
    text, _ = conversation.reply("/nlu_fallback")
    assert "Je ne sais pas répondre" in text and "CIF" in text
    text, _ = conversation.reply("numéro de l'assistance SP+")
    assert "09 69 37 80 30" in text


def test_merchant_problem_not_understood_gives_client_lines_with_open_status(conversation: Conversation) -> None:
    text, _ = conversation.reply("glorb zorglub fnarg plimp commerçant")  # unknown words: not understood
    assert "compris" in text
    text, _ = conversation.reply("/nlu_fallback")
    assert "problème du commerçant" in text
    assert "+33 1 76 34 01 55" in text and "ouvert en ce moment" in text  # fixed clock: Monday 10:00


@pytest.mark.parametrize("question", [
    "quel temps fera-t-il ce week-end à Antibes ?", "je cherche un taux pour un crédit auto",
    "combien il me reste de jours de congés", "qui a gagné le match hier soir ?",
    "comment ouvrir un livret A pour mon fils", "raconte moi une blague",
])
def test_out_of_scope_says_what_is_covered_without_contacts_or_offers(conversation: Conversation,
                                                                      question: str) -> None:
    text, buttons = conversation.reply(question)
    assert "je réponds uniquement aux questions sur l’encaissement des cartes à distance" in text
    assert len(buttons) >= 2
    assert not PHONE_OR_EMAIL.search(text)
    assert "Recommandation" not in text


def test_neighbouring_contact_question_never_gets_a_number_even_after_an_offer(conversation: Conversation) -> None:
    text, _ = conversation.reply("tel payplug")
    assert "+33 1 76 34 01 55" in text
    for question in ("et le tel de la DSI ?", "mail du directeur d'agence"):
        text, _ = conversation.reply(question)
        assert "je réponds uniquement" in text and not PHONE_OR_EMAIL.search(text), text
