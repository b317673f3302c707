"""Contrôles partagés : aucun numéro ni e-mail hors catalogue dans un message du bot."""

from __future__ import annotations

import re
from typing import Iterable, List

from cecaz.catalogue import Catalogue, all_emails, all_phones

PHONE = re.compile(r"(?:\+33[ .]?\d|\b0\d)(?:[ .]?\d\d){4}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def unknown_contacts(cat: Catalogue, messages: Iterable[str]) -> List[str]:
    phones = {digits(p) for p in all_phones(cat)}
    emails = set(all_emails(cat))
    bad = []
    for text in messages:
        bad += [p for p in PHONE.findall(text) if digits(p) not in phones]
        bad += [e for e in EMAIL.findall(text) if e not in emails]
    return bad
