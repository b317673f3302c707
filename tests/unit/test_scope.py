"""Mots de sujets voisins hors périmètre, repérés sans confondre les mots du métier."""

from __future__ import annotations

import pytest

from cecaz.scope import foreign_subject


@pytest.mark.parametrize(("text", "word"), [
    ("tel de la DSI", "dsi"), ("numéro des RH", "rh"), ("un prêt pour son fonds de commerce", "pret"),
    ("crédit immobilier", "credit immobilier"), ("taux du livret A", "livret a"), ("jours de congés", "conges"),
    ("mon PC ne démarre plus", "pc"), ("assurance du local", "assurance"),
])
def test_foreign_subjects(text, word):
    assert foreign_subject(text) == word


@pytest.mark.parametrize("text", [
    "je paie en ligne c'est quoi", "carte de crédit à distance", "numéro assistance monétique pro",
    "comment arrivent les fonds, par virement ?", "un client de mon agence veut encaisser à distance",
    "SP+ pour une entreprise", "le support payplug est ouvert ?",
])
def test_domain_questions_are_not_foreign(text):
    assert foreign_subject(text) is None
