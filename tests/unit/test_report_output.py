"""`make report` (ops/report.py) sur une base SQLite au schéma de Rasa : fichiers écrits, page autonome, base vide."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Dict, List

import pytest
import sqlalchemy as sa

from ops import report
from tests.support.postgres import throwaway_database
from tests.unit.test_report import conversations

SCHEMA = ("CREATE TABLE events (id {key}, sender_id VARCHAR(255) NOT NULL, type_name VARCHAR(255) "
          "NOT NULL, timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)")
INSERT = "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (:sender, :kind, :at, :data)"


def rows() -> List[Dict[str, object]]:
    """Les événements de `conversations()`, en lignes de la table `events`."""
    return [{"sender": sender, "kind": e["event"], "at": e["timestamp"], "data": json.dumps(e)}
            for sender, e in conversations().events]


def store(path: Path, with_events: bool = True) -> Path:
    with sqlite3.connect(path) as db:
        db.execute(SCHEMA.format(key="INTEGER PRIMARY KEY"))
        if with_events:
            db.executemany(INSERT, rows())
    return path


def test_report_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    monkeypatch.setenv("TRACKER_DB", str(store(tmp_path / "tracker.db")))
    out = tmp_path / "rapport"
    assert report.main(["--period", "2026-11-30", "--out", str(out)]) == 0
    assert "3 conversation(s), 7 message(s)" in capsys.readouterr().out
    page = (out / "rapport.html").read_text(encoding="utf-8")
    assert page.count("data:image/png;base64,") == 5  # par jour, familles, diagnostics, taux, avis
    assert not re.search(r"""(?:src|href)=["'](?!data:)""", page), "la page ne doit rien charger d'extérieur"
    assert "06 12" not in page and "[téléphone masqué]" in page and 'lang="fr"' in page
    summary = json.loads((out / "rapport.json").read_text(encoding="utf-8"))
    assert (summary["conversations"], summary["replis"]) == (3, 3)
    assert (out / "rapport.md").read_text(encoding="utf-8").count("](") == 5
    assert sorted(p.name for p in out.glob("*.png")) == ["avis.png", "diagnostics.png", "familles.png",
                                                          "par-jour.png", "taux.png"]


@pytest.mark.parametrize("with_table", [False, True])
def test_empty_store_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
                             with_table: bool) -> None:
    path = tmp_path / "tracker.db"
    if with_table:
        store(path, with_events=False)
    monkeypatch.setenv("TRACKER_DB", str(path))
    assert report.main(["--period", "7j", "--out", str(tmp_path / "rapport")]) == 0
    assert "Aucune conversation dans la base" in capsys.readouterr().out
    assert not (tmp_path / "rapport").exists() and path.exists() == with_table  # never created by the report


def test_unusable_period(capsys: pytest.CaptureFixture) -> None:
    assert report.main(["--period", "la semaine dernière"]) == 2
    assert "Erreur" in capsys.readouterr().err


def test_report_from_postgresql(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture) -> None:
    """`--store postgresql` (`make report STORE=postgresql`) : la base du profil de production, réglages CECAZ_PG_*."""
    with throwaway_database("cecaz_report") as database:
        engine = sa.create_engine(database.url, future=True)
        with engine.begin() as connection:
            connection.execute(sa.text(SCHEMA.format(key="SERIAL PRIMARY KEY")))
            connection.execute(sa.text(INSERT), rows())
        engine.dispose()
        for variable, value in database.env.items():
            monkeypatch.setenv(variable, value)
        out = tmp_path / "rapport"
        assert report.main(["--store", "postgresql", "--period", "2026-11-30", "--out", str(out)]) == 0
        assert "3 conversation(s), 7 message(s)" in capsys.readouterr().out
        assert json.loads((out / "rapport.json").read_text(encoding="utf-8"))["replis"] == 3
        monkeypatch.setenv("CECAZ_PG_DATABASE", f"{database.name}_absente")
        assert report.main(["--store", "postgresql", "--period", "2026-11-30", "--out", str(out)]) == 1
        assert "base des conversations injoignable" in capsys.readouterr().err
