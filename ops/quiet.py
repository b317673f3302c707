"""Journaux lisibles, réglés en un seul endroit pour tous les processus (Rasa, serveur d'actions, make).

`QUIET_ENV` : les variables lues par les bibliothèques (TensorFlow, SQLAlchemy, Rasa, Python) pour se
taire ; une valeur déjà choisie par l'opérateur est gardée. `FORCED_ENV` : imposé partout, la
télémétrie de Rasa reste coupée. `quiet_environment()` prépare l'environnement d'un processus enfant
(`ops/serve.py`) ; `apply_quiet_environment()` règle le processus courant avant d'importer Rasa ou
TensorFlow (`ops/rasa_cli.py`, `ops/action_server.py`) ; `python -m ops.quiet ARGS…` lance `python ARGS…`
dans cet environnement (le Makefile, pour pytest).

Sanic et Rasa remettent des filtres d'avertissements (« once ») par-dessus PYTHONWARNINGS=ignore ; les
avertissements de dépréciation des bibliothèques ne sont donc pas affichés à l'étape d'affichage, sauf
si l'opérateur a demandé autre chose (PYTHONWARNINGS, lu par `cecaz.settings`)."""

from __future__ import annotations

import os
import sys
import warnings
from types import MappingProxyType
from typing import Any, Dict, List, Mapping, MutableMapping, Optional

from cecaz import settings

QUIET_ENV: Mapping[str, str] = MappingProxyType({
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "PYTHONWARNINGS": "ignore",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    "LOG_LEVEL_LIBRARIES": "ERROR",
})
FORCED_ENV: Mapping[str, str] = MappingProxyType({"RASA_TELEMETRY_ENABLED": "false"})

_show = warnings.showwarning


def quiet_environment(env: Mapping[str, str]) -> Dict[str, str]:
    """Copie de `env` : `QUIET_ENV` pour chaque variable absente, puis `FORCED_ENV` imposé."""
    return {**QUIET_ENV, **env, **FORCED_ENV}


def _show_unless_deprecation(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
    if not issubclass(category, DeprecationWarning | PendingDeprecationWarning):
        _show(message, category, *args, **kwargs)


def silence_library_warnings(env: Mapping[str, str] = os.environ) -> None:
    """Masque les avertissements de dépréciation des bibliothèques, sauf si PYTHONWARNINGS dit autre chose.

    Lève `cecaz.settings.SettingsError` si une variable d'environnement a une valeur inutilisable."""
    if settings.load(env).quiet_warnings:
        warnings.simplefilter("ignore")  # what PYTHONWARNINGS=ignore does at interpreter start
        warnings.showwarning = _show_unless_deprecation


def apply_quiet_environment(env: MutableMapping[str, str] = os.environ) -> None:
    """Règle `env` (par défaut celui du processus, hérité par ses enfants) comme `quiet_environment`, puis
    les filtres d'avertissements du processus. À appeler avant d'importer Rasa ou TensorFlow : ils lisent
    ces variables à l'import.

    Lève `cecaz.settings.SettingsError` si une variable d'environnement a une valeur inutilisable."""
    for name, value in QUIET_ENV.items():
        env.setdefault(name, value)
    env.update(FORCED_ENV)
    silence_library_warnings(env)


def main(argv: Optional[List[str]] = None) -> int:
    """Remplace le processus par `python ARGS…` (ex. `-m pytest -q tests/unit`) dans l'environnement réglé ;
    renvoie 2, avec un message, si un réglage de l'environnement est inutilisable."""
    env = quiet_environment(os.environ)
    try:
        settings.load(env)
    except settings.SettingsError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    args = sys.argv[1:] if argv is None else argv
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable, *args], env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
