"""La question du commerçant rapportée par le collaborateur (« il me demande si… », « elle veut savoir qui… ») : lue
comme il l'a posée (`cecaz.reported.asked_directly`), puis répondue comme elle (vague 64)."""

from __future__ import annotations

import pytest

from cecaz.reported import asked_directly
from tests.unit.conftest import reply_to


@pytest.mark.parametrize(("text", "asked"), [
    ("il me demande si la simulation est obligatoire", "la simulation est obligatoire ?"),
    ("Mon boulanger m’a demandé s’il devait signer deux contrats.", "il devait signer deux contrats ?"),
    ("elle voudrait savoir à qui écrire pour un souci de paiement", "à qui écrire pour un souci de paiement ?"),
    ("le gérant se demande combien coûte l'appel au service client ?", "combien coûte l'appel au service client ?"),
    # what situates the merchant, before the report, is kept
    ("Un opticien a un site. Il aimerait savoir si Payplug lui irait",
     "Un opticien a un site. Payplug lui irait ?"),
])
def test_the_merchants_reported_question_is_asked_as_he_asked_it(text: str, asked: str) -> None:
    assert asked_directly(text) == asked


@pytest.mark.parametrize("text", [
    "il me demande les tarifs",            # no question reported: what he asked for
    "je me demande si",                   # nothing after the report
    "le CIF se demande où",
    "quel numéro je lui donne ?",
])
def test_a_message_that_reports_no_question_is_unchanged(text: str) -> None:
    assert asked_directly(text) == text


@pytest.mark.parametrize(("before", "before_intent", "offer", "text", "intent", "named"), [
    ("c'est quoi IZ eCommerce ?", "ask_site_creation", "iz_ecommerce",
     "il me demande si c'est IZ eCommerce qui fixe le prix de son site", "ask_pricing", ["iz_ecommerce"]),
    ("c'est quoi Payplug ?", "ask_offer_definition", "payplug", "elle me demande s'ils gèrent aussi l'acquisition",
     "ask_contracts", []),
])
def test_a_reported_closed_question_is_answered_yes_or_no_first(fixed_clock, before, before_intent, offer, text,
                                                                  intent, named):
    _, focus = reply_to(before, before_intent, offres=[offer])
    reply, _ = reply_to(text, intent, focus, offres=named)
    assert reply.startswith("Oui"), reply
