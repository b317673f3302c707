"""Le moment dont parle une question sur les horaires : « le samedi », « demain », « vers 17h45 »,
« ce week-end ». Lecture à règles du texte replié (voir docs/nlu-spec.md) : le NLU dit que l'on
demande si une ligne est ouverte, ce module dit quand."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Optional, Tuple

from cecaz.catalogue import JOURS
from cecaz.hours import PARIS, format_time
from cecaz.textnorm import fold, quoted_notes

_DAY = re.compile(r"\b(" + "|".join(JOURS) + r")s?\b")
_WEEKEND = re.compile(r"\b(?:week ?end|we)\b")
_TOMORROW = re.compile(r"\bdemain\b")
_TODAY = re.compile(r"\b(?:aujourd hui|ajd|auj|ce (?:matin|midi|soir|aprem|apres midi))\b")
_HOUR = r"([01]?\d|2[0-3]) ?(?:h|heures?|:) ?([0-5]\d)?\b"
_TIME = re.compile(rf"(?<![\d:]){_HOUR}")
_NOON = re.compile(r"\bmidi\b")
# « de 9h à 18h », « jusqu'à 18h », « à partir de 9h », « dès 9h » : a period stated, not one moment (folded text)
_FROM_TO = re.compile(rf"\bde {_HOUR} a {_HOUR}")
_UNTIL = re.compile(rf"\bjusqu (?:a|vers) {_HOUR}")
_SINCE = re.compile(rf"\b(?:a partir de|des) {_HOUR}")
# « avant 9h30 », « juste avant 18h » : the hour said is a limit not reached (folded text, before the hour)
_BEFORE = re.compile(r"\bavant\s*$")
# « du lundi au vendredi », « en semaine » : the days between
_DAY_RANGE = re.compile(r"\bdu (" + "|".join(JOURS) + r") au (" + "|".join(JOURS) + r")\b")
_WEEKDAYS = re.compile(r"\ben semaine\b")


def _hour(match: re.Match[str], group: int) -> time:
    return time(int(match.group(group)), int(match.group(group + 1) or 0))


@dataclass(frozen=True)
class Moment:
    """Jours demandés (indices de `JOURS`, lundi = 0) et, s'il y en a une, l'heure demandée.

    `days` vide : le jour n'est pas dit (aujourd'hui si une heure l'est)."""

    days: Tuple[int, ...] = ()
    at: Optional[time] = None
    since: Optional[time] = None
    until: Optional[time] = None
    # « avant 9h30 » : the hour said is a limit not reached, `at` the minute before it
    before: bool = False

    def label(self) -> str:
        """« le samedi », « le samedi et le dimanche », « du lundi au vendredi », « à 17h45 », « le samedi à 10h »,
        « de 9h à 18h », « jusqu'à 18h », « avant 9h30 »."""
        parts = []
        if len(self.days) > 2 and self.days == tuple(range(self.days[0], self.days[-1] + 1)):
            parts.append(f"du {JOURS[self.days[0]]} au {JOURS[self.days[-1]]}")
        elif self.days:
            parts.append(" et ".join(f"le {JOURS[d]}" for d in self.days))
        if self.at is not None and self.before:
            limit = datetime.combine(datetime.min.date(), self.at) + timedelta(minutes=1)
            parts.append(f"avant {format_time(limit.time())}")
        elif self.at is not None:
            parts.append(f"à {format_time(self.at)}")
        if self.since is not None:
            parts.append(f"{'de' if self.until else 'à partir de'} {format_time(self.since)}")
        if self.until is not None:
            parts.append(f"{'à' if self.since else 'jusqu’à'} {format_time(self.until)}")
        return " ".join(parts)

    def open_in(self, debut: time, fin: time, at: Optional[time]) -> bool:
        """Une plage de `debut` à `fin` couvre-t-elle ce moment : l'heure `at` (None : la journée), ou toute la
        période dite (« de 9h à 18h », « jusqu'à 18h » : ouverte jusque-là, « à partir de 9h » : dès cette heure) ?"""
        if self.since is not None or self.until is not None:
            return (self.since is None or debut <= self.since < fin) and \
                (self.until is None or debut < self.until <= fin)
        return at is None or debut <= at < fin


# « je peux les appeler là ? » : « là » en fin de question (l'article « la » suit toujours un mot).
_NOW = re.compile(r"\b(?:maintenant|tout de suite|en ce moment|actuellement|de suite|a cette heure ci|a l instant)\b"
                  r"|\bla\s*$")


# « ce numéro-là », « celui-là » : a demonstrative, not « là » (now) at the end of the question (typed text)
_DEMONSTRATIVE_THERE = re.compile(r"-l[àa]\b", re.IGNORECASE)
# « il a un mail celui la », « et ce numero la » : the same, typed without its hyphen (folded text)
_DEMONSTRATIVE_UNHYPHENATED = re.compile(r"\b((?:celui|celle|ceux|celles)|(?:ce|cet|cette|ces) \w+) la\s*$")


def _without_demonstratives(text: str) -> str:
    """The folded text without the « -là » of its demonstratives, so that only « là » meaning now is left."""
    return _DEMONSTRATIVE_UNHYPHENATED.sub(r"\1", fold(_DEMONSTRATIVE_THERE.sub("", text)))


def asks_now(text: str) -> bool:
    """« je peux les appeler maintenant ? » : une question sur l'instant présent (pas un moment à
    calculer : `asked_moment` rend None) ; « le commerçant appelle ce numéro-là ? », « il a un mail celui la » n'en
    sont pas une."""
    return bool(_NOW.search(_without_demonstratives(without_a_note_quoted(text))))


# « le 25 décembre », « un jour férié », « pendant les fêtes », « le lundi de Pâques », « le pont de l'Ascension »
_HOLIDAY = re.compile(r"\b(?:feries?|noel|nouvel an|jour de l an|reveillon\w*|paques|pentecote|ascension|toussaint|"
                      r"armistice|(?:les|des) fetes|fetes de fin d annee|(?:le|un|du|les|des) ponts?|"
                      r"(?:1er|1) (?:janvier|mai|novembre)|8 mai|14 juillet|15 aout|11 novembre|25 decembre)\b")


def names_a_holiday(text: str) -> bool:
    """« et le 25 décembre ? », « un jour férié ils répondent ? », « pendant les fêtes » : a public holiday (or a date
    that is one), of which the document, giving hours by weekday, says nothing."""
    return bool(_HOLIDAY.search(fold(text)))


def names_a_moment(text: str) -> bool:
    """« le samedi », « demain », « vers 17h45 », « maintenant » : le message nomme un moment (pas lequel)."""
    folded = _without_demonstratives(without_a_note_quoted(text))
    return any(p.search(folded) for p in (_DAY, _WEEKEND, _TOMORROW, _TODAY, _TIME, _NOON, _NOW))


# « la hotline qui bosse le samedi, elle répond ce soir à 18h30 ? » : a day that describes the line, not the moment
_DAY_IN_A_RELATIVE = re.compile(r"\bqui (?:\w+ ){0,4}?(?:le |les )?(?:" + "|".join(JOURS) + r")s?\b")


def _moment_besides_a_described_day(folded: str, now: datetime) -> Optional[Moment]:
    """The moment a folded message asks besides the day said in a relative (« la hotline qui bosse le samedi, elle
    répond ce soir à 18h30 ? » : ce soir 18h30), None when it asks no other."""
    relative = _DAY_IN_A_RELATIVE.search(folded)
    return asked_moment(folded[:relative.start()] + folded[relative.end():], now) if relative else None


def day_describes_the_line(text: str, now: datetime) -> bool:
    """« la hotline qui bosse le samedi, elle répond ce soir à 18h30 ? » : the day of the relative describes the line
    (which then is not asked for : « quelle ligne répond le samedi ? »), since the message asks another moment."""
    return _moment_besides_a_described_day(fold(text), now) is not None


# (« pas de samedi », « plutôt que samedi » ; not « ils ouvrent pas le samedi ? », the verb negated)
_DAY_SET_ASIDE = re.compile(r"\b(?:pas (?:de|du|pour)|non pas|plutot que|au lieu de|au lieu du) (?:"
                            + "|".join(JOURS) + r"|demain|aujourd hui)s?\b")


def without_a_note_quoted(text: str) -> str:
    """« un post-it : « appeler la monétique pro avant samedi ». C'est quoi leurs coordonnées ? » → the words quoted
    left out, when a question of its own follows them (a note, read as what it says, not as the moment asked) ;
    `text` unchanged otherwise (« il me dit : « vous êtes ouverts samedi ? » » : his question is the quote, as in
    « il me demande « vous êtes ouverts samedi ? », je lui réponds quoi ? »)."""
    notes = quoted_notes(text)
    after = text[notes[-1].end():] if notes else ""
    if "?" not in after or len(fold(after).split()) < 2:
        return text
    kept = list(text)
    for note in notes:
        kept[note.start():note.end()] = " " * (note.end() - note.start())
    return "".join(kept)


def asked_moment(text: str, now: datetime) -> Optional[Moment]:
    """Le moment nommé dans `text` (relatif à `now`, heure de Paris), ou None s'il n'y en a pas ; un jour dit dans une
    relative (« la ligne qui répond le samedi ») n'en est pas quand le message en nomme un autre, ni un jour écrit dans
    une note citée avant la question (`without_a_note_quoted`)."""
    # « je parlais de demain, pas de samedi » : the day set aside is not asked
    folded = _DAY_SET_ASIDE.sub(" ", fold(without_a_note_quoted(text)))
    if other := _moment_besides_a_described_day(folded, now):
        return other
    local = now.astimezone(PARIS)
    days: Tuple[int, ...] = tuple(dict.fromkeys(JOURS.index(m.group(1)) for m in _DAY.finditer(folded)))
    if (span := _DAY_RANGE.search(folded)) and JOURS.index(span.group(1)) < JOURS.index(span.group(2)):
        days = tuple(range(JOURS.index(span.group(1)), JOURS.index(span.group(2)) + 1))
    elif not days and _WEEKDAYS.search(folded):
        days = tuple(range(5))
    if not days and _WEEKEND.search(folded):
        days = (5, 6)
    if not days and _TOMORROW.search(folded):
        days = ((local + timedelta(days=1)).weekday(),)
    if not days and _TODAY.search(folded):
        days = (local.weekday(),)
    at: Optional[time] = None
    if period := _FROM_TO.search(folded):
        return Moment(days, None, _hour(period, 1), _hour(period, 3))
    if until := _UNTIL.search(folded):
        return Moment(days, None, None, _hour(until, 1))
    if since := _SINCE.search(folded):
        return Moment(days, None, _hour(since, 1))
    match = _TIME.search(folded)
    before = False
    if match:
        at = time(int(match.group(1)), int(match.group(2) or 0))
        if _BEFORE.search(folded[:match.start()]) and (at.hour or at.minute):
            # « avant 9h30 » : the minute before (a line opening at 9h30 is not open yet)
            at, before = (datetime.combine(local.date(), at) - timedelta(minutes=1)).time(), True
    elif _NOON.search(folded) and not _TODAY.search(folded):
        at = time(12, 0)
    if not days and at is None:
        return None
    return Moment(days, at, before=before)


# « ils répondent en combien de temps ? », « le délai d'ouverture ? », « ça prend combien de jours ? » : a duration,
# which the document never gives (folded text)
_DELAY = re.compile(r"\b(?:delais?|combien de (?:temps|jours|semaines|heures|mois)|"
                    r"(?:prend|prendre|faut compter|met|mettent|mettre) (?:\w+ )?combien|"
                    r"(?:sous|en|dans) (?:combien|quel delai)|au bout de combien)\b")


# « à cette heure-là », « au même moment », « ce jour-là » : the moment asked before (folded text)
_THAT_MOMENT = re.compile(r"\b(?:a|vers|pour) (?:cette heure|ce moment|cet horaire)(?: la| ci)?\b|"
                          r"\b(?:a la|a) meme heure\b|\bau meme moment\b|\bce jour la\b|\bce creneau\b")


def says_the_moment_before(text: str) -> bool:
    """« et le support à cette heure-là ? », « au même moment ? » : the message takes up the moment the question
    before asked (the focus keeps it)."""
    return bool(_THAT_MOMENT.search(fold(text)))


def asks_a_delay(text: str) -> bool:
    """« ils répondent en combien de temps aux mails ? », « quel délai pour ouvrir JPEL ? » : the question asks how
    long something takes (the reference document gives no delay: `sources.yml`, silence `delais_absents`)."""
    return bool(_DELAY.search(fold(text)))

