"""`rasa` de l'assistant : mêmes arguments que la commande `rasa` (train, data validate, test, run, shell…).

Avant d'importer Rasa et TensorFlow : journaux réglés et télémétrie coupée (`ops/quiet.py`), réglages
vérifiés (`cecaz/settings.py`) ; puis les garde-fous de `addons/resilience.py` et le durcissement HTTP de
`addons/hardening.py` sont installés (version de Rasa vérifiée). Utilisé par le Makefile pour chaque
commande rasa et par `ops/serve.py`.

    python -m ops.rasa_cli data validate --domain domain.yml --data data --config config.yml"""

from __future__ import annotations

import sys
from typing import List, Optional

from cecaz import settings
from cecaz.settings import SettingsError
from ops.quiet import apply_quiet_environment


def with_api_token(argv: List[str], token: Optional[str]) -> List[str]:
    """`argv` de `rasa run --enable-api` complété par `--auth-token` (RASA_AUTH_TOKEN) : le jeton n'est passé
    qu'à l'intérieur du processus, jamais sur sa ligne de commande (visible de tous par `ps`)."""
    if token and argv[:1] == ["run"] and "--enable-api" in argv and not any(a.startswith("--auth-token") for a in argv):
        # one argument: a token that starts with « - » (1 in 64 from `secrets.token_urlsafe`) is not read as an option
        return [*argv, f"--auth-token={token}"]
    return argv


def main(argv: Optional[List[str]] = None) -> int:
    """Lance la commande rasa `argv` (par défaut les arguments du processus).

    Renvoie 2 si un réglage de l'environnement est inutilisable, 1 si la version de Rasa n'est pas celle
    des garde-fous ; sinon Rasa termine le processus avec son propre code."""
    try:
        apply_quiet_environment()  # before Rasa and TensorFlow read these variables at import
    except SettingsError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    # Imports Rasa: after the environment and warning filters.
    from addons import hardening, performance, resilience, stores
    from addons.channels import render

    try:
        resilience.install()
        hardening.install()  # bounded request bodies, no version on GET / (docs/securite.md)
        performance.install()  # same answers, lower cost per message (addons/performance.py, issue 16)
        stores.install()  # no silent in-memory tracker store (make cluster, addons/stores.py)
        render.install_console()  # `rasa shell`: an answer's structure is not printed as JSON
    except resilience.RasaVersionError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    from rasa.__main__ import main as rasa_main  # after install(): Rasa binds handlers at start

    args = sys.argv[1:] if argv is None else argv
    sys.argv = ["rasa", *with_api_token(args, settings.load().rasa_auth_token)]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
