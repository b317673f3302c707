"""`make bench` : le banc de mesure de l'assistant sur des serveurs réels démarrés comme par `make run`.

Pour chaque configuration (par défaut « avant » : le code de Rasa, `CECAZ_PERFORMANCE_PATCHES=0`, puis
« après » : `addons/performance.py`, l'une juste après l'autre pour que le bruit de la machine les touche
pareil), le banc mesure :
- le démarrage à froid (lancement des processus → première réponse) ;
- la latence par message par le canal REST (p50/p95/p99/max), par sorte de message (question seule,
  relance, tour de diagnostic), avec 1, 10, 20 et 50 collaborateurs simulés qui réfléchissent 2 à 5 s
  entre deux messages (arrivées étalées), puis le débit sans temps de réflexion (`ops/loadgen.py`) ;
- où passe le temps d'un message, profilé par py-spy sur les serveurs en marche (`ops/bench_profile.py`) ;
- le coût d'un message selon la longueur de la conversation (messages 1–5 contre 46–50, les mêmes rejoués) ;
- la mémoire résidente de chaque processus après la chauffe et après la charge.
Erreurs et réponses vides sont comptées (cible : 0). Résultats : `bench/results/<date>.md` et `.json`,
avec le nombre de cœurs, la charge de la machine et les versions ; piles du profil à côté.

Puis le profil de production (`ops/bench_cluster.py`) : la même charge sur 1 puis 2 serveurs Rasa de
`make cluster`, et le rapport des débits (passé, avec la raison, sans PostgreSQL, Redis ou HAProxy).

    python -m ops.bench [--rapide] [--seulement-apres] [--sans-cluster] [--modele CHEMIN] [--sortie DOSSIER]"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from ops import bench_cluster, bench_profile
from ops.loadgen import (
    KINDS,
    LENGTH_PROBE,
    Load,
    LoadResult,
    latency_summary,
    length_probes,
    run_load,
    summary_by_kind,
)
from ops.serve import ROOT, Services, StartError, ask, free_port

MODEL = ROOT / "models" / "cecaz.tar.gz"
RESULTS_DIR = ROOT / "bench" / "results"
PACKAGES = ("rasa", "rasa-sdk", "tensorflow", "spacy", "sqlalchemy", "jsonschema", "sanic", "aiohttp", "py-spy")
NOISE_NOTE = ("Machine partagée (plusieurs agents sur 2 cœurs pendant la mesure) : les valeurs absolues sont "
              "bruitées ; seule la comparaison avant/après, mesurée d'affilée dans le même passage, a du sens. "
              "La charge moyenne de la machine est notée au début et à la fin de chaque configuration.")
LONG_MESSAGE = "paiement " * 2223  # 20 000 caractères : refusé, en temps borné
DEGRADED_REPLY = "Je ne peux pas répondre pour le moment"


@dataclass(frozen=True)
class Plan:
    """Durées (s) et tailles des mesures ; chaque charge lourde reste sous 2 minutes."""

    levels: Tuple[int, ...] = (1, 10, 20, 50)
    level_s: float = 40.0
    throughput_users: Tuple[int, ...] = (20, 50)
    throughput_s: float = 20.0
    profile_users: int = 10
    profile_s: float = 20.0
    long_messages: int = 50
    long_pairs: int = 3
    max_messages: int = 5000


QUICK = Plan(levels=(1, 10), level_s=10.0, throughput_users=(10,), throughput_s=8.0, profile_s=8.0, long_messages=12,
             long_pairs=1)


@dataclass(frozen=True)
class Target:
    """Une cible de l'issue 16 : `read` tire la valeur mesurée d'une configuration, comparée à `limit`."""

    label: str
    unit: str
    limit: float
    read: Callable[[Dict[str, Any]], Optional[float]]
    at_least: bool = False

    def met(self, value: Optional[float]) -> Optional[bool]:
        if value is None:
            return None
        return value >= self.limit if self.at_least else value <= self.limit


def _level(config: Dict[str, Any], users: int, key: str) -> Optional[float]:
    return (config["latence"].get(str(users)) or {}).get("tous", {}).get(key)


def _throughput(config: Dict[str, Any]) -> Optional[float]:
    return max((run["debit"] for run in config["debit"].values()), default=None)


def _errors(config: Dict[str, Any]) -> float:
    loads = [*config["latence"].values(), *config["debit"].values()]
    return float(sum(load["tous"]["errors"] for load in loads) + config["longueur"]["erreurs"])


TARGETS: Tuple[Target, ...] = (
    Target("Débit sans temps de réflexion", "msg/s", 50.0, _throughput, at_least=True),
    Target("p50, 1 utilisateur", "ms", 15.0, lambda c: _level(c, 1, "p50")),
    Target("p95, 20 utilisateurs avec réflexion", "ms", 60.0, lambda c: _level(c, 20, "p95")),
    Target("Erreurs et réponses vides", "", 0.0, _errors),
    Target("Mémoire Rasa après charge", "Mo", 1200.0, lambda c: c["memoire"]["apres_charge"].get("rasa")),
    Target("Mémoire serveur d'actions après charge", "Mo", 150.0,
           lambda c: c["memoire"]["apres_charge"].get("actions")),
    Target("Démarrage à froid", "s", 25.0, lambda c: c["demarrage_s"]),
    Target("Coût des messages 46–50 / messages 1–5", "×", 1.25, lambda c: c["longueur"]["rapport"]),
)


def rss_mb(pid: int) -> float:
    """Mémoire résidente (Mo) du processus et de ses enfants directs (Linux /proc)."""
    total = 0
    pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for one in pids:
        for line in Path(f"/proc/{one}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return round(total / 1024, 1)


def load_average() -> List[float]:
    """Charge moyenne de la machine sur 1, 5 et 15 minutes (/proc/loadavg)."""
    return [float(value) for value in Path("/proc/loadavg").read_text().split()[:3]]


def machine(model: Path) -> Dict[str, Any]:
    """Cœurs, processeur, mémoire et charge de la machine, versions des logiciels mesurés, commit et `model`."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    versions = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "absent"
    return {"coeurs": os.cpu_count(), "coeurs_disponibles": len(os.sched_getaffinity(0)), "processeur": cpu,
            "memoire_go": round(memory_kb / 1024 / 1024, 1), "charge_debut": load_average(),
            "systeme": platform.platform(), "commit": commit.stdout.strip(), "versions": versions,
            "modele_sha256": hashlib.sha256(model.read_bytes()).hexdigest()[:16]}


def load_summary(result: LoadResult) -> Dict[str, Any]:
    """Latences par sorte (`summary_by_kind`), débit (msg/s) et durée (s) d'une charge."""
    problems = Counter(sample.error for sample in result.samples if sample.error)
    return {**summary_by_kind(result.samples), "debit": round(result.throughput, 1),
            "duree_s": round(result.elapsed_s, 1), "utilisateurs": result.load.users, "problemes": dict(problems)}


def cluster_loads(plan: Plan) -> Dict[str, Load]:
    """Les charges jouées sur 1 et 2 serveurs Rasa : le débit sans temps de réflexion au plus grand nombre
    d'utilisateurs du plan, et 20 utilisateurs qui réfléchissent."""
    users = max(plan.throughput_users)
    return {f"{users} utilisateurs sans réflexion": Load(users=users, duration_s=plan.throughput_s,
                                                         max_messages=plan.max_messages, think_s=(0.0, 0.0),
                                                         spread_s=0.0),
            "20 utilisateurs avec réflexion": Load(users=20, duration_s=plan.level_s, max_messages=plan.max_messages,
                                                   spread_s=4.0)}


def measure(rasa_url: str, load: Load) -> Dict[str, Any]:
    """Joue `load` contre `rasa_url` et la résume (`load_summary`)."""
    return load_summary(asyncio.run(run_load(rasa_url, load)))


def length_cost(rasa_url: str, messages: int, pairs: int) -> Dict[str, Any]:
    """`loadgen.length_probes` : médianes (ms) des 5 premiers messages de `pairs` conversations neuves et des
    5 derniers de `pairs` conversations de `messages` messages, joués en alternance, et leur rapport."""
    samples = asyncio.run(length_probes(rasa_url, messages, pairs))
    first = [s.latency_ms for s in samples if s.conversation > 0 and s.position <= LENGTH_PROBE and not s.error]
    last = [s.latency_ms for s in samples if s.position > messages - LENGTH_PROBE and not s.error]
    start, end = statistics.median(first or [0.0]), statistics.median(last or [0.0])
    return {"messages": messages, "paires": pairs, "premiers_ms": round(start, 1), "derniers_ms": round(end, 1),
            "rapport": round(end / start, 2) if start else None, "erreurs": sum(1 for s in samples if s.error),
            "tous": latency_summary(samples)}


def profile(services: Services, plan: Plan, out_dir: Path, label: str) -> Dict[str, Any]:
    """Profil py-spy des deux serveurs pendant une charge sans temps de réflexion ; temps CPU par message
    (ms) par étape et par composant, fonctions les plus chères. Piles brutes dans `out_dir`."""
    load = Load(users=plan.profile_users, duration_s=plan.profile_s, max_messages=plan.max_messages,
                think_s=(0.0, 0.0), spread_s=0.0)
    outputs = {name: out_dir / f"profil-{label}-{name}.txt" for name in services.processes}
    recorders = {name: bench_profile.start_recording(proc.pid, plan.profile_s + 2, outputs[name])
                 for name, proc in services.processes.items()}
    time.sleep(1.0)  # py-spy attached before the first message
    measured = measure(services.rasa_url, load)
    profiles = {name: bench_profile.finish_recording(recorder, outputs[name]) for name, recorder in recorders.items()}
    messages = max(1, measured["tous"]["n"])

    def per_message(samples: int) -> float:
        return round(samples * 1000 / bench_profile.RATE_HZ / messages, 2)

    rasa = profiles["rasa"]
    return {"charge": measured, "echantillons_par_s": bench_profile.RATE_HZ,
            "etapes_ms": {name: per_message(count) for name, count in rasa.by_stage().items()},
            "composants_ms": {name: per_message(count) for name, count in rasa.by_component().items()},
            "total_ms": {name: per_message(p.samples) for name, p in profiles.items()},
            "fonctions": {name: [(frame, per_message(count)) for frame, count in p.hottest()]
                          for name, p in profiles.items()},
            "piles": {name: f"{path.name}.gz" for name, path in outputs.items()}}


def edge_cases(services: Services) -> Dict[str, float]:
    """Message de 20 000 caractères (refusé) et serveur d'actions arrêté (message d'indisponibilité) : le
    plus long de 5 allers-retours, en ms ; arrête le serveur d'actions."""
    def slowest(text: str, expected: str) -> float:
        worst = 0.0
        for round_ in range(5):
            started = time.perf_counter()
            replies = ask(services.rasa_url, text, sender=f"bench-edge-{round_}")
            elapsed = (time.perf_counter() - started) * 1000
            worst = max(worst, elapsed if any(expected in (r.get("text") or "") for r in replies) else float("inf"))
        return round(worst, 1)

    long_ms = slowest(LONG_MESSAGE, "trop long")
    services.stop("actions")
    return {"message_trop_long_ms": long_ms, "serveur_actions_arrete_ms": slowest("numéro assistance SP+",
                                                                                 DEGRADED_REPLY)}


def run_configuration(label: str, patches: bool, plan: Plan, model: Path, work: Path, out_dir: Path,
                      with_edge_cases: bool) -> Dict[str, Any]:
    """Démarre les serveurs avec `model` (comme `make run`, sur des ports libres, base neuve) et prend toutes
    les mesures."""
    services = Services(rasa_port=free_port(), action_port=free_port(), model=model, var_dir=work / label,
                        env_extra={"CECAZ_PERFORMANCE_PATCHES": "1" if patches else "0"})
    config: Dict[str, Any] = {"correctifs": patches, "charge_debut": load_average()}
    print(f"— Configuration « {label} » : démarrage des serveurs…", flush=True)
    started = time.monotonic()
    try:
        services.start()
        config["demarrage_s"] = round(time.monotonic() - started, 1)
        print(f"  démarrage à froid : {config['demarrage_s']} s", flush=True)
        measure(services.rasa_url, Load(users=4, duration_s=60, max_messages=40, think_s=(0.0, 0.0), spread_s=0.0))
        config["memoire"] = {"apres_chauffe": {name: rss_mb(p.pid) for name, p in services.processes.items()}}
        config["latence"] = {}
        for users in plan.levels:
            config["latence"][str(users)] = measure(services.rasa_url, Load(
                users=users, duration_s=plan.level_s, max_messages=plan.max_messages, spread_s=min(10.0, users / 5)))
            print(f"  {users} utilisateur(s) avec réflexion : {brief(config['latence'][str(users)])}", flush=True)
        config["debit"] = {}
        for users in plan.throughput_users:
            config["debit"][str(users)] = measure(services.rasa_url, Load(
                users=users, duration_s=plan.throughput_s, max_messages=plan.max_messages, think_s=(0.0, 0.0),
                spread_s=0.0))
            print(f"  {users} utilisateurs sans réflexion : {brief(config['debit'][str(users)])}", flush=True)
        config["profil"] = profile(services, plan, out_dir, label)
        config["longueur"] = length_cost(services.rasa_url, plan.long_messages, plan.long_pairs)
        print(f"  conversation de {plan.long_messages} messages : {config['longueur']['premiers_ms']} ms au début, "
              f"{config['longueur']['derniers_ms']} ms à la fin", flush=True)
        config["memoire"]["apres_charge"] = {name: rss_mb(p.pid) for name, p in services.processes.items()}
        if with_edge_cases:
            config["cas_limites"] = edge_cases(services)
    finally:
        services.stop()
    config["charge_fin"] = load_average()
    return config


def brief(summary: Dict[str, Any]) -> str:
    every = summary["tous"]
    problems = ", ".join(f"{count} × {problem}" for problem, count in summary["problemes"].items())
    return (f"{every['n']} messages, p50 {every['p50']:.0f} ms, p95 {every['p95']:.0f} ms, "
            f"{summary['debit']} msg/s, {every['errors']} erreur(s)" + (f" ({problems})" if problems else ""))


# --- rendu Markdown -----------------------------------------------------------------------------------


def number(value: Optional[float], unit: str = "") -> str:
    """Un nombre à la française (virgule décimale, espace insécable fine avant l'unité) ; « — » si absent."""
    if value is None:
        return "—"
    decimals = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    text = f"{value:.{decimals}f}"
    text = (text.rstrip("0").rstrip(".") if "." in text else text).replace(".", ",")
    return f"{text}\u202f{unit}" if unit else text


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> List[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in rows)]


def latency_rows(config: Dict[str, Any], section: str) -> List[List[str]]:
    rows = []
    for users, summary in config[section].items():
        for kind in ("tous", *KINDS):
            if kind in summary:
                s = summary[kind]
                rows.append([users, kind, str(s["n"]), str(s["errors"]), *(number(s[k]) for k in
                                                                            ("p50", "p95", "p99", "max")),
                             number(summary["debit"]) if kind == "tous" else ""])
    return rows


def render_markdown(result: Dict[str, Any]) -> str:
    """Le rapport lisible d'un passage du banc (le même contenu que le JSON, en tableaux)."""
    m, configs = result["machine"], result["configurations"]
    names = list(configs)
    lines = [f"# Banc de mesure — {result['date']}", "",
             f"{m['coeurs']} cœurs ({m['coeurs_disponibles']} disponibles), {m['processeur']}, {m['memoire_go']} Go ; "
             f"charge moyenne au début {m['charge_debut']}. Commit `{m['commit']}`, modèle `{m['modele_sha256']}`.",
             "Versions : " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()) + ".", "",
             f"> {NOISE_NOTE}", "",
             "Configurations : " + " ; ".join(f"« {n} » = " + ("`addons/performance.py` installé" if configs[n]
                                                              ["correctifs"] else "code de Rasa 3.6 d'origine")
                                             + f" (charge {configs[n]['charge_debut']} → {configs[n]['charge_fin']})"
                                             for n in names) + ".", "",
             "## Cibles (issue 16)", ""]
    rows = []
    for target in TARGETS:
        values = [target.read(configs[n]) for n in names]
        verdicts = ["✔" if target.met(v) else "✘" if target.met(v) is False else "—" for v in values]
        rows.append([target.label, *(f"{number(v, target.unit)} {ok}" for v, ok in zip(values, verdicts, strict=False)),
                     ("≥ " if target.at_least else "≤ ") + number(target.limit, target.unit)])
    lines += table(["mesure", *names, "cible"], rows)
    for name in names:
        config = configs[name]
        lines += ["", f"## Latence par message — « {name} »", "",
                  "Canal REST, collaborateurs simulés qui réfléchissent 2 à 5 s entre deux messages (arrivées "
                  "étalées) ; latences en ms, erreurs = statut HTTP, délai, réponse vide ou message d'indisponibilité.",
                  ""]
        lines += table(["utilisateurs", "messages", "n", "erreurs", "p50", "p95", "p99", "max", "msg/s"],
                       latency_rows(config, "latence"))
        lines += ["", "Sans temps de réflexion (débit) :", ""]
        lines += table(["utilisateurs", "messages", "n", "erreurs", "p50", "p95", "p99", "max", "msg/s"],
                       latency_rows(config, "debit"))
        problems = [f"{users} utilisateurs{' sans réflexion' if section == 'debit' else ''} : "
                    + ", ".join(f"{count} × {problem}" for problem, count in summary.get("problemes", {}).items())
                    for section in ("latence", "debit") for users, summary in config[section].items()
                    if summary.get("problemes")]
        if problems:
            lines += ["", "Erreurs : " + " ; ".join(problems) + "."]
    lines += ["", "## Où passe le temps d'un message (py-spy, temps CPU par message)", "",
              f"{configs[names[0]]['profil']['charge']['utilisateurs']} utilisateurs sans réflexion, "
              f"{configs[names[0]]['profil']['echantillons_par_s']} échantillons/s ; piles (format replié, "
              "compressé : `zcat profil-….txt.gz | flamegraph.pl`, ou speedscope) à côté de ce fichier.", ""]
    stages = list(configs[names[0]]["profil"]["etapes_ms"])
    lines += table(["étape (serveur Rasa)", *(f"{n} (ms)" for n in names)],
                   [[stage, *(number(configs[n]["profil"]["etapes_ms"][stage]) for n in names)] for stage in stages]
                   + [["**total Rasa**", *(number(configs[n]["profil"]["total_ms"]["rasa"]) for n in names)],
                      ["**total serveur d'actions**",
                       *(number(configs[n]["profil"]["total_ms"].get("actions")) for n in names)]])
    lines += ["", "Par composant (NLU et politiques, ms par message) :", ""]
    components = list(configs[names[0]]["profil"]["composants_ms"])
    lines += table(["composant", *names], [[c, *(number(configs[n]["profil"]["composants_ms"][c]) for n in names)]
                                           for c in components])
    last = configs[names[-1]]["profil"]["fonctions"]["rasa"]
    lines += ["", f"Fonctions les plus chères du serveur Rasa, « {names[-1]} » (appels compris, ms par message) :", ""]
    lines += table(["fonction", "ms"], [[f"`{frame}`", number(ms)] for frame, ms in last])
    lines += ["", "## Coût par message selon la longueur de la conversation", "",
              "Des conversations sans temps de réflexion, chacune finissant par ses cinq premiers messages rejoués ; "
              "pendant qu'une conversation joue ses cinq derniers, une conversation neuve joue les mêmes, en "
              "alternance (paires mesurées au même moment). Médianes des messages 1–5 des conversations neuves et "
              "des cinq derniers des longues (ms).", ""]
    lines += table(["configuration", "messages", "paires", "1–5", "derniers", "rapport"],
                   [[n, str(configs[n]["longueur"]["messages"]), str(configs[n]["longueur"]["paires"]),
                     number(configs[n]["longueur"]["premiers_ms"]),
                     number(configs[n]["longueur"]["derniers_ms"]), number(configs[n]["longueur"]["rapport"])]
                    for n in names])
    lines += ["", "## Mémoire résidente (Mo) et démarrage", ""]
    lines += table(["configuration", "Rasa après chauffe", "Rasa après charge", "actions après chauffe",
                    "actions après charge", "démarrage à froid"],
                   [[n, *(number(configs[n]["memoire"][when].get(process)) for process in ("rasa", "actions")
                          for when in ("apres_chauffe", "apres_charge")),
                     number(configs[n]["demarrage_s"], "s")] for n in names])
    edges = [n for n in names if "cas_limites" in configs[n]]
    for n in edges:
        edge = configs[n]["cas_limites"]
        lines += ["", f"Cas limites (« {n} ») : message de 20 000 caractères refusé en "
                      f"{number(edge['message_trop_long_ms'], 'ms')} ; serveur d'actions arrêté, message "
                      f"d'indisponibilité en {number(edge['serveur_actions_arrete_ms'], 'ms')} (le plus long de 5)."]
    if "cluster" in result:
        lines += ["", *bench_cluster.markdown(result["cluster"], number)]
    lines += ["", "Non mesuré ici : temps d'entraînement (complet et après un changement de données, `make train` "
                  "l'affiche)."]
    return "\n".join(lines) + "\n"


def write_results(result: Dict[str, Any], out_dir: Path) -> Path:
    """Écrit `<date>.json` et `<date>.md` dans `out_dir` ; renvoie le chemin du Markdown."""
    stamp = result["date"].replace(":", "").replace(" ", "-")
    (out_dir / f"{stamp}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    markdown = out_dir / f"{stamp}.md"
    markdown.write_text(render_markdown(result), encoding="utf-8")
    return markdown


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Banc de mesure de l'assistant CECAZ (issue 16).")
    parser.add_argument("--rapide", action="store_true", help="mesures courtes (vérifier le banc lui-même)")
    parser.add_argument("--seulement-apres", action="store_true",
                        help="une seule configuration : celle de `make run` (addons/performance.py installé)")
    parser.add_argument("--sans-cluster", action="store_true", help="sans la mesure du profil de production")
    parser.add_argument("--sortie", type=Path, default=RESULTS_DIR, help="dossier des résultats")
    parser.add_argument("--modele", type=Path, default=MODEL, help="modèle chargé (par défaut celui de make run)")
    args = parser.parse_args(argv)
    plan = QUICK if args.rapide else Plan()
    if not args.modele.exists():
        print(f"Erreur : modèle absent ({args.modele}) : lancez `make train`.", file=sys.stderr)
        return 1
    args.sortie.mkdir(parents=True, exist_ok=True)
    configurations = [("après", True)] if args.seulement_apres else [("avant", False), ("après", True)]
    result: Dict[str, Any] = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H%MZ"),
                              "machine": machine(args.modele), "plan": asdict(plan), "note": NOISE_NOTE,
                              "configurations": {}}
    try:
        with tempfile.TemporaryDirectory(prefix="cecaz-bench-") as tmp:
            for index, (label, patches) in enumerate(configurations):
                last = index == len(configurations) - 1
                result["configurations"][label] = run_configuration(
                    label, patches, plan, args.modele, Path(tmp), args.sortie, with_edge_cases=last)
            if not args.sans_cluster:
                result["cluster"] = bench_cluster.compare(args.modele, Path(tmp), cluster_loads(plan), load_summary,
                                                          say=lambda line: print(line, flush=True))
    except (StartError, bench_profile.ProfilerError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    markdown = write_results(result, args.sortie)
    print(f"✔ Résultats : {markdown.relative_to(ROOT) if markdown.is_relative_to(ROOT) else markdown} (et .json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
