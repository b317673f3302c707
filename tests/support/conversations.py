"""Le jeu de conversations à plusieurs tours (tests/conversations/) : lecture, vérification d'une
réponse, et exécution contre un assistant démarré.

`python -m tests.support.conversations [--part tuning|held_out]` démarre les serveurs réels (modèle
de `models/`), joue les conversations et affiche les échecs : c'est l'outil de réglage, sur la seule
partie `tuning` ; de la partie `held_out`, il n'affiche que les taux (jamais une conversation ni un échec)."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence

import yaml

from cecaz.textnorm import fold

ROOT = Path(__file__).resolve().parents[2]
CONVERSATIONS = ROOT / "tests" / "conversations"
PARTS = ("tuning", "held_out")


@dataclass(frozen=True)
class Turn:
    user: str
    expect: Sequence[str] = ()
    forbid: Sequence[str] = ()
    starts_with: Optional[str] = None

    def problems(self, reply: str) -> List[str]:
        """Ce qui ne va pas dans la réponse (textes du bot réunis), sur le texte replié."""
        folded = fold(reply)
        found = [f"attendu « {e} »" for e in self.expect if fold(e) not in folded]
        found += [f"interdit « {f} »" for f in self.forbid if fold(f) and fold(f) in folded]
        if self.starts_with and not folded.startswith(fold(self.starts_with)):
            found.append(f"doit commencer par « {self.starts_with} »")
        return found


@dataclass(frozen=True)
class Conversation:
    id: str
    pattern: str
    turns: Sequence[Turn]
    part: str = ""


@dataclass
class Outcome:
    conversation: Conversation
    transcript: List[str] = field(default_factory=list)
    failures: List[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def load(part: str, paths: Sequence[Path] = ()) -> List[Conversation]:
    """Les conversations d'une partie (`tuning` ou `held_out`), dans l'ordre des fichiers ; ou celles
    des fichiers `paths` (essais d'un développeur, hors des deux parties)."""
    found = []
    for path in paths or sorted((CONVERSATIONS / part).glob("*.yml")):
        for raw in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("conversations") or []:
            turns = [Turn(str(t["user"]), tuple(t.get("expect") or ()), tuple(t.get("forbid") or ()),
                          t.get("starts_with")) for t in raw["turns"]]
            found.append(Conversation(str(raw["id"]), str(raw.get("pattern") or ""), tuple(turns), part))
    return found


def play(conversation: Conversation, say: Callable[[str], List[str]]) -> Outcome:
    """Joue tous les tours (même après un échec, pour voir la suite) ; `say` envoie un message dans
    une conversation neuve et renvoie les textes du bot."""
    outcome = Outcome(conversation)
    for number, turn in enumerate(conversation.turns, 1):
        messages = say(turn.user)
        reply = "\n".join(messages)
        outcome.transcript += [f"> {turn.user}", reply]
        outcome.failures += [f"tour {number} « {turn.user} » : {p}" for p in turn.problems(reply)]
        if len(set(messages)) < len(messages):  # the same message twice in one turn: a prediction loop
            outcome.failures.append(f"tour {number} « {turn.user} » : message répété dans le même tour")
    return outcome


# Conversations are independent (one sender each): a few at once keep both servers busy, and the set plays
# in a third of the time it takes one after the other on two cores.
PARALLEL_CONVERSATIONS = 4


def play_all(conversations: Sequence[Conversation], new_say: Callable[[], Callable[[str], List[str]]],
             workers: int = PARALLEL_CONVERSATIONS) -> List[Outcome]:
    """Joue chaque conversation avec `new_say()` (une conversation neuve chacune), `workers` à la fois ;
    les résultats sont dans l'ordre des conversations."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda c: play(c, new_say()), conversations))


def summary(outcomes: Sequence[Outcome]) -> Dict[str, Any]:
    """Taux de réussite par conversation et par tour, en tout et par motif."""
    by_pattern: Dict[str, List[bool]] = {}
    for o in outcomes:
        by_pattern.setdefault(o.conversation.pattern, []).append(o.passed)
    turns = sum(len(o.conversation.turns) for o in outcomes)
    failed_turns = len({f.split(" : ")[0] + o.conversation.id for o in outcomes for f in o.failures})
    return {
        "conversations": len(outcomes),
        "passed": sum(o.passed for o in outcomes),
        "rate": sum(o.passed for o in outcomes) / len(outcomes) if outcomes else 0.0,
        "turns": turns,
        "turn_rate": (turns - failed_turns) / turns if turns else 0.0,
        "by_pattern": {p: f"{sum(v)}/{len(v)}" for p, v in sorted(by_pattern.items())},
    }


def main() -> int:
    from ops.serve import Services, ask, free_port  # the launcher: only for this command

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--part", choices=PARTS, default="tuning")
    parser.add_argument("--file", type=Path, action="append", default=[],
                        help="un fichier de conversations d'essai, au lieu d'une partie (répétable)")
    parser.add_argument("--only", help="identifiants de conversations, séparés par des virgules")
    parser.add_argument("--model", default=str(ROOT / "models" / "cecaz.tar.gz"))
    parser.add_argument("--show", action="store_true", help="affiche aussi les conversations réussies")
    args = parser.parse_args()
    conversations = [c for c in load(args.part, args.file) if not args.only or c.id in args.only.split(",")]
    var = ROOT / "var" / "conversations"
    var.mkdir(parents=True, exist_ok=True)
    services = Services(rasa_port=free_port(), action_port=free_port(), model=Path(args.model),
                        var_dir=var, env_extra={"CECAZ_NOW": "2026-11-30T10:00:00+01:00"})
    outcomes: List[Outcome] = []
    try:
        services.start()

        def new_say() -> Callable[[str], List[str]]:
            sender = f"conv-{uuid.uuid4().hex[:10]}"
            return lambda text: [r.get("text") or "" for r in ask(services.rasa_url, text, sender=sender)]

        outcomes = play_all(conversations, new_say)
    finally:
        services.stop()
    # The held-out part measures generalisation: its conversations are never shown, so they cannot guide tuning.
    hidden = args.part == "held_out" and not args.file or any("held_out" in f.parts for f in args.file)
    for o in () if hidden else outcomes:
        if args.show and o.passed:
            print(f"✔ {o.conversation.id} ({o.conversation.pattern})")
        if not o.passed:
            print(f"✘ {o.conversation.id} ({o.conversation.pattern})\n  " + "\n  ".join(o.failures))
        if args.show or not o.passed:
            print("    " + "\n    ".join(line.replace("\n", "\n    ") for line in o.transcript))
    print(json.dumps(summary(outcomes), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
