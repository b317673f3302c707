"""Une ligne de contact, rendue d'une seule façon partout (réponses, diagnostic, relais, mode dégradé).

« • Nom (public visé) : tél. …, e-mail …, horaires » ; avec `now`, les horaires disent aussi si la
ligne est ouverte en ce moment. Faits : section « Qui contacter pour assister le client ? » du
document de référence, via `catalogue/contacts.yml`."""

from __future__ import annotations

from datetime import datetime
from typing import Dict, Optional

from cecaz.catalogue import Contact
from cecaz.hours import format_hours, format_next_opening, format_time, opening_status

# Public visé d'une ligne (champ `public` du catalogue) → mention affichée à côté du nom.
AUDIENCE: Dict[str, str] = {
    "clients": "à communiquer au client",
    "cecaz": "usage interne CECAZ, à ne pas transmettre au client",
}
NO_HOURS = "horaires non précisés dans le document"


def opening_text(contact: Contact, now: Optional[datetime] = None) -> str:
    """Les horaires du contact ; avec `now` (toute zone, lue en heure de Paris), s'il est ouvert.

    Ex. « du lundi au vendredi de 9h à 18h — ouvert en ce moment (jusqu’à 18h) » ;
    `NO_HOURS` quand le document ne donne pas d'horaires."""
    hours = format_hours(contact.horaires)
    if hours is None:
        return NO_HOURS
    if now is None:
        return hours
    status = opening_status(contact.horaires, now)
    if status.open_now and status.closes_at:
        return f"{hours} — ouvert en ce moment (jusqu’à {format_time(status.closes_at.time())})"
    if status.next_opening:
        return f"{hours} — fermé en ce moment, réouverture {format_next_opening(status.next_opening, now)}"
    return hours


def contact_line(contact: Contact, *, now: Optional[datetime] = None, phone: bool = True, email: bool = True,
                 hours: bool = True, bullet: str = "• ") -> str:
    """Une ligne : nom, public visé, puis les moyens demandés (téléphone avec le prix de l'appel,
    e-mail, horaires ; avec `now`, ouvert ou fermé en ce moment)."""
    parts = []
    if phone and contact.telephone:
        parts.append(f"tél. {contact.telephone}" + (f" ({contact.tarif_appel})" if contact.tarif_appel else ""))
    if email and contact.email:
        parts.append(f"e-mail {contact.email}")
    if hours:
        parts.append(opening_text(contact, now))
    return f"{bullet}{contact.nom} ({AUDIENCE[contact.public]}) : " + ", ".join(parts)
