"""`rasa` avec les garde-fous de l'assistant (addons/resilience.py) : mêmes arguments que la commande
`rasa` (run, shell…). Utilisé par `ops/serve.py` à la place de la commande `rasa` nue."""

from __future__ import annotations

import sys

from ops.quiet import silence_library_warnings


def main() -> None:
    silence_library_warnings()
    from addons import resilience  # imports Rasa: after the warning filters

    resilience.install()
    from rasa.__main__ import main as rasa_main  # after install(): Rasa binds handlers at start

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
