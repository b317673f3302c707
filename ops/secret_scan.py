"""Recherche de secrets dans les fichiers du dépôt (issue 15) : `make audit` et `tests/unit/test_secrets.py`.

Les secrets (secret client de Teams, mot de passe de la base, jetons) viennent seulement de
l'environnement ; aucun ne doit être versionné. Cherché dans chaque fichier texte suivi par git (et ceux
qui vont l'être : non suivis, non ignorés) :

- les clés privées (`-----BEGIN … PRIVATE KEY-----`) ;
- les mots de passe dans une adresse (`schéma://utilisateur:mot-de-passe@hôte`), sauf une référence
  `${VARIABLE}`, un mot de passe masqué (`***`) ou un hôte réservé aux exemples (RFC 2606 : `example`,
  `.test`, `.invalid`) ;
- les formats de clés connus (AWS, GitHub, GitLab, Slack, Google, Stripe, npm, PyPI, OpenAI, secret
  client d'Entra ID, jeton JWT signé) ;
- une valeur à forte entropie donnée à un nom de secret (`password`, `secret`, `token`, `api_key`…) ou
  après `Bearer`.

    python -m ops.secret_scan     # liste ce qui ressemble à un secret ; code 1 s'il y en a"""

from __future__ import annotations

import math
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Optional, Tuple

from cecaz.settings import ROOT

PRIVATE_KEY = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")
URL_PASSWORD = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s/:@'\"]*:([^\s/@'\"]+)@([^\s/:?#'\"]+)", re.IGNORECASE)
KNOWN_FORMATS = {
    "clé d'accès AWS": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "jeton GitHub": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})"),
    "jeton GitLab": re.compile(r"\bglpat-[A-Za-z0-9_-]{20,}"),
    "jeton Slack": re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    "clé d'API Google": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    "clé Stripe": re.compile(r"\b[rs]k_live_[0-9A-Za-z]{20,}"),
    "jeton npm": re.compile(r"\bnpm_[A-Za-z0-9]{36}\b"),
    "jeton PyPI": re.compile(r"\bpypi-AgE[A-Za-z0-9_-]{50,}"),
    "clé OpenAI": re.compile(r"\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}"),
    "secret client Entra ID": re.compile(r"(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}8Q~[A-Za-z0-9_~.-]{31,34}"),
    "jeton JWT signé": re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}"),
}
# A literal given to a secret's name (`password = "…"`, `"token": "…"`, `API_KEY=…`), or a bearer token.
NAMED_VALUE = re.compile(r"(?:pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key"
                         r"|client[_-]?secret|auth)[\"']?\s*[:=]\s*[\"']?([A-Za-z0-9+/=_~.!@#%^&*-]{16,})",
                         re.IGNORECASE)
BEARER = re.compile(r"\bBearer\s+([A-Za-z0-9._~+/=-]{20,})")
# Shannon entropy, in bits per character, above which a value reads as drawn at random (a word or an
# identifier in snake_case stays under it; a 20-character random token from 64 symbols is near 4.3).
MIN_ENTROPY = 3.6
EXAMPLE_HOSTS = re.compile(r"(?:^|\.)(?:example(?:\.(?:com|net|org))?|test|invalid|localhost\.test)$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """Un secret probable : fichier (relatif au dépôt), ligne (à partir de 1), sorte, extrait masqué."""

    path: str
    line: int
    kind: str
    excerpt: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} : {self.kind} ({self.excerpt})"


def entropy(value: str) -> float:
    """Entropie de Shannon de `value`, en bits par caractère (0 pour une chaîne vide)."""
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values()) if value else 0.0


def _masked(value: str) -> str:
    return value[:4] + "…" if len(value) > 4 else "…"


def _random_looking(value: str) -> bool:
    return entropy(value) >= MIN_ENTROPY and any(c.isdigit() for c in value) and "${" not in value


def scan_line(line: str) -> Optional[Tuple[str, str]]:
    """La première sorte de secret trouvée dans `line` et la valeur en cause, ou None."""
    if match := PRIVATE_KEY.search(line):
        return "clé privée", match.group(0)
    for match in URL_PASSWORD.finditer(line):
        password, host = match.groups()
        if not password.startswith("$") and password.strip("*") and not EXAMPLE_HOSTS.search(host):
            return "mot de passe dans une adresse", password
    for kind, pattern in KNOWN_FORMATS.items():
        if match := pattern.search(line):
            return kind, match.group(0)
    for pattern, kind in ((NAMED_VALUE, "valeur aléatoire donnée à un secret"), (BEARER, "jeton Bearer")):
        for match in pattern.finditer(line):
            if _random_looking(match.group(1)):
                return kind, match.group(1)
    return None


def scan_text(path: str, text: str) -> List[Finding]:
    """Les secrets probables de `text` (contenu du fichier `path`), un par ligne au plus."""
    findings = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = scan_line(line)
        if found:
            findings.append(Finding(path, number, found[0], _masked(found[1])))
    return findings


def repository_files(root: Path = ROOT) -> List[str]:
    """Les fichiers suivis par git, et ceux qui vont l'être (non suivis, non ignorés), relatifs à `root`.
    Lève `RuntimeError` si `root` n'est pas un dépôt git."""
    done = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root,
                          capture_output=True, timeout=60)
    if done.returncode != 0:
        raise RuntimeError(f"git ls-files a échoué dans {root} : {done.stderr.decode(errors='replace').strip()}")
    return sorted({name for name in done.stdout.decode().split("\0") if name})


def scan_repository(root: Path = ROOT, names: Optional[Iterable[str]] = None) -> List[Finding]:
    """Les secrets probables des fichiers texte de `names` (par défaut `repository_files(root)`) ; les
    fichiers binaires (un octet nul) et les fichiers disparus sont passés."""
    findings: List[Finding] = []
    for name in repository_files(root) if names is None else names:
        path = root / name
        if not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" not in data:
            findings += scan_text(name, data.decode(errors="replace"))
    return findings


def main() -> int:
    """Affiche les secrets probables du dépôt ; 1 s'il y en a, 0 sinon."""
    findings = scan_repository()
    for finding in findings:
        print(finding)
    if findings:
        print(f"Erreur : {len(findings)} secret(s) probable(s) dans le dépôt : retirez-les et passez-les par "
              "l'environnement (README, tableau des variables).", file=sys.stderr)
        return 1
    print("✔ aucun secret dans les fichiers du dépôt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
