"""Une base PostgreSQL jetable sur le serveur local de la machine (127.0.0.1:5432, accès de confiance),
pour les tests qui lisent ou écrivent les conversations du profil de production."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Dict, Iterator

import pytest
import sqlalchemy as sa

HOST, PORT, USER = "127.0.0.1", 5432, "postgres"
ADMIN = sa.engine.URL.create("postgresql", host=HOST, port=PORT, username=USER, database="postgres")


@dataclass(frozen=True)
class ThrowawayDatabase:
    """Le nom de la base, son adresse SQLAlchemy et les réglages `CECAZ_PG_*` qui la désignent."""

    name: str

    @property
    def url(self) -> sa.engine.URL:
        return ADMIN.set(database=self.name)

    @property
    def env(self) -> Dict[str, str]:
        return {"CECAZ_PG_HOST": HOST, "CECAZ_PG_PORT": str(PORT), "CECAZ_PG_USER": USER,
                "CECAZ_PG_PASSWORD": "", "CECAZ_PG_DATABASE": self.name}


@contextmanager
def throwaway_database(prefix: str) -> Iterator[ThrowawayDatabase]:
    """Crée la base vide `<prefix>_<10 hex>` et la supprime à la sortie, même après un échec. Passe le test
    (`pytest.skip`, avec la raison) quand le serveur ne répond pas."""
    admin = sa.create_engine(ADMIN, isolation_level="AUTOCOMMIT", future=True)
    database = ThrowawayDatabase(f"{prefix}_{uuid.uuid4().hex[:10]}")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{database.name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL absent sur {HOST}:{PORT} (accès de confiance attendu) : {exc.orig}")
    try:
        yield database
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)'))
        admin.dispose()
