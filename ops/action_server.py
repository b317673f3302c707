"""Serveur d'actions lié à 127.0.0.1 : sa réponse d'erreur renvoie tout le tracker, il reste local.

Le catalogue est validé avant d'accepter la moindre requête."""

from __future__ import annotations

import argparse
import logging
import os

from ops.quiet import silence_library_warnings


def main() -> None:
    silence_library_warnings()
    from rasa_sdk.endpoint import run  # after the warning filters

    from actions.runtime import check_catalogue_at_start

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_PORT", "5055")))
    args = parser.parse_args()
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "INFO"),
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    check_catalogue_at_start()
    os.environ["SANIC_HOST"] = "127.0.0.1"
    run("actions", port=args.port, cors_origins=None)


if __name__ == "__main__":
    main()
