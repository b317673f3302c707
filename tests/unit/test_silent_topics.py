"""Ce que le document ne nomme nulle part, demandé (`cecaz.silent_topics`) : dit d'abord, sans oui ni non."""

from __future__ import annotations

from typing import Optional

import pytest

from cecaz.catalogue import shared_store
from cecaz.silent_topics import silent_topic
from tests.unit.conftest import reply_to

CAT = shared_store().get()


@pytest.mark.parametrize(("text", "topic"), [
    ("Payplug accepte-t-il Google Pay ?", "Google Pay"),
    ("jpel est compatible avec les paiements en cryptomonnaie ?", "cryptomonnaie"),
    ("y a-t-il une période d'engagement avec SP+ ?", "période d'engagement"),
    ("c'est quoi le délai de rétractation pour résilier ?", "rétractation"),
    ("quel est le siège social de Payplug ?", "siège"),
    # « quels », « quelles » : the whole word, then the noun asked
    ("pour l'ouverture, il faut quelles attestations ?", "attestations"),
    ("le garagiste doit ramener quels papiers d'identité ?", "papiers d'identité"),
    ("SP+ permet-il de bloquer un dépôt de garantie sur la carte ?", "garantie"),  # past « de » + infinitive

])
def test_a_thing_the_document_never_names_is_the_topic(text: str, topic: Optional[str]) -> None:
    assert silent_topic(CAT, text) == topic


@pytest.mark.parametrize("text", [
    "quelle offre pour un caviste ?",                         # whom it is for: the merchant
    "quel simulateur pour mon client opticien ?",
    "quelle solution pour une boulangerie qui vend des tartes en ligne",  # what describes him
    "quelle est la tarfication de sp+",                       # a slip on a word of the document
    "c quoi le num de lassitance sp+",                        # glued article and a slip
    "payplug accepte les cartes amex ?",                      # a card of the catalogue
    "c'est quoi la différence entre acquisition et acceptation ?",
    "faut-il passer par le CIF ?",                            # a verb, not a thing
    "quel est le numéro du support Payplug ?",
    "il faut combien de temps pour ouvrir le contrat ?",      # a delay: said by its own answer
    "jpel permet d'encaisser les cartes chinoises ?",         # past the infinitive, a card of the catalogue
])
def test_what_the_document_names_or_every_question_says_is_no_silent_topic(text: str) -> None:
    assert silent_topic(CAT, text) is None


def test_the_answer_says_the_document_is_silent_first_and_no_yes(fixed_clock) -> None:
    reply, _ = reply_to("et Payplug accepte Google Pay ?", "ask_offer_definition",
                        {"intent": "ask_offer_definition", "offres": ["payplug"]}, offres=["payplug"])
    first: Optional[str] = reply.split("\n")[0]
    assert first is not None and "« Google Pay »" in first and "le document ne dit rien" in first
    assert not reply.startswith(("Oui", "Non")) and "clé en main" in reply


def test_no_yes_for_what_the_offer_is_for_when_the_thing_is_silent(fixed_clock) -> None:
    # read as a closed question on the offer (« Oui : SP+ sert à… ») : the silence first, no yes
    reply, _ = reply_to("et SP+ il est compatible avec Samsung Pay ?", "nlu_fallback",
                        {"intent": "ask_offer_definition", "offres": ["sp_plus"]}, offres=["sp_plus"])
    assert reply.startswith("Sur « Samsung Pay »") and "Oui" not in reply


def test_a_message_not_placed_says_the_silence_before_asking_what_it_is_about(fixed_clock) -> None:
    reply, _ = reply_to("quel est le plafond de paiement sur internet ?", "nlu_fallback")
    assert reply.startswith("Sur « plafond de paiement » : le document ne dit rien")
