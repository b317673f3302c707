"""Typographie française des textes de l'assistant, appliquée une fois, là où les réponses sont rendues
(`addons/channels/render.py`), jamais dans le catalogue ni dans les phrases composées.

- espace fine insécable (U+202F) avant ? ! ; ;
- espace insécable (U+00A0) avant : et à l'intérieur des guillemets « ».

Une espace ordinaire à ces places est remplacée ; une espace absente est ajoutée après un mot (« Note: »,
« SP+? ») mais jamais dans une adresse (`https://…?q=1`), une heure (12:30) ni une charge utile (`/ask…`).
Appliquée deux fois, la fonction ne change plus rien."""

from __future__ import annotations

import re

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
_SPACES = "[ \u00a0\u202f\t]"

# A space (or none, right after a word) before ? ! ; — not inside a URL or a token (followed by a non-space).
_BEFORE_TALL = re.compile(rf"(?:{_SPACES}+|(?<=[\w)»\]+]))([?!;])(?=\s|$|[)»,.?!])")
# Before the colon: not an hour (9:30) nor a URL scheme (https://): the colon is followed by a space or the end.
_BEFORE_COLON = re.compile(rf"(?:{_SPACES}+|(?<=[^\s\d:/]))(:)(?=\s|$)")
_OPENING = re.compile(rf"«{_SPACES}*(?=\S)")
_CLOSING = re.compile(rf"(?<=\S){_SPACES}*»")


def french(text: str) -> str:
    """`text` avec les espaces insécables de la typographie française (voir le module)."""
    if not text:
        return text
    text = _BEFORE_TALL.sub(NARROW_NBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _OPENING.sub("«" + NBSP, text)
    return _CLOSING.sub(NBSP + "»", text)


def problems(text: str) -> list[str]:
    """Ce qui enfreint les règles dans `text` (pour les tests) : espace ordinaire ou absente avant ? ! ; :,
    espace ordinaire ou absente à l'intérieur des guillemets, ligne qui commence par ? ! ; : ou »."""
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped[:1] in ("?", "!", ";", ":", "»"):
            found.append(f"ligne qui commence par « {stripped[:1]} » : {line!r}")
        for match in re.finditer(r"(\S?)(\s?)([?!;:])(?=\s|$)", line):
            before, space, mark = match.groups()
            if before and before.isdigit() and mark == ":":
                continue
            wanted = NBSP if mark == ":" else NARROW_NBSP
            if space != wanted and (before or space):
                found.append(f"pas d'espace {'insécable' if mark == ':' else 'fine insécable'} avant "
                             f"« {mark} » : {line!r}")
        if re.search(r"«(?!\u00a0)", line) or re.search(r"(?<!\u00a0)»", line):
            found.append(f"guillemets sans espace insécable : {line!r}")
    return found
