"""Issue 17 sur les serveurs réels : des conversations (réponse puis 👍 dans la page web, réponse puis « ça ne
m'aide pas », questions incomprises dont une avec un numéro de téléphone, diagnostic puis « merci, c'est bon »),
puis le rapport de la période (`python -m ops.report`, ce que lance `make report`) : ses chiffres, sa liste de
questions sans réponse ou jugées inutiles, et sa page HTML dans Chromium, sans erreur de console, graphiques
affichés. Capture : results/issue17/rapport.png."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Dict, List

from playwright.sync_api import Browser, expect

from cecaz.families import FAMILIES
from cecaz.feedback import FEEDBACK_SLOT, MISSING_QUESTION
from cecaz.report import NO_ANSWER, PARIS, RECOMMENDATION_LABEL, THUMBS_DOWN
from ops.serve import ROOT, Services
from tests.e2e.conftest import Conversation, plain_spaces, wait_until
from tests.e2e.test_webchat_answers import ask, open_page

SHOTS = ROOT / "results" / "issue17"
RATED_ON_THE_PAGE = "numéro de l'assistance SP+"
NOT_HELPFUL = "tarifs sp+"
# Words no training example has: the vocabulary fallback (addons/vocabulary_fallback.py), whatever DIET says.
NOT_UNDERSTOOD = ["blorp zorglub fnarg gloubi plouf ?", "gloubi zorglub fnarg blorp plouf",
                  "krapou wizz 06 12 34 56 78 tagada"]
DIAGNOSTIC = ["diagnostic", "il a une boutique shopify", "non, il veut quelque chose de plus modulable", "non"]


def period_start() -> str:
    """The next whole second, once it has come: a period starting there holds nothing of the tests before (the
    report's periods are to the second; the current second may already hold another test's conversations)."""
    now = datetime.now(PARIS)
    start = now.replace(microsecond=0) + timedelta(seconds=1)
    time.sleep((start - now).total_seconds())
    return start.isoformat(timespec="seconds")


def feedback_values(services: Services) -> List[Dict[str, Any]]:
    """Les avis gardés dans la base des conversations (événements du slot `feedback`)."""
    with sqlite3.connect(services.var_dir / "tracker.db") as db:
        rows = db.execute("SELECT data FROM events WHERE type_name = 'slot'").fetchall()
    return [value for (data,) in rows if (event := json.loads(data)).get("name") == FEEDBACK_SLOT
            and isinstance(value := event.get("value"), dict)]


def run_report(services: Services, period: str, out: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRACKER_DB": str(services.var_dir / "tracker.db"), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "ops.report", "--period", period, "--out", str(out)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=180)


def test_feedback_then_report(browser: Browser, services: Services, tmp_path: Path) -> None:
    start = period_start()
    # The web page: 👍 on the answer is two small buttons on the card, no new message.
    page = open_page(browser, services)
    ask(page, RATED_ON_THE_PAGE)
    card = page.locator(".msg-bot").last
    expect(card.locator(".answer-feedback")).to_be_visible()
    card.get_by_role("button", name="Réponse utile").click()
    expect(card.locator(".answer-feedback-thanks")).to_have_text("Merci pour votre avis.")
    wait_until(lambda: any(v.get("family") == "ask_phone" for v in feedback_values(services)), 30,
               "l'avis 👍 de la page gardé dans la conversation")
    assert page.locator(".msg-user").count() == 1 and page.locator(".msg-bot").count() == 2  # greeting, answer
    assert not page.errors  # type: ignore[attr-defined]
    page.context.close()

    # Free text thumbs-down: what was missing (optional), and the right human.
    down = Conversation(services)
    answer = down.send(NOT_HELPFUL)
    assert answer[0]["custom"]["cecaz"]["feedback"] is True
    reply = "\n".join(down("ça ne m'aide pas"))
    assert plain_spaces(MISSING_QUESTION) in reply and "CIF" in reply
    # Questions the assistant cannot answer; small talk is not rated.
    lost = Conversation(services)
    for text in NOT_UNDERSTOOD:
        replies = lost.send(text)
        assert all(not (r.get("custom") or {}).get("cecaz", {}).get("feedback") for r in replies), lost.transcript
    # A diagnostic to its recommendation, then a typed thanks.
    diagnostic = Conversation(services)
    for text in DIAGNOSTIC:
        replies = diagnostic.send(text)
    assert replies[0]["custom"]["cecaz"]["kind"] == "recommandation" and replies[0]["custom"]["cecaz"]["feedback"]
    assert diagnostic("merci, c'est bon") == ["Avec plaisir ! Une autre question ?"]
    end = (datetime.now(PARIS) + timedelta(seconds=2)).replace(microsecond=0).isoformat(timespec="seconds")

    out = tmp_path / "rapport"
    done = run_report(services, f"{start}..{end}", out)
    assert done.returncode == 0, done.stderr
    summary = json.loads((out / "rapport.json").read_text(encoding="utf-8"))
    assert summary["conversations"] == 4
    assert summary["messages"] == 1 + 2 + len(NOT_UNDERSTOOD) + len(DIAGNOSTIC) + 1
    assert summary["familles"] == {FAMILIES["ask_phone"].label: 1, FAMILIES["ask_pricing"].label: 1}
    assert (summary["diagnostics"], summary["offres"]) == (1, {"SP+": 1})
    assert summary["replis"] == len(NOT_UNDERSTOOD) and summary["clarifications"] >= 1
    assert summary["avis"] == {FAMILIES["ask_phone"].label: {"positifs": 1, "negatifs": 0},
                               FAMILIES["ask_pricing"].label: {"positifs": 0, "negatifs": 1},
                               RECOMMENDATION_LABEL: {"positifs": 1, "negatifs": 0}}
    # Most frequent first; similar questions together; the phone number masked.
    groups = [(sorted(g["questions"]), g["raisons"], g["intention_proche"]) for g in summary["groupes"]]
    assert groups[0][:2] == (sorted(NOT_UNDERSTOOD[:2]), {NO_ANSWER: 2})
    others = {tuple(questions): (reasons, closest) for questions, reasons, closest in groups[1:]}
    masked = ("krapou wizz [téléphone masqué] tagada",)
    assert set(others) == {(NOT_HELPFUL,), masked}
    assert others[(NOT_HELPFUL,)] == ({THUMBS_DOWN: 1}, "ask_pricing") and others[masked][0] == {NO_ANSWER: 1}
    markdown = (out / "rapport.md").read_text(encoding="utf-8")
    assert "06 12 34 56 78" not in markdown and "06 12 34 56 78" not in (out / "rapport.html").read_text()

    # The page opens in headless Chromium, without console errors, and shows its charts.
    page = browser.new_context(viewport={"width": 1100, "height": 900}, locale="fr-FR").new_page()
    console: List[str] = []
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: console.append(str(error)))
    page.goto((out / "rapport.html").as_uri())
    images = page.locator("figure img")
    expect(images).to_have_count(5)
    assert page.evaluate("() => [...document.images].every((i) => i.complete && i.naturalWidth > 300)")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rapport de l’assistant CECAZ")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "rapport.png"), full_page=True)
    page.context.close()
    assert console == []


def test_an_empty_period_is_said(services: Services, tmp_path: Path) -> None:
    done = run_report(services, "2020-01-01", tmp_path / "rapport")
    assert done.returncode == 0 and "Aucune conversation dans la base" in done.stdout
    assert not (tmp_path / "rapport").exists()
