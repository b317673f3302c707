"""Aucun secret dans le dépôt (issue 15) : les fichiers suivis par git (et ceux qui vont l'être) ne contiennent
ni clé privée, ni mot de passe dans une adresse, ni clé d'un format connu, ni valeur aléatoire donnée à un
secret (`ops/secret_scan.py`). Les exemples de secrets de ce fichier sont assemblés à l'exécution : écrits
en clair, ils seraient eux-mêmes trouvés."""

from __future__ import annotations

import random
import secrets
import string
import subprocess
from pathlib import Path
from typing import Dict

import pytest

from ops.secret_scan import entropy, repository_files, scan_line, scan_repository, scan_text

URL_SAFE = string.ascii_letters + string.digits + "-_"


def likely_secrets() -> Dict[str, str]:
    """Une ligne par sorte de secret, comme on pourrait l'écrire par erreur dans un fichier du dépôt (valeurs
    tirées d'un générateur à graine fixe : les mêmes à chaque exécution)."""
    rng = random.Random(15)

    def drawn(alphabet: str, length: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(length))

    token = drawn(URL_SAFE, 43)  # like secrets.token_urlsafe(32)
    alphanumeric = string.ascii_letters + string.digits
    return {
        "clé privée": "-----BEGIN " + "OPENSSH PRIVATE KEY-----",
        "clé privée RSA": "-----BEGIN " + "RSA PRIVATE KEY-----",
        "mot de passe dans une adresse": "url: postgresql://cecaz:" + "Tr0ub4dor-3" + "@db.cecaz.fr:5432/rasa",
        "mot de passe Redis": "redis://:" + "motdepasse" + "@10.0.0.5:6379/0",
        "clé d'accès AWS": "aws_key = " + "AKIA" + drawn(string.ascii_uppercase + string.digits, 16),
        "jeton GitHub": "ghp_" + drawn(alphanumeric, 36),
        "jeton Slack": "xoxb-" + drawn(string.digits, 12) + "-" + drawn(string.ascii_letters, 24),
        "clé d'API Google": "AIza" + drawn(alphanumeric, 35),
        "secret client Entra ID": "MICROSOFT_APP_PASSWORD=abc" + "8Q~" + drawn(alphanumeric, 31),
        "jeton JWT": "eyJ" + "hbGciOiJSUzI1NiJ9.eyJ" + "zdWIiOiIxMjM0NTY3ODkwIn0." + drawn(alphanumeric, 43),
        "valeur donnée à un secret": "CECAZ_REST_TOKEN=" + token,
        "mot de passe YAML": "  password: " + "x" + token[:19],
        "clé JSON": '{"api_key": "' + drawn(string.hexdigits.lower()[:16], 40) + '"}',
        "jeton Bearer": "curl -H 'Authorization: Bearer " + token + "'",
    }


def test_the_repository_holds_no_secret() -> None:
    findings = scan_repository()
    assert findings == [], "secrets probables :\n" + "\n".join(map(str, findings))


@pytest.mark.parametrize("kind", list(likely_secrets()))
def test_each_kind_of_secret_is_found(kind: str) -> None:
    assert scan_line(likely_secrets()[kind]) is not None


@pytest.mark.parametrize("line", [
    "url: postgresql://cecaz:${PGPASSWORD}@db.cecaz.fr:5432/rasa",  # a reference, replaced from the environment
    "https://user:pass@login.example/token",  # a reserved example host (RFC 2606)
    "postgresql://postgres:***@db.cecaz.fr:5432/cecaz",  # masked, as SQLAlchemy shows it
    'credentials[TEAMS] = {"app_password": "${MICROSOFT_APP_PASSWORD}"}',
    '"client_secret": self.app_password, "scope": BOTFRAMEWORK_SCOPE}',
    "export MICROSOFT_APP_PASSWORD='valeur-du-secret-client'",
    "action_secret=services.action_secret,",
    '"integrity": "sha512-' + "A" * 86 + '=="',  # a package hash is not a secret's value
    "postgresql://postgres@127.0.0.1:5432/cecaz",  # no password
])
def test_references_placeholders_and_names_are_not_secrets(line: str) -> None:
    assert scan_line(line) is None


def test_entropy_tells_random_values_from_words() -> None:
    assert entropy("") == 0.0 and entropy("aaaa") == 0.0
    assert entropy("valeur-du-secret-client") < 3.6 < entropy(secrets.token_urlsafe(32))


def test_the_scan_reads_every_file_git_would_commit_and_nothing_else(tmp_path: Path) -> None:
    """Fichiers suivis et nouveaux lus ; fichiers ignorés (var/, .venv/…) et binaires passés."""
    line = likely_secrets()["valeur donnée à un secret"]
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("var/\n")
    (tmp_path / "suivi.yml").write_text("a: 1\n" + line + "\n")
    subprocess.run(["git", "-C", str(tmp_path), "add", "suivi.yml"], check=True)
    (tmp_path / "nouveau.md").write_text(line + "\n")
    (tmp_path / "var").mkdir()
    (tmp_path / "var" / "ignore.env").write_text(line + "\n")
    (tmp_path / "image.bin").write_bytes(b"\0" + line.encode())
    assert set(repository_files(tmp_path)) == {".gitignore", "suivi.yml", "nouveau.md", "image.bin"}
    found = {(finding.path, finding.line) for finding in scan_repository(tmp_path)}
    assert found == {("suivi.yml", 2), ("nouveau.md", 1)}


def test_a_finding_never_prints_the_secret() -> None:
    # a seeded draw: about one random token in 1 500 (no digit, long runs of letters) is below the scanner's bar, and
    # a test must give the same result every run
    token = "".join(random.Random(7).choices(string.ascii_letters + string.digits + "-_", k=43))
    (finding,) = scan_text("x.env", "API_KEY=" + token)
    assert token not in str(finding) and str(finding).startswith("x.env:1 : ")
