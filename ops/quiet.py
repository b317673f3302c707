"""Journaux lisibles : Sanic et Rasa remettent des filtres d'avertissements (« once ») par-dessus
PYTHONWARNINGS=ignore ; les avertissements de dépréciation des bibliothèques ne sont donc pas affichés
à l'étape d'affichage, sauf si l'opérateur a demandé autre chose."""

from __future__ import annotations

import os
import warnings
from typing import Any

_show = warnings.showwarning


def _show_unless_deprecation(message: Any, category: type, *args: Any, **kwargs: Any) -> None:
    if not issubclass(category, DeprecationWarning | PendingDeprecationWarning):
        _show(message, category, *args, **kwargs)


def silence_library_warnings() -> None:
    if os.environ.get("PYTHONWARNINGS", "ignore") == "ignore":
        warnings.showwarning = _show_unless_deprecation
