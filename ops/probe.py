"""Sondes du serveur Rasa (Kubernetes : readinessProbe et livenessProbe, docs/deploiement.md) : « répond à
une vraie question ».

    python -m ops.probe              # prêt : la question de `ops/serve.py` reçoit un numéro du catalogue
    python -m ops.probe --liveness   # vivant : la question reçoit une réponse en texte, même dégradée

Prêt exige toute la chaîne (compréhension, serveur d'actions, PostgreSQL, Redis), comme `make run` avant
« Prêt. ». Vivant accepte aussi les messages du mode dégradé (serveur d'actions ou base des conversations
indisponibles) : ce ne sont pas des pannes que le redémarrage du serveur Rasa réparerait. La question est
posée au serveur Rasa de ce conteneur (`RASA_PORT`, canal REST local, jeton `CECAZ_REST_TOKEN` s'il y en a
un), dans une conversation par conteneur et par heure (`sonde-<hôte>-<AAAAMMJJHH>`) que la purge des
conversations efface comme les autres. Code de sortie 0 si la sonde passe, 1 sinon (raison sur stderr)."""

from __future__ import annotations

import argparse
import socket
import sys
import time
import urllib.error

from cecaz import settings
from cecaz.catalogue import CatalogueError
from ops.serve import READINESS_QUESTION, ask, is_ready_reply, readiness_expected


def probe_sender(now: float) -> str:
    return f"sonde-{socket.gethostname()[:60]}-{time.strftime('%Y%m%d%H', time.gmtime(now))}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--liveness", action="store_true", help="vivant : toute réponse en texte suffit")
    parser.add_argument("--timeout", type=float, default=8.0, help="secondes d'attente de la réponse")
    args = parser.parse_args(argv)
    try:
        config = settings.load()
        expected = [] if args.liveness else readiness_expected(config.catalogue_dir)
        replies = ask(f"http://127.0.0.1:{config.rasa_port}", READINESS_QUESTION, sender=probe_sender(time.time()),
                      timeout=args.timeout, token=config.rest_token)
    except (settings.SettingsError, CatalogueError, OSError, urllib.error.URLError, ValueError) as exc:
        print(f"Sonde en échec : {exc}", file=sys.stderr)
        return 1
    if is_ready_reply(replies, expected):
        return 0
    print(f"Sonde en échec : réponse inattendue à « {READINESS_QUESTION} » : {replies!r:.300}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
