"""Vérifications avant démarrage : un modèle lisible, une base de conversations où l'on peut écrire.

Sans elles, Rasa démarre puis se tait (aucun modèle : `200 []`) ou s'arrête sur une trace illisible.
`python -m ops.preflight --model …` (make run) écarte un modèle corrompu pour qu'il soit réentraîné."""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tarfile
import time
from pathlib import Path
from typing import Optional


def model_problem(path: Path) -> Optional[str]:
    """None si le modèle est une archive Rasa lisible ; sinon, ce qui ne va pas, en français."""
    if not path.exists():
        return f"Modèle introuvable : {path}."
    if not path.is_file():
        return f"Le modèle {path} n'est pas un fichier."
    try:
        with tarfile.open(path, "r:gz") as archive:
            names = archive.getnames()
    except (tarfile.TarError, OSError, EOFError) as exc:
        return f"Le modèle {path} est illisible ou corrompu ({type(exc).__name__} : {exc})."
    if not any(name.endswith("metadata.json") for name in names):
        return f"Le modèle {path} n'est pas un modèle Rasa (metadata.json absent)."
    return None


def tracker_store_problem(db: Path) -> Optional[str]:
    """None si la base SQLite des conversations peut être créée et écrite ; sinon, pourquoi."""
    where = f"Base des conversations {db}"
    if db.exists() and not db.is_file():
        return f"{where} : ce chemin existe et n'est pas un fichier."
    if not db.parent.is_dir():
        try:
            db.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return f"{where} : impossible de créer le dossier {db.parent} ({exc.strerror or exc})."
    try:
        connection = sqlite3.connect(db, timeout=5)
        try:
            connection.execute("BEGIN IMMEDIATE")  # takes the write lock: fails when writing is impossible
            connection.rollback()
        finally:
            connection.close()
    except sqlite3.Error as exc:
        return f"{where} : écriture impossible ({exc})."
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description="Vérifie le modèle avant `make run`.")
    parser.add_argument("--model", type=Path, required=True)
    args = parser.parse_args()
    problem = model_problem(args.model)
    if problem is None:
        return 0
    print(problem, file=sys.stderr)
    if args.model.is_file():
        aside = args.model.with_name(f"{args.model.name}.corrompu-{time.strftime('%Y%m%d-%H%M%S')}")
        args.model.rename(aside)
        print(f"Fichier écarté : {aside}.", file=sys.stderr)
    print("Un nouveau modèle va être entraîné.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
