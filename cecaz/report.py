"""Rapport d'usage pour les personnes qui tiennent l'assistant à jour (`make report`).

À partir des événements de la base des conversations (une ligne par événement Rasa : sa conversation et
son JSON), pour une période : conversations et messages par jour, familles de questions, diagnostics et
offres recommandées, taux de repli, de clarification et de recherche dans le document, avis 👍 / 👎 par
famille, et les questions restées sans réponse ou jugées inutiles, regroupées par ressemblance, chacune
avec l'intention dont elle était la plus proche. Ce que les utilisateurs ont tapé est masqué (numéros de
carte, e-mails, téléphones).

Fonctions pures, sans Rasa ni base (tests/unit/test_report*.py) ; la lecture de la base, les graphiques
et la page HTML sont dans `ops/report.py`."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Dict, Iterable, List, Mapping, Sequence, Tuple
from zoneinfo import ZoneInfo

from cecaz.catalogue import EMAIL
from cecaz.clarify import is_clarification
from cecaz.document_search import QUOTE_INTRO
from cecaz.families import FAMILIES
from cecaz.feedback import FEEDBACK_SLOT, FOCUS_SLOT, NEGATIVE, PAYLOADS, POSITIVE, RECOMMENDATION_FAMILY
from cecaz.intents import NLU_FALLBACK
from cecaz.layout import RECOMMENDATION
from cecaz.textnorm import fold

PARIS = ZoneInfo("Europe/Paris")
CLARIFY = "action_clarify"
RECOMMENDATION_LABEL = "Recommandation (diagnostic)"
NO_ANSWER = "sans réponse"
THUMBS_DOWN = "avis négatif"
# Cosine distance (TF-IDF of character n-grams) under which two questions are grouped.
GROUP_DISTANCE = 0.6

# What users may type that must not reach a report: card numbers (13 to 19 digits, separated or not),
# phone numbers (French, or international « +… »), e-mail addresses. Cards first: their digits would
# otherwise look like a phone number.
CARD_LIKE = re.compile(r"(?<!\d)\d(?:[ .-]?\d){12,18}(?!\d)")
PHONE_LIKE = re.compile(r"(?<![\d+])(?:(?:\+|00)\s?\d{2,3}[\s.-]?\(?0?\)?[\s.-]?[1-9]|0[1-9])(?:[\s.-]?\d{2}){4}(?!\d)")
MASKS = ((CARD_LIKE, "[carte masquée]"), (PHONE_LIKE, "[téléphone masqué]"), (EMAIL, "[e-mail masqué]"))


def mask(text: str) -> str:
    """`text` sans numéro de carte, de téléphone ni adresse e-mail (remplacés par « [carte masquée] »,
    « [téléphone masqué] », « [e-mail masqué] »)."""
    for pattern, replacement in MASKS:
        text = pattern.sub(replacement, text)
    return text


# --- période ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    """Une période : début inclus, fin exclue (instants avec fuseau), et son libellé."""

    start: datetime
    end: datetime
    label: str

    def contains(self, timestamp: float) -> bool:
        """Vrai si l'instant (secondes UNIX) est dans la période."""
        return self.start.timestamp() <= timestamp < self.end.timestamp()

    def days(self) -> List[date]:
        """Les jours (heure de Paris) que couvre la période, dans l'ordre."""
        first = self.start.astimezone(PARIS).date()
        last = (self.end - timedelta(microseconds=1)).astimezone(PARIS).date()
        return [first + timedelta(days=n) for n in range((last - first).days + 1)]


_DAYS = re.compile(r"^(\d{1,4})\s*(?:j|jours?|d)$")


def _bound(text: str, is_end: bool) -> datetime:
    value = text.strip()
    try:
        if "T" in value or " " in value:
            instant = datetime.fromisoformat(value)
            return instant if instant.tzinfo else instant.replace(tzinfo=PARIS)
        day = date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"« {value} » : une date AAAA-MM-JJ (ou AAAA-MM-JJTHH:MM) est attendue.") from None
    return datetime.combine(day + timedelta(days=1) if is_end else day, time(), PARIS)


def parse_period(text: str, now: datetime) -> Period:
    """La période que désigne `text` : « 7j » (les 7 derniers jours, aujourd'hui compris, heure de Paris),
    « 2026-11-30 » (un jour), « 2026-11-01..2026-11-30 » (jours inclus), ou deux instants ISO 8601
    « 2026-11-30T14:00..2026-11-30T15:00 » (sans fuseau : heure de Paris). Lève ValueError (message en
    français) pour un autre texte ou une fin qui n'est pas après le début."""
    value = text.strip().lower()
    today = now.astimezone(PARIS).date()
    if match := _DAYS.match(value):
        count = int(match.group(1))
        if count < 1:
            raise ValueError(f"« {text} » : au moins un jour (ex. 7j).")
        start = datetime.combine(today - timedelta(days=count - 1), time(), PARIS)
        return Period(start, datetime.combine(today + timedelta(days=1), time(), PARIS), f"{count} derniers jours")
    first, _, last = text.strip().partition("..")
    if not first:
        raise ValueError(f"« {text} » : une période comme 7j, 2026-11-30 ou 2026-11-01..2026-11-30 est attendue.")
    start, end = _bound(first, False), _bound(last or first, True)
    if end <= start:
        raise ValueError(f"« {text} » : la fin de la période doit venir après son début.")
    shown, final = start.astimezone(PARIS), (end - timedelta(seconds=1)).astimezone(PARIS)
    if any(mark in text for mark in "T "):
        label = f"du {shown:%d/%m/%Y %H:%M} au {final:%d/%m/%Y %H:%M}"
    elif shown.date() == final.date():
        label = f"{shown:%d/%m/%Y}"
    else:
        label = f"du {shown:%d/%m/%Y} au {final:%d/%m/%Y}"
    return Period(start, end, label)


# --- lecture des conversations --------------------------------------------------------------------

@dataclass(frozen=True)
class Turn:
    """Un message de l'utilisateur et ce qui l'a suivi jusqu'au message suivant."""

    sender: str
    at: float
    text: str
    intent: str
    closest: str  # the most likely intent other than the fallback ("" if none)
    events: Tuple[Mapping[str, Any], ...]

    @property
    def typed(self) -> bool:
        """Un message tapé (pas un bouton « /… »)."""
        return bool(self.text) and not self.text.startswith("/")

    def bot_texts(self) -> List[str]:
        return [str(e.get("text") or "") for e in self.events if e.get("event") == "bot"]

    def structures(self) -> List[Mapping[str, Any]]:
        """Les structures (`cecaz.layout`) des réponses du bot."""
        found = []
        for event in self.events:
            custom = (event.get("data") or {}).get("custom") if event.get("event") == "bot" else None
            if isinstance(custom, Mapping) and isinstance(custom.get("cecaz"), Mapping):
                found.append(custom["cecaz"])
        return found

    def actions(self) -> List[str]:
        return [str(e.get("name") or "") for e in self.events if e.get("event") == "action"]

    def slot_values(self, name: str) -> List[Any]:
        return [e.get("value") for e in self.events if e.get("event") == "slot" and e.get("name") == name]


def _closest(parse_data: Mapping[str, Any]) -> str:
    for item in parse_data.get("intent_ranking") or []:
        if item.get("name") and item.get("name") != NLU_FALLBACK:
            return str(item["name"])
    return ""


def turns(events: Iterable[Tuple[str, Mapping[str, Any]]]) -> List[Turn]:
    """Les tours de parole de chaque conversation, à partir des événements (identifiant de conversation,
    JSON de l'événement) dans l'ordre où la base les a enregistrés."""
    by_sender: Dict[str, List[Mapping[str, Any]]] = {}
    for sender, event in events:
        by_sender.setdefault(sender, []).append(event)
    found: List[Turn] = []
    for sender, stream in by_sender.items():
        users = [i for i, e in enumerate(stream) if e.get("event") == "user"]
        for n, index in enumerate(users):
            user = stream[index]
            parse = user.get("parse_data") or {}
            following = stream[index + 1:users[n + 1] if n + 1 < len(users) else len(stream)]
            found.append(Turn(sender, float(user.get("timestamp") or 0.0), str(user.get("text") or ""),
                              str((parse.get("intent") or {}).get("name") or ""), _closest(parse), tuple(following)))
    return found


# --- agrégats -----------------------------------------------------------------------------------

def family_label(intent: str) -> str:
    """Le libellé lisible d'une famille de questions (intention `ask_…` ou `recommendation`)."""
    if intent == RECOMMENDATION_FAMILY:
        return RECOMMENDATION_LABEL
    family = FAMILIES.get(intent)
    return family.label if family else intent


def answered_family(turn: Turn) -> str:
    """La famille de la réponse factuelle donnée à ce tour ("" s'il n'y en a pas) : celle que l'action a
    retenue (le focus), qui tient compte des relances, sinon l'intention du message."""
    if "action_answer" not in turn.actions() and not any(s.get("feedback") for s in turn.structures()):
        return ""
    for value in turn.slot_values(FOCUS_SLOT):
        intent = (value or {}).get("intent") if isinstance(value, Mapping) else None
        if intent in FAMILIES:
            return str(intent)
    return turn.intent if turn.intent in FAMILIES and "action_answer" in turn.actions() else ""


def recommended_offer(turn: Turn) -> str:
    """L'offre recommandée à ce tour (titre de la recommandation sans « Recommandation : »), sinon ""."""
    for structure in turn.structures():
        if structure.get("kind") == RECOMMENDATION:
            title = str(structure.get("title") or "")
            return title.split(":", 1)[-1].strip() or title
    return ""


@dataclass(frozen=True)
class Miss:
    """Une question à revoir : son texte masqué, pourquoi (`NO_ANSWER`, `THUMBS_DOWN`), l'intention la
    plus proche (ou la famille de la réponse jugée inutile), ce qui manquait selon l'utilisateur."""

    text: str
    reason: str
    closest: str
    comment: str = ""


@dataclass(frozen=True)
class Group:
    """Des questions semblables : leurs textes distincts (les plus fréquents d'abord), combien en tout,
    combien par raison, l'intention la plus proche et ce que les utilisateurs ont dit qu'il manquait."""

    texts: Tuple[Tuple[str, int], ...]
    count: int
    reasons: Tuple[Tuple[str, int], ...]
    closest: str
    comments: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Rates:
    """Taux sur les messages tapés (`questions`) : repli du NLU, clarification, recherche dans le document."""

    questions: int
    fallback: int
    clarification: int
    document_search: int

    def percent(self, count: int) -> float:
        return 100.0 * count / self.questions if self.questions else 0.0


@dataclass(frozen=True)
class Report:
    """Ce que dit le rapport pour une période. Les listes sont triées par fréquence décroissante."""

    period: Period
    conversations: int
    messages: int
    per_day: Tuple[Tuple[date, int, int], ...]  # (jour, conversations, messages)
    families: Tuple[Tuple[str, int], ...]  # (libellé, questions)
    diagnostics: int
    offers: Tuple[Tuple[str, int], ...]  # (offre recommandée, diagnostics)
    rates: Rates
    feedback: Tuple[Tuple[str, int, int], ...]  # (libellé de la famille, 👍, 👎)
    groups: Tuple[Group, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return self.messages == 0

    @property
    def thumbs(self) -> Tuple[int, int]:
        return sum(up for _, up, _ in self.feedback), sum(down for _, _, down in self.feedback)

    @property
    def unanswered(self) -> int:
        return sum(dict(g.reasons).get(NO_ANSWER, 0) for g in self.groups)


def is_unanswered(turn: Turn) -> bool:
    """Un message tapé que l'assistant n'a pas su traiter : repli du NLU ou clarification, sans réponse
    factuelle ni recommandation au même tour (un commentaire après 👎 n'en est pas un)."""
    if not turn.typed or any(s.get("feedback") for s in turn.structures()):
        return False
    if any(isinstance(v, Mapping) and v.get("comment") for v in turn.slot_values(FEEDBACK_SLOT)):
        return False
    return turn.intent == NLU_FALLBACK or CLARIFY in turn.actions()


def _latest_feedback(all_turns: Sequence[Turn], period: Period) -> List[Mapping[str, Any]]:
    """Un avis par réponse notée (le dernier donné), dans la période."""
    kept: Dict[Tuple[str, Any], Mapping[str, Any]] = {}
    for turn in all_turns:
        if not period.contains(turn.at):
            continue
        for value in turn.slot_values(FEEDBACK_SLOT):
            if isinstance(value, Mapping) and value.get("note") in (POSITIVE, NEGATIVE):
                kept[(turn.sender, value.get("answer_at"))] = value
    return list(kept.values())


def misses(all_turns: Sequence[Turn], period: Period) -> List[Miss]:
    """Les questions de la période restées sans réponse, puis celles dont la réponse a reçu un 👎."""
    found = [Miss(mask(t.text), NO_ANSWER, t.closest) for t in all_turns if period.contains(t.at) and is_unanswered(t)]
    for value in _latest_feedback(all_turns, period):
        if value.get("note") == NEGATIVE and value.get("question"):
            found.append(Miss(mask(str(value["question"])), THUMBS_DOWN, str(value.get("family") or ""),
                              mask(str(value.get("comment") or ""))))
    return found


def group_similar(texts: Sequence[str], distance: float = GROUP_DISTANCE) -> List[List[int]]:
    """Les indices de `texts` regroupés par ressemblance (TF-IDF des n-grammes de caractères de 3 à 5 sur le
    texte sans accents ni casse, regroupement hiérarchique par distance cosinus moyenne sous `distance`).
    Chaque groupe est dans l'ordre de `texts` ; les groupes dans l'ordre de leur premier élément."""
    if len(texts) < 2:
        return [[0]] if texts else []
    from sklearn.cluster import AgglomerativeClustering  # type: ignore[import-untyped]
    from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit_transform([fold(t) for t in texts])
    labels = AgglomerativeClustering(n_clusters=None, distance_threshold=distance, affinity="cosine",
                                     linkage="average").fit_predict(vectors.toarray())
    groups: Dict[int, List[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])


def groups_of(found: Sequence[Miss]) -> List[Group]:
    """Les questions à revoir regroupées par ressemblance, les groupes les plus fréquents d'abord."""
    result = []
    for indices in group_similar([m.text for m in found]):
        members = [found[i] for i in indices]
        texts = Counter(m.text for m in members)
        closest = Counter(m.closest for m in members if m.closest).most_common(1)
        result.append(Group(
            texts=tuple(sorted(texts.items(), key=lambda item: (-item[1], item[0]))),
            count=len(members),
            reasons=tuple(sorted(Counter(m.reason for m in members).items())),
            closest=closest[0][0] if closest else "",
            comments=tuple(dict.fromkeys(m.comment for m in members if m.comment))))
    return sorted(result, key=lambda g: (-g.count, g.texts[0][0]))


def _ranked(counts: Counter) -> Tuple[Tuple[str, int], ...]:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def aggregate(events: Iterable[Tuple[str, Mapping[str, Any]]], period: Period,
              automatic: Sequence[str] = ()) -> Report:
    """Le rapport de la période, à partir des événements (identifiant de conversation, JSON de l'événement)
    dans l'ordre de la base. Ne comptent pas comme des messages : les clics 👍 / 👎 et `automatic`, ce que
    les canaux envoient d'eux-mêmes (l'accueil d'une conversation qui s'ouvre)."""
    all_turns = turns(events)
    ignored = {*PAYLOADS, *automatic}
    kept = [t for t in all_turns if period.contains(t.at) and t.text not in ignored]
    day_of = {id(t): datetime.fromtimestamp(t.at, PARIS).date() for t in kept}
    per_day = tuple((day, len({t.sender for t in kept if day_of[id(t)] == day}),
                     sum(1 for t in kept if day_of[id(t)] == day)) for day in period.days())
    families = Counter(family_label(f) for t in kept if (f := answered_family(t)))
    offers = Counter(o for t in kept if (o := recommended_offer(t)))
    typed = [t for t in kept if t.typed]
    rates = Rates(
        questions=len(typed),
        fallback=sum(1 for t in typed if t.intent == NLU_FALLBACK),
        clarification=sum(1 for t in typed if any(is_clarification(x) for x in t.bot_texts())),
        document_search=sum(1 for t in typed if any(x.startswith(QUOTE_INTRO) for x in t.bot_texts())))
    notes: Dict[str, List[int]] = {}
    for value in _latest_feedback(all_turns, period):
        counts = notes.setdefault(family_label(str(value.get("family") or "")), [0, 0])
        counts[0 if value.get("note") == POSITIVE else 1] += 1
    feedback = tuple(sorted(((label, up, down) for label, (up, down) in notes.items()),
                            key=lambda item: (-(item[1] + item[2]), item[0])))
    return Report(period=period, conversations=len({t.sender for t in kept}), messages=len(kept), per_day=per_day,
                  families=_ranked(families), diagnostics=sum(offers.values()), offers=_ranked(offers), rates=rates,
                  feedback=feedback, groups=tuple(groups_of(misses(all_turns, period))))


# --- texte --------------------------------------------------------------------------------------

NBSP = "\u00a0"
NNBSP = "\u202f"


def number(value: float, decimals: int = 0) -> str:
    """Un nombre à la française : « 1 234 », « 12,5 » (espace fine insécable pour les milliers)."""
    text = f"{value:,.{decimals}f}".replace(",", NNBSP).replace(".", ",")
    return text


def percent(value: float) -> str:
    return f"{number(value, 1)}{NNBSP}%"


def empty_text(period: Period, where: str) -> str:
    """Ce que dit `make report` quand la période n'a aucune conversation."""
    return (f"Aucune conversation dans la base ({where}) pour la période « {period.label} » "
            f"({period_text(period)}) : pas de rapport à produire.")


def period_text(period: Period) -> str:
    """« du 24/11/2026 00:00 au 30/11/2026 23:59, heure de Paris »."""
    start = period.start.astimezone(PARIS)
    end = (period.end - timedelta(seconds=1)).astimezone(PARIS)
    return f"du {start:%d/%m/%Y %H:%M} au {end:%d/%m/%Y %H:%M}, heure de Paris"


def intent_label(intent: str) -> str:
    """« ask_phone (Numéro de téléphone d'un support) » : l'intention, à reprendre pour l'entraînement,
    et son libellé."""
    if not intent:
        return "aucune"
    label = family_label(intent)
    return f"`{intent}` ({label})" if label != intent else f"`{intent}`"


def markdown(report: Report, charts: Sequence[Tuple[str, str]] = ()) -> str:
    """Le résumé en Markdown ; `charts` : (titre, nom du fichier image) à citer, s'il y en a."""
    rates = report.rates
    up, down = report.thumbs
    lines = [f"# Rapport de l’assistant CECAZ — {report.period.label}", "",
             f"Période{NBSP}: {period_text(report.period)}.", "",
             "## Chiffres clés", "",
             f"- Conversations{NBSP}: {number(report.conversations)}",
             f"- Messages des utilisateurs{NBSP}: {number(report.messages)} (dont {number(rates.questions)} tapés)",
             f"- Diagnostics menés jusqu’à la recommandation{NBSP}: {number(report.diagnostics)}",
             f"- Repli (message non compris par le NLU){NBSP}: {percent(rates.percent(rates.fallback))} "
             f"({number(rates.fallback)})",
             f"- Clarification («{NBSP}Vouliez-vous dire…{NBSP}»){NBSP}: "
             f"{percent(rates.percent(rates.clarification))} ({number(rates.clarification)})",
             f"- Recherche dans le document{NBSP}: {percent(rates.percent(rates.document_search))} "
             f"({number(rates.document_search)})",
             f"- Avis{NBSP}: {number(up)} 👍, {number(down)} 👎",
             f"- Questions sans réponse{NBSP}: {number(report.unanswered)}", ""]
    lines += ["## Conversations et messages par jour", "", "| jour | conversations | messages |", "|---|---:|---:|"]
    lines += [f"| {day:%d/%m/%Y} | {number(c)} | {number(m)} |" for day, c, m in report.per_day]
    lines += ["", "## Familles de questions", ""]
    lines += [f"{n}. {label} — {number(count)}" for n, (label, count) in enumerate(report.families, 1)] or ["Aucune."]
    lines += ["", "## Diagnostics : offres recommandées", ""]
    lines += [f"- {offer} — {number(count)}" for offer, count in report.offers] or ["Aucun diagnostic terminé."]
    lines += ["", "## Avis par famille de questions", "", "| famille | 👍 | 👎 |", "|---|---:|---:|"]
    lines += [f"| {label} | {number(u)} | {number(d)} |" for label, u, d in report.feedback] or ["| aucun avis | | |"]
    lines += ["", "## Questions sans réponse ou jugées inutiles, regroupées", "",
              "Les plus fréquentes d’abord ; chaque groupe avec l’intention dont il était le plus proche : à "
              "reprendre comme exemples d’entraînement (`data/nlu.yml`).", ""]
    for n, group in enumerate(report.groups, 1):
        reasons = ", ".join(f"{reason}{NBSP}: {number(count)}" for reason, count in group.reasons)
        lines.append(f"{n}. **{number(group.count)} question(s)** ({reasons}) — intention la plus proche{NBSP}: "
                     f"{intent_label(group.closest)}")
        lines += [f"   - «{NBSP}{text}{NBSP}»" + (f" ×{number(count)}" if count > 1 else "")
                  for text, count in group.texts]
        lines += [f"   - ce qui manquait{NBSP}: «{NBSP}{comment}{NBSP}»" for comment in group.comments]
    if not report.groups:
        lines.append("Aucune.")
    if charts:
        lines += ["", "## Graphiques", ""] + [f"![{title}]({name})" for title, name in charts]
    return "\n".join(lines) + "\n"


def summary(report: Report) -> Dict[str, Any]:
    """Les chiffres du rapport en JSON (pour les outils et les tests)."""
    return {
        "periode": {"debut": report.period.start.isoformat(), "fin": report.period.end.isoformat()},
        "conversations": report.conversations, "messages": report.messages,
        "par_jour": [{"jour": d.isoformat(), "conversations": c, "messages": m} for d, c, m in report.per_day],
        "familles": dict(report.families), "diagnostics": report.diagnostics, "offres": dict(report.offers),
        "questions_tapees": report.rates.questions, "replis": report.rates.fallback,
        "clarifications": report.rates.clarification, "recherches_document": report.rates.document_search,
        "avis": {label: {"positifs": u, "negatifs": d} for label, u, d in report.feedback},
        "groupes": [{"questions": [t for t, _ in g.texts], "nombre": g.count, "raisons": dict(g.reasons),
                     "intention_proche": g.closest, "commentaires": list(g.comments)} for g in report.groups],
    }

