"""Où passe le temps d'un message : py-spy échantillonne le serveur Rasa (et le serveur d'actions) en marche
pendant une charge de `ops/loadgen.py`, puis les piles sont rangées par étape du traitement d'un message.

Les étapes sont reconnues à des fonctions de Rasa 3.6 et du projet qui ne changent pas quand
`addons/performance.py` est installé (il remplace ce qu'elles appellent, pas elles) : le tableau reste
comparable avant et après. Une pile compte pour la première étape de `STAGES` qu'elle traverse."""

from __future__ import annotations

import gzip
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Pattern, Sequence, Tuple

PY_SPY = Path(sys.executable).parent / "py-spy"
RATE_HZ = 100

# (étape, motif d'une image de pile « Classe.fonction (fichier:ligne) » au format brut de py-spy). The action
# server call runs in its own task (asyncio.wait_for in addons/resilience.py): its stacks start at RemoteAction.run.
STAGES: Tuple[Tuple[str, Pattern[str]], ...] = tuple((name, re.compile(pattern)) for name, pattern in (
    ("Validation JSON de la réponse du serveur d'actions (jsonschema)", r"validate_action_result \("),
    ("Magasin des conversations : lecture",
     r"^\w*TrackerStore\.(retrieve|retrieve_full_tracker|get_or_create_tracker|create_tracker) \("),
    ("Magasin des conversations : écriture", r"^\w*TrackerStore\.save \("),
    ("NLU : analyse du message (spaCy, DIET…)", r"^MessageProcessor\.parse_message \("),
    ("Politiques : prédiction de l'action suivante", r"^MessageProcessor\._predict_next_with_tracker \("),
    ("Aller-retour du serveur d'actions (côté Rasa : requête, réponse)", r"^RemoteAction\.run \("),
    ("Autres actions et mise à jour du tracker",
     r"^MessageProcessor\.(_run_action|run_action_extract_slots|_log_action_on_tracker) \("),
))
LINE = re.compile(r":\d+\)$")  # a frame's line number: the same function is counted once
OTHER = "HTTP, canal REST, boucle asyncio et le reste"
# Inside NLU and policies: which component (a frame whose file matches).
COMPONENTS: Tuple[Tuple[str, Pattern[str]], ...] = tuple((name, re.compile(pattern)) for name, pattern in (
    ("spaCy", r"\(spacy/|\(thinc/"), ("DIET", r"diet_classifier\.py"), ("TED", r"ted_policy\.py"),
    ("RulePolicy", r"rule_policy\.py"), ("MemoizationPolicy", r"memoization\.py"),
    ("TensorFlow", r"\(tensorflow/|\(keras/"),
))


class ProfilerError(RuntimeError):
    """py-spy n'a pas pu échantillonner le processus (absent, droits de ptrace)."""


@dataclass
class Profile:
    """Piles repliées d'un processus (`stacks` : pile, racine d'abord → nombre d'échantillons)."""

    stacks: Counter

    @classmethod
    def parse(cls, text: str) -> Profile:
        """Lit le format brut de py-spy (« cadre;cadre;… N » par ligne, racine d'abord)."""
        stacks: Counter = Counter()
        for line in text.splitlines():
            stack, _, count = line.rpartition(" ")
            if stack and count.isdigit():
                stacks[stack] += int(count)
        return cls(stacks)

    @property
    def samples(self) -> int:
        return sum(self.stacks.values())

    def by_stage(self) -> Dict[str, int]:
        """Échantillons par étape de `STAGES` (plus `OTHER`), dans l'ordre des étapes."""
        counts = {name: 0 for name, _ in STAGES} | {OTHER: 0}
        for stack, count in self.stacks.items():
            counts[stage_of(stack.split(";"))] += count
        return counts

    def by_component(self) -> Dict[str, int]:
        """Échantillons par composant (`COMPONENTS`), le premier reconnu en partant de la racine (DIET compte les
        calculs TensorFlow qu'il demande)."""
        counts = {name: 0 for name, _ in COMPONENTS}
        for stack, count in self.stacks.items():
            found = component_of(stack.split(";"))
            if found:
                counts[found] += count
        return counts

    def hottest(self, limit: int = 15, common: float = 0.8) -> List[Tuple[str, int]]:
        """Les fonctions où le processus passe le plus de temps, appels compris (une fois par pile), sans celles
        qui sont dans plus de `common` des échantillons (serveur, boucle asyncio : elles portent tout)."""
        inclusive: Counter = Counter()
        for stack, count in self.stacks.items():
            for frame in {LINE.sub(")", frame) for frame in stack.split(";")}:
                inclusive[frame] += count
        return [(frame, count) for frame, count in inclusive.most_common()
                if count <= common * self.samples][:limit]


def stage_of(frames: Sequence[str]) -> str:
    """L'étape d'une pile (cadres racine d'abord) : la première de `STAGES` dont un cadre porte le motif."""
    for name, pattern in STAGES:
        if any(pattern.search(frame) for frame in frames):
            return name
    return OTHER


def component_of(frames: Sequence[str]) -> Optional[str]:
    for frame in frames:
        for name, pattern in COMPONENTS:
            if pattern.search(frame):
                return name
    return None


def start_recording(pid: int, seconds: float, output: Path) -> subprocess.Popen:
    """Lance py-spy sur `pid` pour `seconds` secondes, piles brutes écrites dans `output` ; renvoie le processus
    (à attendre avec `finish_recording`). Lève `ProfilerError` si py-spy est absent."""
    if not PY_SPY.exists():
        raise ProfilerError(f"{PY_SPY} absent : lancez `make install` (requirements/dev.txt)")
    return subprocess.Popen([str(PY_SPY), "record", "--pid", str(pid), "--duration", str(int(seconds)),
                             "--rate", str(RATE_HZ), "--format", "raw", "--output", str(output), "--nonblocking"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_recording(process: subprocess.Popen, output: Path, timeout_s: float = 60.0) -> Profile:
    """Attend la fin de py-spy et lit ses piles ; le fichier brut est remplacé par `output` + « .gz » : les piles
    sans numéros de ligne, compressées (`zcat … | flamegraph.pl`, ou speedscope). Lève `ProfilerError` si
    py-spy a échoué."""
    out, _ = process.communicate(timeout=timeout_s)
    if process.returncode != 0 or not output.exists():
        raise ProfilerError(f"py-spy a échoué (code {process.returncode}) : {out.strip()[-400:]}")
    profile = Profile.parse(output.read_text(encoding="utf-8", errors="replace"))
    folded: Counter = Counter()
    for stack, count in profile.stacks.items():
        folded[";".join(LINE.sub(")", frame) for frame in stack.split(";"))] += count
    with gzip.open(f"{output}.gz", "wt", encoding="utf-8") as compressed:
        compressed.writelines(f"{stack} {count}\n" for stack, count in folded.items())
    output.unlink()
    return profile
