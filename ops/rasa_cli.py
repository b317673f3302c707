"""`rasa` de l'assistant : mêmes arguments que la commande `rasa` (train, data validate, test, run, shell…).

Avant d'importer Rasa et TensorFlow : journaux réglés et télémétrie coupée (`ops/quiet.py`), réglages
vérifiés (`cecaz/settings.py`) ; puis les garde-fous de `addons/resilience.py` sont installés (version
de Rasa vérifiée). Utilisé par le Makefile pour chaque commande rasa et par `ops/serve.py`.

    python -m ops.rasa_cli data validate --domain domain.yml --data data --config config.yml"""

from __future__ import annotations

import sys
from typing import List, Optional

from cecaz.settings import SettingsError
from ops.quiet import apply_quiet_environment


def main(argv: Optional[List[str]] = None) -> int:
    """Lance la commande rasa `argv` (par défaut les arguments du processus).

    Renvoie 2 si un réglage de l'environnement est inutilisable, 1 si la version de Rasa n'est pas celle
    des garde-fous ; sinon Rasa termine le processus avec son propre code."""
    try:
        apply_quiet_environment()  # before Rasa and TensorFlow read these variables at import
    except SettingsError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    from addons import resilience  # imports Rasa: after the environment and warning filters

    try:
        resilience.install()
    except resilience.RasaVersionError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    from rasa.__main__ import main as rasa_main  # after install(): Rasa binds handlers at start

    sys.argv = ["rasa", *(sys.argv[1:] if argv is None else argv)]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
