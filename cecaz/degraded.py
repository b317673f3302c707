"""Messages du mode dégradé : l'assistant ne peut pas répondre, l'utilisateur sait qui appeler."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from cecaz.catalogue import Catalogue
from cecaz.clarify import internal_assistance
from cecaz.contact_lines import contact_line

UNAVAILABLE = "Je ne peux pas répondre pour le moment : un service de l’assistant est indisponible. " \
              "Réessayez dans quelques minutes."
NOT_READY = "L’assistant démarre et ne peut pas encore répondre. Réessayez dans quelques minutes."
STORE_UNAVAILABLE = "Je ne peux pas enregistrer la conversation pour le moment : la base des conversations est " \
                    "indisponible. Votre message n’a pas été pris en compte ; renvoyez-le dans quelques minutes."
NO_CATALOGUE = "Pour une question urgente, adressez-vous à votre CIF."


class StoreUnavailable(RuntimeError):
    """La base des conversations ou celle des verrous ne répond pas (`addons/stores.py`) : le message n'est pas
    traité, l'utilisateur reçoit `store_unavailable_text` (`addons/resilience.py`)."""

    def __init__(self, store: str, detail: str) -> None:
        super().__init__(f"{store} injoignable : {detail}")
        self.store = store


def with_internal_contact(intro: str, cat: Optional[Catalogue], now: datetime) -> str:
    """`intro`, puis l'assistance interne avec ses horaires et si elle est ouverte en ce moment."""
    contacts = internal_assistance(cat) if cat else {}
    if not contacts:  # the catalogue itself may be what is broken
        return f"{intro}\n{NO_CATALOGUE}"
    lines = "\n".join(contact_line(c, now=now) for c in contacts.values())
    return f"{intro}\nPour une question urgente, l’assistance interne :\n{lines}"


def unavailable_text(cat: Optional[Catalogue], now: datetime) -> str:
    return with_internal_contact(UNAVAILABLE, cat, now)


def not_ready_text(cat: Optional[Catalogue], now: datetime) -> str:
    return with_internal_contact(NOT_READY, cat, now)


def store_unavailable_text(cat: Optional[Catalogue], now: datetime) -> str:
    return with_internal_contact(STORE_UNAVAILABLE, cat, now)
