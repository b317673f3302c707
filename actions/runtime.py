"""Ressources partagées par les actions : catalogue (relu à chaud) et horloge (fixable en test)."""

from __future__ import annotations

import logging
import sys
from dataclasses import replace
from datetime import datetime
from typing import Any, Dict, Sequence, Tuple

from cecaz import layout, reference
from cecaz.catalogue import Catalogue, CatalogueError, shared_store
from cecaz.hours import service_now

logger = logging.getLogger(__name__)


def catalogue() -> Catalogue:
    return shared_store().get()


def now() -> datetime:
    return service_now()


def structure(text: str, buttons: Sequence[Tuple[str, str]] = (), feedback: bool = False) -> Dict[str, Any]:
    """La structure d'une réponse composée (`cecaz.layout`), sources reliées à la page du document, sous la
    forme que les canaux lisent dans `custom` (`json_message` du dispatcher) ; `feedback` : la réponse
    demande un avis (👍 / 👎, `cecaz.feedback`)."""
    composed = replace(layout.read(text, buttons, reference.anchors(catalogue())), feedback=feedback)
    return {"cecaz": composed.to_dict()}


def check_catalogue_at_start() -> None:
    """Arrête le serveur d'actions avec un message clair si le catalogue est invalide."""
    try:
        catalogue()
    except CatalogueError as exc:
        sys.stderr.write(f"Catalogue invalide, serveur d'actions arrêté :\n{exc}\n")
        raise SystemExit(78) from exc
