"""La partie « profil de production » de `make bench` (issues 15 et 16) : la même charge sur 1 puis 2 serveurs
Rasa de `make cluster` (`ops/cluster.py` : PostgreSQL, Redis, HAProxy), et le rapport des deux.

Le canal REST n'est pas publié par le proxy : chaque collaborateur simulé parle toujours au même serveur Rasa,
sur son adresse locale, comme le cookie collant du proxy le ferait pour la page (`ops/loadgen.py`). Chaque
mesure a sa base PostgreSQL jetable, supprimée à la fin."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

from cecaz import settings
from ops import cluster as cluster_profile
from ops.loadgen import Load, LoadResult, run_load
from ops.serve import free_port

REPLICA_COUNTS = (1, 2)


def unavailable() -> Optional[str]:
    """Pourquoi le profil de production ne peut pas être mesuré ici (PostgreSQL, Redis ou HAProxy absent), ou None."""
    config = settings.load()
    problem = cluster_profile.postgres_problem(config) or cluster_profile.redis_problem(config)
    if problem:
        return problem
    if not cluster_profile.haproxy_binary():
        return "HAProxy absent : lancez `make haproxy` (paquet Debian haproxy)."
    return None


def measure_replicas(replicas: int, model: Path, work: Path, loads: Dict[str, Load],
                     summarize: Callable[[LoadResult], Dict[str, Any]]) -> Dict[str, Any]:
    """Démarre le profil avec `replicas` serveurs Rasa (un serveur d'actions, base jetable), le chauffe, joue
    chaque charge de `loads` (nom → charge) et renvoie {"demarrage_s", nom → `summarize(résultat)`}. Lève
    `StartError` si le profil ne démarre pas."""
    database = f"cecaz_bench_{uuid.uuid4().hex[:10]}"
    cluster = cluster_profile.Cluster(
        model=model, rasa_ports=[free_port() for _ in range(replicas)], action_ports=[free_port()],
        proxy_port=free_port(), var_dir=work / f"cluster-{replicas}", env_extra={"CECAZ_PG_DATABASE": database})
    measured: Dict[str, Any] = {"serveurs_rasa": replicas}
    urls = [replica.rasa_url for replica in cluster.replicas]
    started = time.monotonic()
    try:
        cluster.start()
        measured["demarrage_s"] = round(time.monotonic() - started, 1)
        asyncio.run(run_load(urls, Load(users=4 * replicas, duration_s=60, max_messages=40 * replicas,
                                        think_s=(0.0, 0.0), spread_s=0.0)))  # warm-up
        for name, load in loads.items():
            measured[name] = summarize(asyncio.run(run_load(urls, load)))
    finally:
        cluster.stop()
        cluster_profile.drop_database(cluster.settings(), database)
    return measured


def compare(model: Path, work: Path, loads: Dict[str, Load], summarize: Callable[[LoadResult], Dict[str, Any]],
            say: Callable[[str], None] = print) -> Dict[str, Any]:
    """`measure_replicas` pour 1 puis 2 serveurs Rasa, d'affilée ; {"1": …, "2": …, "rapport": débit 2 / débit 1
    par charge}, ou {"non_mesure": raison} si le profil ne peut pas tourner ici."""
    reason = unavailable()
    if reason:
        say(f"— Profil de production non mesuré : {reason}")
        return {"non_mesure": reason}
    result: Dict[str, Any] = {"coeurs": os.cpu_count()}
    for replicas in REPLICA_COUNTS:
        say(f"— Profil de production, {replicas} serveur(s) Rasa : démarrage…")
        result[str(replicas)] = measure_replicas(replicas, model, work, loads, summarize)
        for name in loads:
            summary = result[str(replicas)][name]
            say(f"  {name} : {summary['debit']} msg/s, p95 {summary['tous']['p95']:.0f} ms, "
                f"{summary['tous']['errors']} erreur(s)")
    result["rapport"] = {name: round(result["2"][name]["debit"] / result["1"][name]["debit"], 2)
                         if result["1"][name]["debit"] else None for name in loads}
    return result


def markdown(result: Dict[str, Any], number: Callable[..., str]) -> List[str]:
    """La section du rapport Markdown du banc."""
    lines = ["## Profil de production : 1 contre 2 serveurs Rasa", ""]
    if "non_mesure" in result:
        return [*lines, f"Non mesuré : {result['non_mesure']}"]
    loads = list(result["rapport"])
    lines += [f"`make cluster` (PostgreSQL, Redis, HAProxy), un serveur d'actions, {result['coeurs']} cœurs ; chaque "
              "collaborateur simulé parle toujours au même serveur Rasa. Débit en msg/s, latences en ms.", "",
              "| charge | débit, 1 serveur | débit, 2 serveurs | rapport 2/1 | p95, 1 | p95, 2 | erreurs |",
              "|---|---|---|---|---|---|---|"]
    for name in loads:
        one, two = result["1"][name], result["2"][name]
        lines.append(f"| {name} | {number(one['debit'])} | {number(two['debit'])} | {number(result['rapport'][name])} "
                     f"| {number(one['tous']['p95'])} | {number(two['tous']['p95'])} "
                     f"| {one['tous']['errors'] + two['tous']['errors']} |")
    lines += ["", f"Démarrage à froid : {number(result['1']['demarrage_s'], 's')} (1 serveur), "
                  f"{number(result['2']['demarrage_s'], 's')} (2 serveurs)."]
    return lines
