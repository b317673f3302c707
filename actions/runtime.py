"""Ressources partagées par les actions : catalogue (relu à chaud) et horloge (fixable en test)."""

from __future__ import annotations

import logging
import sys
from datetime import datetime

from cecaz.catalogue import Catalogue, CatalogueError, shared_store
from cecaz.hours import service_now

logger = logging.getLogger(__name__)


def catalogue() -> Catalogue:
    return shared_store().get()


def now() -> datetime:
    return service_now()


def check_catalogue_at_start() -> None:
    """Arrête le serveur d'actions avec un message clair si le catalogue est invalide."""
    try:
        catalogue()
    except CatalogueError as exc:
        sys.stderr.write(f"Catalogue invalide, serveur d'actions arrêté :\n{exc}\n")
        raise SystemExit(78) from exc
