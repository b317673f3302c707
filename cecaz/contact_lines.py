"""Une ligne de contact, rendue d'une seule façon partout (réponses, diagnostic, relais, mode dégradé).

« • Nom (public visé) : tél. …, e-mail …, horaires » ; avec `now`, les horaires disent aussi si la
ligne est ouverte en ce moment. Faits : section « Qui contacter pour assister le client ? » du
document de référence, via `catalogue/contacts.yml`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from typing import Dict, List, Optional, Sequence, Tuple

from cecaz.catalogue import JOURS, Catalogue, Contact
from cecaz.hours import PARIS, format_hours, format_next_opening, format_time, opening_status
from cecaz.when import Moment

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
                 hours: bool = True, purpose: bool = False, bullet: str = "• ") -> str:
    """Une ligne : nom, public visé, puis (avec `purpose`) ce pour quoi on l'appelle, et les moyens
    demandés (téléphone avec le prix de l'appel, e-mail, horaires ; avec `now`, ouvert ou fermé)."""
    parts = [f"pour {contact.objet}"] if purpose else []
    if phone and contact.telephone:
        parts.append(f"tél. {contact.telephone}" + (f" ({contact.tarif_appel})" if contact.tarif_appel else ""))
    if email and contact.email:
        parts.append(f"e-mail {contact.email}")
    if hours:
        parts.append(opening_text(contact, now))
    return f"{bullet}{contact.nom} ({AUDIENCE[contact.public]}) : " + ", ".join(parts)


def _open_on(contact: Contact, day: int, at: Optional[time], moment: Optional[Moment] = None) -> bool:
    """La ligne est-elle ouverte ce jour-là (à cette heure, si elle est donnée ; toute la période, si le moment en dit
    une : « jusqu'à 18h ») ?"""
    return any(JOURS[day] in p.jours and (moment or Moment()).open_in(p.debut, p.fin, at) for p in contact.horaires)


def _days_at(moment: Optional[Moment], now: datetime) -> Tuple[Tuple[int, ...], Optional[time], str]:
    """Les jours (0 = lundi), l'heure et le libellé d'un moment demandé : sans jour dit, aujourd'hui ; sans moment du
    tout, maintenant (heure de Paris)."""
    local = now.astimezone(PARIS)
    if moment is None:
        return (local.weekday(),), local.time(), "en ce moment"
    when = moment.label() if moment.days else f"aujourd’hui {moment.label()}".strip()
    return moment.days or (local.weekday(),), moment.at, when


# The lead of a closed answer on several lines that differ (« les deux bossent le samedi ? » reads it).
DEPENDS_ON_THE_LINE = "Ça dépend de la ligne"


def open_at_text(cat: Catalogue, contacts: Sequence[Contact], moment: Optional[Moment], now: datetime) -> str:
    """Réponse fermée à « ouvert le samedi ? », « vers 17h45 ? », « ouvert là ? » : « Oui » ou « Non »
    d'abord, puis les horaires de chaque ligne. Sans jour dit, l'heure est lue pour aujourd'hui ; sans
    moment du tout, c'est maintenant (heure de Paris). Une ligne sans horaires dans le document n'a
    ni oui ni non : c'est dit (phrase `horaires.non_precises`), avec ses coordonnées."""
    days, at, when = _days_at(moment, now)
    known = [c for c in contacts if c.horaires]
    if not known:
        return "\n".join([cat.say("horaires.non_precises"), *(contact_line(c) for c in contacts)])
    verdicts = {c.nom: [_open_on(c, d, at, moment) for d in days] for c in known}
    if all(all(v) for v in verdicts.values()):
        lead = f"Oui ({when})"
    elif not any(any(v) for v in verdicts.values()):
        lead = f"Non ({when})"
    elif len(verdicts) == 1:  # one line, several days: day by day
        (verdict,) = verdicts.values()
        lead = ", ".join(f"{'oui' if ok else 'non'} le {JOURS[d]}" for d, ok in zip(days, verdict, strict=True))
        lead = lead[:1].upper() + lead[1:]
    else:
        lead = f"{DEPENDS_ON_THE_LINE} ({when}) : " + " ; ".join(
            f"{'oui' if all(v) else 'non'} pour {name}" for name, v in verdicts.items())
    # « oui » and how to call them: the phone of each line comes with its hours.
    lines = [contact_line(c, email=False, now=now if moment is None else None) for c in contacts]
    return f"{lead} :\n" + "\n".join(lines)



@dataclass
class LinesAtAMoment:
    """Les lignes selon qu'elles sont ouvertes à un moment (`when` : « le samedi », « en ce moment ») : ouvertes,
    fermées, ou sans horaires dans le document."""

    when: str
    opened: List[Contact]
    closed: List[Contact]
    unknown: List[Contact]


def lines_at(contacts: Sequence[Contact], moment: Optional[Moment], now: datetime) -> LinesAtAMoment:
    """« quelle ligne répond le samedi ? » : `contacts` rangés selon qu'ils sont ouverts au moment demandé (tous ses
    jours ; sans jour, aujourd'hui ; sans moment, maintenant, heure de Paris). Faits : `horaires` du catalogue
    (section « Qui contacter pour assister le client ? »)."""
    days, at, when = _days_at(moment, now)
    known = [c for c in contacts if c.horaires]
    opened = [c for c in known if all(_open_on(c, d, at, moment) for d in days)]
    return LinesAtAMoment(when, opened, [c for c in known if c not in opened],
                          [c for c in contacts if not c.horaires])
