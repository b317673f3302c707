"""Jamais une ligne interne dans une réponse sur ce qu'il faut donner au commerçant (issue 12).

Chaque famille de questions de contact, posée au serveur réel avec une formulation « pour le client »
(deux tournures par famille), pour chaque offre qui a un support : aucun numéro ni e-mail réservé à la
CECAZ dans la réponse ; et pour « qui contacter », le numéro ou l'e-mail, au moins une ligne de l'offre
à donner au client."""

from __future__ import annotations

import pytest

from cecaz.catalogue import shared_store
from cecaz.families import FAMILIES
from tests.e2e.conftest import Conversation
from tests.support.facts import digits

CAT = shared_store().get()
CLIENT_LINES = {v for c in CAT.contacts.values() if c.public == "clients" for v in (c.telephone, c.email) if v}
INTERNAL_ONLY = sorted({v for c in CAT.contacts.values() if c.public == "cecaz"
                        for v in (c.telephone, c.email) if v} - CLIENT_LINES)
GIVES_A_LINE = ("ask_support", "ask_phone", "ask_email")
OFFERS = {"payplug": "Payplug", "sp_plus": "SP+", "jpel": "JPEL"}
# Two client wordings per contact family ("mon client", "le commerçant", "à lui donner", "qu'il appelle").
CLIENT_WORDINGS = {
    "ask_support": ["mon client {o} a un problème, qui doit-il contacter ?",
                    "le commerçant sous {o} est bloqué, vers qui je l'oriente ?"],
    "ask_phone": ["quel numéro je peux donner à mon client {o} ?",
                  "le commerçant {o} doit appeler quel numéro ?"],
    "ask_email": ["à quelle adresse mail mon client {o} peut écrire ?",
                  "quel e-mail communiquer au commerçant pour {o} ?"],
    "ask_hours": ["mon client {o} peut appeler l'assistance à quelle heure ?",
                  "quels horaires donner au commerçant pour joindre le support {o} ?"],
    "ask_is_open": ["mon client {o} peut joindre l'assistance le samedi ?",
                    "le commerçant {o} peut appeler le support à 19h ?"],
}
CASES = [pytest.param(intent, wording.format(o=name), offre, id=f"{intent}-{offre}-{n}")
         for intent, wordings in CLIENT_WORDINGS.items() for n, wording in enumerate(wordings)
         for offre, name in OFFERS.items()]


def test_every_contact_family_is_asked() -> None:
    assert set(CLIENT_WORDINGS) == {intent for intent, family in FAMILIES.items() if family.contacts}


@pytest.mark.parametrize(("intent", "question", "offre"), CASES)
def test_client_wording_never_gets_an_internal_line(conversation: Conversation, intent: str, question: str,
                                                    offre: str) -> None:
    reply = "\n".join(conversation(question))
    said = digits(reply)
    leaked = [line for line in INTERNAL_ONLY if (line in reply if "@" in line else digits(line) in said)]
    assert leaked == [], f"« {question} » :\n{reply}"
    assert "usage interne" not in reply.lower(), f"« {question} » :\n{reply}"
    if intent in GIVES_A_LINE:
        lines = [v for c in CAT.contacts.values() if c.public == "clients" and offre in c.offres
                 for v in (c.telephone, c.email) if v]
        assert any((line in reply if "@" in line else digits(line) in said) for line in lines), \
            f"« {question} » : aucune ligne à donner au client\n{reply}"
