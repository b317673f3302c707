"""`make bench` : temps de réponse et mémoire des serveurs réels, comparés aux cibles.

Cibles : 95 % des réponses en moins de 500 ms après chauffe ; serveur Rasa sous 2,5 Go de mémoire
résidente, serveur d'actions sous 300 Mo ; message de 20 000 caractères refusé en moins de 500 ms ;
serveur d'actions arrêté : message d'indisponibilité en moins de 2 s."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from ops.serve import ROOT, Services, StartError, ask, free_port

QUESTIONS = [
    "numéro assistance SP+", "horaires support payplug", "payplug ou sp+ ?", "client sans site comment encaisser",
    "quel simulateur pour les cartes chinoises", "c'est quoi le schéma délégataire ?", "tel payplug",
    "comment ouvrir les services ?", "mon client veut accepter l'amex", "bonjour",
]
P95_MAX_MS = 500.0
LONG_MESSAGE = "paiement " * 2223  # 20 000 caractères : refusé, en temps borné
LONG_MAX_MS = 500.0
DEGRADED_MAX_MS = 2000.0  # serveur d'actions arrêté : message d'indisponibilité
RSS_MAX_MB = {"rasa": 2500.0, "actions": 300.0}


def rss_mb(pid: int) -> float:
    """Mémoire résidente du processus et de ses descendants directs (Linux /proc)."""
    total = 0
    pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for one in pids:
        for line in Path(f"/proc/{one}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def slowest(services: Services, text: str, expected: str, rounds: int = 5) -> float:
    """Le plus long de `rounds` allers-retours ; infini si la réponse attendue manque."""
    worst = 0.0
    for round_ in range(rounds):
        t0 = time.perf_counter()
        replies = ask(services.rasa_url, text, sender=f"bench-edge-{round_}")
        elapsed = (time.perf_counter() - t0) * 1000
        worst = max(worst, elapsed if any(expected in (r.get("text") or "") for r in replies) else float("inf"))
    return worst


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        services = Services(rasa_port=free_port(), action_port=free_port(),
                            model=ROOT / "models" / "cecaz.tar.gz", var_dir=Path(tmp))
        try:
            started = time.monotonic()
            services.start()
            print(f"Démarrage jusqu'à « prêt » : {time.monotonic() - started:.1f} s")
            for text in QUESTIONS:  # warm-up
                ask(services.rasa_url, text, sender="bench-warmup")
            timings = []
            for round_ in range(10):
                for text in QUESTIONS:
                    t0 = time.perf_counter()
                    ask(services.rasa_url, text, sender=f"bench-{round_}")
                    timings.append((time.perf_counter() - t0) * 1000)
            timings.sort()
            p50, p95 = statistics.median(timings), timings[int(len(timings) * 0.95) - 1]
            print(f"Réponses : {len(timings)}, médiane {p50:.0f} ms, p95 {p95:.0f} ms (cible < {P95_MAX_MS:.0f} ms)")
            ok = p95 < P95_MAX_MS
            for name, proc in services.processes.items():
                used = rss_mb(proc.pid)
                print(f"Mémoire {name} : {used:.0f} Mo (cible < {RSS_MAX_MB[name]:.0f} Mo)")
                ok = ok and used < RSS_MAX_MB[name]
            long_ms = slowest(services, LONG_MESSAGE, "trop long")
            print(f"Message de {len(LONG_MESSAGE)} caractères : {long_ms:.0f} ms (cible < {LONG_MAX_MS:.0f} ms)")
            services.stop("actions")
            degraded_ms = slowest(services, "numéro assistance SP+", "Je ne peux pas répondre pour le moment")
            print(f"Serveur d'actions arrêté, réponse en {degraded_ms:.0f} ms (cible < {DEGRADED_MAX_MS:.0f} ms)")
            ok = ok and long_ms < LONG_MAX_MS and degraded_ms < DEGRADED_MAX_MS
        except StartError as exc:
            print(f"Erreur : {exc}", file=sys.stderr)
            return 1
        finally:
            services.stop()
    print("✔ cibles atteintes" if ok else "✘ cibles manquées")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
