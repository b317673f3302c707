"""Politesse devant une question et questions à la suite (cecaz/segments.py)."""

from __future__ import annotations

import pytest

from cecaz.segments import blank_leading_courtesy, split_questions


@pytest.mark.parametrize("text", [
    "Bonjour, quel est le mail du support Payplug ?",
    "salut ! tu connais les horaires de l'assistance SP+",
    "Merci beaucoup. Et pour JPEL, qui signe le contrat ?",
    "ok merci, et le numéro de la monétique pro ?",
    "Hello le bot, c'est quoi SimulUPI ?",
    "Bonsoir à tous: qui fait le paramétrage OSC ?",
])
def test_courtesy_in_front_of_a_question_is_blanked_keeping_the_length(text: str) -> None:
    blanked = blank_leading_courtesy(text)
    assert len(blanked) == len(text)
    question = blanked.lstrip()
    assert question and text.endswith(question)
    assert not question.lower().startswith(("bonjour", "salut", "merci", "ok", "hello", "bonsoir", ","))


@pytest.mark.parametrize("text", [
    "bonjour", "Bonjour !", "merci beaucoup", "ok merci", "Bonjour, ça va ?", "merci, c'est bon",
    "renouveler un contrat SP+ ?", "okapi", "Payplug, c'est quoi ?", "recontacter le CIF comment ?",
])
def test_courtesy_alone_or_no_courtesy_is_left_as_it_is(text: str) -> None:
    assert blank_leading_courtesy(text) == text


@pytest.mark.parametrize(("text", "parts"), [
    ("C'est quoi SP+ ? Et le numéro de leur assistance ?", ["C'est quoi SP+ ?", "Et le numéro de leur assistance ?"]),
    ("mail payplug ? et sp+ ?", ["mail payplug ?", "et sp+ ?"]),
    ("qui est le CIF? il fait quoi?", ["qui est le CIF?", "il fait quoi?"]),
    ("un ? deux trois ? quatre cinq ? six sept ?", ["un ? deux trois ?", "quatre cinq ?", "six sept ?"]),
])
def test_questions_in_a_row_are_cut_after_their_question_marks(text: str, parts: list) -> None:
    assert split_questions(text) == parts


@pytest.mark.parametrize("text", [
    "Payplug ? c'est quoi ?", "c'est quoi SP+ ?", "mon client a un site. Quelle offre ?",
    '/inform_subject{"offer": "payplug"} ? et ?', "c'est quoi sp+ ? ?", "numéro du support payplug",
])
def test_one_question_stays_whole(text: str) -> None:
    assert split_questions(text) == [text]
