"""Rapport d'usage (cecaz/report.py) : période, masquage, tours de parole, agrégats, regroupement, Markdown."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Dict, List, Optional, Tuple

import pytest

from cecaz.clarify import NOT_SURE
from cecaz.document_search import QUOTE_INTRO
from cecaz.families import FAMILIES
from cecaz.feedback import NEGATIVE, POSITIVE
from cecaz.report import (
    NO_ANSWER,
    PARIS,
    THUMBS_DOWN,
    Miss,
    aggregate,
    empty_text,
    group_similar,
    groups_of,
    markdown,
    mask,
    parse_period,
    summary,
)

NOW = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
DAY = parse_period("2026-11-30", NOW)
T0 = datetime(2026, 11, 30, 9, 0, tzinfo=PARIS).timestamp()
Event = Tuple[str, Dict[str, Any]]


class Stream:
    """Des événements Rasa (forme JSON de la base), dans l'ordre, une seconde d'écart chacun."""

    def __init__(self, start: float = T0) -> None:
        self.at = start
        self.events: List[Event] = []

    def _add(self, sender: str, event: Dict[str, Any]) -> Dict[str, Any]:
        self.at += 1
        event["timestamp"] = self.at
        self.events.append((sender, event))
        return event

    def user(self, sender: str, text: str, intent: str, ranking: Optional[List[str]] = None) -> None:
        names = ranking or [intent]
        self._add(sender, {"event": "user", "text": text, "parse_data": {
            "intent": {"name": intent}, "intent_ranking": [{"name": n, "confidence": 0.5} for n in names]}})

    def action(self, sender: str, name: str) -> None:
        self._add(sender, {"event": "action", "name": name})

    def bot(self, sender: str, text: str, structure: Optional[Dict[str, Any]] = None) -> float:
        data = {"custom": {"cecaz": structure}} if structure else {}
        return float(self._add(sender, {"event": "bot", "text": text, "data": data})["timestamp"])

    def slot(self, sender: str, name: str, value: Any) -> None:
        self._add(sender, {"event": "slot", "name": name, "value": value})

    def answer(self, sender: str, text: str, intent: str) -> float:
        """Une question factuelle et sa réponse notée ; renvoie l'instant de la réponse."""
        self.user(sender, text, intent)
        self.action(sender, "action_answer")
        at = self.bot(sender, "Réponse.", {"format": "cecaz.layout/1", "kind": "reponse", "feedback": True})
        self.slot(sender, "focus", {"intent": intent})
        return at

    def feedback(self, sender: str, note: str, answer_at: float, family: str, question: str, payload: str,
                 comment: str = "") -> None:
        self.user(sender, payload, "thank" if note == POSITIVE else "feedback_negative")
        self.action(sender, "action_feedback")
        value = {"note": note, "family": family, "question": question, "answer_at": answer_at, "via": "bouton"}
        self.slot(sender, "feedback", {**value, **({"comment": comment} if comment else {})})

    def fallback(self, sender: str, text: str, closest: str, quoted: bool = False) -> None:
        self.user(sender, text, "nlu_fallback", ["nlu_fallback", closest, "greet"])
        self.action(sender, "action_clarify")
        if quoted:
            self.bot(sender, f"{QUOTE_INTRO}, section « Payplug » :\n« … »")
        self.bot(sender, NOT_SURE)


def test_period_forms() -> None:
    week = parse_period("7j", NOW)
    assert (week.start, week.end) == (datetime(2026, 11, 24, tzinfo=PARIS), datetime(2026, 12, 1, tzinfo=PARIS))
    assert len(week.days()) == 7
    days = parse_period("2026-11-01..2026-11-30", NOW)
    assert (days.label, DAY.label) == ("du 01/11/2026 au 30/11/2026", "30/11/2026")
    assert days.days()[0] == date(2026, 11, 1) and days.days()[-1] == date(2026, 11, 30)
    hour = parse_period("2026-11-30T09:00..2026-11-30T10:00", NOW)
    assert hour.label == "du 30/11/2026 09:00 au 30/11/2026 09:59"
    assert hour.contains(T0 + 10) and not hour.contains(T0 + 3600) and hour.days() == [date(2026, 11, 30)]
    assert DAY.contains(T0) and not DAY.contains(datetime(2026, 12, 1, tzinfo=PARIS).timestamp())


@pytest.mark.parametrize("text", ["hier", "0j", "2026-11-30..2026-11-01", "2026-13-01", ".."])
def test_unusable_periods_are_refused_in_french(text: str) -> None:
    with pytest.raises(ValueError, match="attendu|jour|après"):
        parse_period(text, NOW)


@pytest.mark.parametrize("typed, shown", [
    ("ma carte 4970 1012 3456 7890 est refusée", "ma carte [carte masquée] est refusée"),
    ("carte 4970101234567890", "carte [carte masquée]"),
    ("rappelez-moi au 06 12 34 56 78", "rappelez-moi au [téléphone masqué]"),
    ("ou au +33 6 12 34 56 78 ou 0612345678", "ou au [téléphone masqué] ou [téléphone masqué]"),
    ("écrivez à jean.dupont@client-exemple.fr", "écrivez à [e-mail masqué]"),
    ("tarif payplug pour 2 500 € par mois", "tarif payplug pour 2 500 € par mois"),
])
def test_masking(typed: str, shown: str) -> None:
    assert mask(typed) == shown


def conversations() -> Stream:
    s = Stream()
    up_at = s.answer("a", "numéro support payplug", "ask_phone")
    s.feedback("a", POSITIVE, up_at, "ask_phone", "numéro support payplug", "/thank")
    down_at = s.answer("a", "qui fixe le tarif amex ?", "ask_pricing")
    s.feedback("a", NEGATIVE, down_at, "ask_pricing", "qui fixe le tarif amex ?", "/feedback_negative",
               comment="le délai, écrivez à moi@exemple.fr")
    s.fallback("b", "comment on fait un remboursement partiel ?", "ask_funds", quoted=True)
    s.fallback("b", "comment faire un remboursement partiel", "ask_funds")
    s.fallback("b", "mon client au 06 12 34 56 78 veut un TPE", "ask_open_services")
    s.user("c", "diagnostic", "start_diagnostic")
    s.action("c", "action_recommend")
    s.bot("c", "Recommandation : SP+", {"format": "cecaz.layout/1", "kind": "recommandation",
                                         "title": "Recommandation : SP+", "feedback": True})
    s.user("c", "/greet", "greet")  # a web page opening: not a message
    s.action("c", "utter_greet")
    s.user("c", "bonjour", "greet")
    s.action("c", "utter_greet")
    return s


def test_report_numbers() -> None:
    report = aggregate(conversations().events, DAY, automatic=("/greet",))
    assert (report.conversations, report.messages) == (3, 7)  # the 👍 / 👎 clicks are not messages
    assert report.per_day == ((date(2026, 11, 30), 3, 7),)
    assert dict(report.families) == {FAMILIES["ask_phone"].label: 1, FAMILIES["ask_pricing"].label: 1}
    assert (report.diagnostics, report.offers) == (1, (("SP+", 1),))
    assert (report.rates.questions, report.rates.fallback, report.rates.clarification,
            report.rates.document_search) == (7, 3, 3, 1)
    assert report.thumbs == (1, 1)
    assert report.unanswered == 3


def test_unanswered_and_thumbs_down_are_grouped_most_frequent_first() -> None:
    report = aggregate(conversations().events, DAY)
    first = report.groups[0]
    assert first.count == 2 and first.closest == "ask_funds" and dict(first.reasons) == {NO_ANSWER: 2}
    assert {t for t, _ in first.texts} == {"comment on fait un remboursement partiel ?",
                                          "comment faire un remboursement partiel"}
    texts = [t for g in report.groups for t, _ in g.texts]
    assert "mon client au [téléphone masqué] veut un TPE" in texts
    down = next(g for g in report.groups if dict(g.reasons).get(THUMBS_DOWN))
    assert down.texts == (("qui fixe le tarif amex ?", 1),) and down.closest == "ask_pricing"
    assert down.comments == ("le délai, écrivez à [e-mail masqué]",)
    assert not any("06 12" in t or "@" in t for t in texts + list(down.comments))


def test_latest_opinion_on_an_answer_counts() -> None:
    s = Stream()
    at = s.answer("a", "numéro support payplug", "ask_phone")
    s.feedback("a", POSITIVE, at, "ask_phone", "numéro support payplug", "/thank")
    s.feedback("a", NEGATIVE, at, "ask_phone", "numéro support payplug", "/feedback_negative")
    report = aggregate(s.events, DAY)
    assert report.thumbs == (0, 1)


def test_period_filters_events() -> None:
    s = conversations()
    late = Stream(datetime(2026, 12, 2, 9, tzinfo=PARIS).timestamp())
    late.fallback("d", "question du mois suivant", "ask_phone")
    report = aggregate(s.events + late.events, DAY)
    assert report.conversations == 3 and "question du mois suivant" not in str(report.groups)


def test_empty_store() -> None:
    report = aggregate([], DAY)
    assert report.empty and report.groups == ()
    assert "Aucune conversation" in empty_text(DAY, "var/tracker.db") and "30/11/2026" in empty_text(DAY, "x")


def test_grouping() -> None:
    assert group_similar([]) == [] and group_similar(["seul"]) == [[0]]
    texts = ["remboursement partiel client", "tpe pour mon commerce", "un remboursement partiel pour un client",
             "tpe pour un commerce"]
    assert group_similar(texts) == [[0, 2], [1, 3]]
    groups = groups_of([Miss("b", NO_ANSWER, "ask_funds"), Miss("a a a", NO_ANSWER, "ask_phone"),
                        Miss("a a a", THUMBS_DOWN, "ask_phone")])
    assert [g.count for g in groups] == [2, 1] and groups[0].texts == (("a a a", 2),)


def test_markdown_and_summary() -> None:
    report = aggregate(conversations().events, DAY)
    text = markdown(report, [("Par jour", "par-jour.png")])
    assert text.startswith("# Rapport de l’assistant CECAZ — 30/11/2026")
    assert "Conversations\u00a0: 3" in text and "1 👍, 1 👎" in text and "![Par jour](par-jour.png)" in text
    assert "`ask_funds`" in text and "06 12" not in text
    data = summary(report)
    assert data["replis"] == 3 and data["groupes"][0]["intention_proche"] == "ask_funds"
