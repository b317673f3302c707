"""Un message, plusieurs parties (issue 12) : une salutation ou un remerciement devant une question ne
cache pas la question ; deux questions dans un message reçoivent chacune sa réponse, dans l'ordre."""

from __future__ import annotations

from typing import List

import pytest

from tests.e2e.conftest import Conversation
from tests.support.coverage_map import missing_facts


@pytest.mark.parametrize(("message", "facts"), [
    ("Bonjour, tu peux me dire à quoi sert SimulEasy ?", ["SimulEasy", "standard"]),
    ("Salut ! qui fait les paramétrages dans OSC ?", ["OSC", "CIF"]),
    ("Bonjour à tous, le mail du support Payplug svp", ["support@payplug.com"]),
    ("Hello, les horaires de l'assistance monétique PRO ?", ["samedi", "18"]),
])
def test_a_greeting_in_front_never_hides_the_question(conversation: Conversation, message: str,
                                                       facts: List[str]) -> None:
    reply = "\n".join(conversation(message))
    assert missing_facts(reply, facts) == [], "\n".join(conversation.transcript)


def test_thanks_then_a_follow_up_keeps_the_thread(conversation: Conversation) -> None:
    conversation("quel est le numéro du support Payplug ?")
    reply = "\n".join(conversation("merci ! et leur adresse mail ?"))
    assert missing_facts(reply, ["support@payplug.com"]) == [], "\n".join(conversation.transcript)


@pytest.mark.parametrize(("message", "first", "second"), [
    ("C'est quoi Payplug ? Et le numéro de leur support ?", ["clé en main"], ["+33 1 76 34 01 55"]),
    ("Quel est le mail du support Payplug ? Et celui de l'assistance monétique PRO ?",
     ["support@payplug.com"], ["assistance-monetiquepro@natixis.com"]),
    ("qui négocie les tarifs AMEX ? où on dépose la simulation ?", ["directement"], ["MyGed"]),
])
def test_two_questions_in_one_message_get_both_answers_in_order(conversation: Conversation, message: str,
                                                                 first: List[str], second: List[str]) -> None:
    replies = conversation(message)
    reply = "\n".join(replies)
    assert missing_facts(reply, first + second) == [], "\n".join(conversation.transcript)
    first_at = min(i for i, text in enumerate(replies) if not missing_facts(text, first[:1]))
    second_at = max(i for i, text in enumerate(replies) if not missing_facts(text, second[:1]))
    assert first_at < second_at, "\n".join(conversation.transcript)


def test_the_end_of_a_cut_off_message_is_read_with_it_even_when_it_names_a_button(conversation: Conversation) -> None:
    # « SP+ » is also the title of the offer buttons under « Pour quelle offre… ? » : the end of the message cut off
    # on « en » wins, and the question keeps its « à une commerçante » (no line reserved to the CECAZ)
    conversation("je donne quelle adresse mail a une commercante en")
    reply = "\n".join(conversation("SP+"))
    assert "assistance-spplus@natixis.com" in reply and "assistance-monetiquepro" not in reply, \
        "\n".join(conversation.transcript)


def test_question_marks_alone_and_thanks_keep_the_thread(conversation: Conversation) -> None:
    first = "\n".join(conversation("le numéro de l'équipe partenariat payplug"))
    assert "\n".join(conversation("??")) == first, "\n".join(conversation.transcript)
    conversation("top merci")
    reply = "\n".join(conversation("ils bossent le samedi"))
    assert reply.lstrip("*").startswith("Non") and "17h30" in reply, "\n".join(conversation.transcript)
