"""Horaires d'ouverture des contacts : mise en forme et « ouvert maintenant ? » (heure de Paris)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import List, Optional, Sequence
from zoneinfo import ZoneInfo

from cecaz import settings
from cecaz.catalogue import JOURS, Plage

PARIS = ZoneInfo("Europe/Paris")


def paris_now() -> datetime:
    return datetime.now(PARIS)


def service_now() -> datetime:
    """Heure de Paris ; `CECAZ_NOW` (ISO 8601, `cecaz.settings`) la fixe pour les tests de bout en bout.

    Lève `cecaz.settings.SettingsError` si une variable d'environnement a une valeur inutilisable."""
    fixed = settings.load().now
    if fixed:
        return fixed if fixed.tzinfo else fixed.replace(tzinfo=PARIS)
    return paris_now()


def format_time(value: time) -> str:
    """« 9h », « 17h30 »."""
    return f"{value.hour}h" if value.minute == 0 else f"{value.hour}h{value.minute:02d}"


def format_days(jours: Sequence[str]) -> str:
    indexes = sorted(JOURS.index(j) for j in jours)
    if len(indexes) > 2 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        return f"du {JOURS[indexes[0]]} au {JOURS[indexes[-1]]}"
    return "le " + ", ".join(JOURS[i] for i in indexes[:-1]) + (" et " if len(indexes) > 1 else "") + JOURS[indexes[-1]]


def format_hours(plages: Sequence[Plage]) -> Optional[str]:
    """« du lundi au vendredi de 9h à 18h » ; None quand le document ne donne pas d'horaires."""
    if not plages:
        return None
    return " ; ".join(f"{format_days(p.jours)} de {format_time(p.debut)} à {format_time(p.fin)}" for p in plages)


@dataclass(frozen=True)
class OpeningStatus:
    known: bool
    open_now: bool = False
    next_opening: Optional[datetime] = None
    closes_at: Optional[datetime] = None


def opening_status(plages: Sequence[Plage], now: datetime) -> OpeningStatus:
    """Ouvert à `now` (converti en heure de Paris) ? Sinon, prochaine ouverture. Fin de plage exclue."""
    if not plages:
        return OpeningStatus(known=False)
    local = now.astimezone(PARIS)
    for plage in plages:
        if JOURS[local.weekday()] in plage.jours and plage.debut <= local.time() < plage.fin:
            closes = datetime.combine(local.date(), plage.fin, tzinfo=PARIS)
            return OpeningStatus(known=True, open_now=True, closes_at=closes)
    candidates: List[datetime] = []
    for offset in range(0, 8):
        day = local.date() + timedelta(days=offset)
        for plage in plages:
            start = datetime.combine(day, plage.debut, tzinfo=PARIS)
            if JOURS[day.weekday()] in plage.jours and start > local:
                candidates.append(start)
    return OpeningStatus(known=True, open_now=False, next_opening=min(candidates))


def format_next_opening(moment: datetime, now: datetime) -> str:
    local_now = now.astimezone(PARIS)
    delta = (moment.date() - local_now.date()).days
    when = "aujourd’hui" if delta == 0 else "demain" if delta == 1 else JOURS[moment.weekday()]
    return f"{when} à {format_time(moment.time())}"
