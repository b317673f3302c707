"""Serveur d'actions lié à 127.0.0.1 : sa réponse d'erreur renvoie tout le tracker, il reste local.

Le catalogue est validé avant d'accepter la moindre requête. Port : `--port`, sinon `ACTION_PORT` ;
journaux : `LOG_LEVEL` (voir `cecaz/settings.py`)."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from cecaz import settings
from ops.quiet import apply_quiet_environment


def main() -> None:
    """Démarre le serveur d'actions ; s'arrête avec un message clair (code 1) sur un réglage inutilisable."""
    try:
        apply_quiet_environment()
        config = settings.load()
    except settings.SettingsError as exc:
        sys.exit(f"Erreur : {exc}")
    from rasa_sdk.endpoint import run  # after the warning filters

    from actions.runtime import check_catalogue_at_start

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=config.action_port)
    args = parser.parse_args()
    logging.basicConfig(level=config.log_level, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    check_catalogue_at_start()
    os.environ["SANIC_HOST"] = "127.0.0.1"  # written for rasa_sdk, never read here
    run("actions", port=args.port, cors_origins=None)


if __name__ == "__main__":
    main()
