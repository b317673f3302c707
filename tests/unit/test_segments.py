"""Politesse devant une question et questions à la suite (cecaz/segments.py)."""

from __future__ import annotations

import pytest

from cecaz.segments import blank_leading_courtesy, completed, looks_cut_off, may_complete, split_questions


@pytest.mark.parametrize("text", [
    "Bonjour, quel est le mail du support Payplug ?",
    "salut ! tu connais les horaires de l'assistance SP+",
    "Merci beaucoup. Et pour JPEL, qui signe le contrat ?",
    "ok merci, et le numéro de la monétique pro ?",
    "Hello le bot, c'est quoi SimulUPI ?",
    "Bonsoir à tous: qui fait le paramétrage OSC ?",
    "ah ok merci bcp ! et le mail de l'assistance jpel ?",
    "hmm je vois. et c'est payant pour le commerçant ?",
    "Parfait, merci infiniment, dernière question : le CIF valide la tarif avec qui ?",
    "ça marche, et SimulUPI c'est pour quelles cartes ?",
])
def test_courtesy_in_front_of_a_question_is_blanked_keeping_the_length(text: str) -> None:
    blanked = blank_leading_courtesy(text)
    assert len(blanked) == len(text)
    question = blanked.lstrip()
    assert question and text.endswith(question)
    assert not question.lower().startswith(("bonjour", "salut", "merci", "ok", "hello", "bonsoir", ",", "ah", "hmm",
                                            "derni", "ça marche"))


@pytest.mark.parametrize("text", [
    "bonjour", "Bonjour !", "merci beaucoup", "ok merci", "Bonjour, ça va ?", "merci, c'est bon",
    "renouveler un contrat SP+ ?", "okapi", "Payplug, c'est quoi ?", "recontacter le CIF comment ?",
    "ah bon ? c'est pas le CIF qui signe ?", "oui il a déjà un site", "ça marche sur n'importe quel TPE ?",
    "compris dans le prix de SP+ ?",
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
    "c'est combien payplug pour le client ? il me demande les tarifs",  # what the client asks: the reason, no question
    "et pour jpel ? mon client m’a posé la question",
    # a merchant described after a verb (« je vois demain un brasseur qui a… ») asks nothing: one description
    "Je rencontre jeudi une caviste qui a déjà sa boutique en ligne ; Payplug lui plaît et elle ne prend que la CB. "
    "Je lui propose quoi ?",
])
def test_one_question_stays_whole(text: str) -> None:
    assert split_questions(text) == [text]


@pytest.mark.parametrize(("previous", "text", "whole"), [
    ("c'est qui qui tarifie les", "contrats d'acceptation", "c'est qui qui tarifie les contrats d'acceptation"),
    ("le numéro de l’", "équipe partenariat", "le numéro de l’équipe partenariat"),
    ("mon client voudrait prendre les...", "chèques vacances", "mon client voudrait prendre les chèques vacances"),
    ("où arrive l'argent avec", "Payplug ?", "où arrive l'argent avec Payplug ?"),
    ("qui saisit le lead -", "ATC ou CIF", "qui saisit le lead ATC ou CIF"),
    # « en » then the offer, in the next message
    ("je dois donner quel numero a une cliente en", "jpel", "je dois donner quel numero a une cliente en jpel"),
    ("le tarif se fait comment en", "SP+ ?", "le tarif se fait comment en SP+ ?"),
])
def test_a_cut_off_message_is_finished_by_the_next_short_one(previous: str, text: str, whole: str) -> None:
    assert completed(previous, text) == whole


@pytest.mark.parametrize(("previous", "text"), [
    ("c'est quoi Payplug ?", "et SP+"),                       # a whole question: "et SP+" is a follow-up
    ("numéro du support Payplug", "et pour SP+ ?"),
    ("le mail de l'assistance pour", "/inform_subject"),      # a command is never glued
    ("qui fait le paramétrage pour", "je voulais savoir qui fait la tarification aussi"),  # too long
    ("", "cartes amex"),
])
def test_nothing_is_glued_to_a_complete_message_or_to_a_long_one(previous: str, text: str) -> None:
    assert completed(previous, text) is None


def test_a_cut_off_message_ends_on_a_word_that_cannot_end_a_question() -> None:
    assert looks_cut_off("quel simulateur pour les") and looks_cut_off("les horaires de…")
    assert looks_cut_off("on la range dans la") and looks_cut_off("c'est celui de la")
    assert not looks_cut_off("les horaires de Payplug") and not looks_cut_off("qui fait ça ?")
    assert may_complete("union pay") and not may_complete("/greet") and not may_complete("")


@pytest.mark.parametrize("text", ["il a pas de site et il veut en créer un", "c'est pour qui", "il est où",
                                  "il en a", "le client en veut une",
                                  # « là » typed « la » after a demonstrative
                                  "il répond le samedi celle la", "et ce numero la",
                                  "tu peux m'en parler ? parle-m'en"])
def test_a_message_ending_on_a_pronoun_or_a_question_word_is_whole(text: str) -> None:
    assert not looks_cut_off(text)


def test_a_part_that_only_goes_on_with_the_first_question_is_not_cut_off() -> None:
    names_something = lambda part: "numéro" in part or "SP+" in part  # noqa: E731 — stands for the catalogue's test
    assert split_questions("on est obligés ? c'est quoi la raison ?", names_something) == [
        "on est obligés ? c'est quoi la raison ?"]
    assert split_questions("c'est quoi SP+ ? et leur numéro ?", names_something) == ["c'est quoi SP+ ?",
                                                                                       "et leur numéro ?"]


def test_a_message_ending_on_la_after_a_verb_or_a_question_of_its_own_is_not_a_completion() -> None:
    # « ils sont la » is « là » typed without its accent; « et là, maintenant ? » asks again on its own
    assert not looks_cut_off("le support il est la")
    assert looks_cut_off("le mail de la")
    assert completed("demain matin ils sont la", "Et tout de suite ?") is None
    assert completed("le numéro de", "l'assistance sp+") == "le numéro de l'assistance sp+"


@pytest.mark.parametrize(("text", "parts"), [
    ("c'est quoi JPEL et qui le vend au commerçant ?", ["c'est quoi JPEL", "Qui le vend au commerçant ?"]),
    ("le tel du service client sp plus, et il est payant", ["le tel du service client sp plus", "Il est payant"]),
    ("Faut-il un site pour SP+, et comment se fait la tarification ?",
     ["Faut-il un site pour SP+", "Comment se fait la tarification ?"]),
    ("pr jpel faut une simu et largent arrive comment", ["pr jpel faut une simu", "Largent arrive comment"]),
    ("Pour un client SP+, qui paramètre les contrats, et où dépose-t-on la simulation ?",
     ["Pour un client SP+, qui paramètre les contrats", "Où dépose-t-on la simulation ?"]),
])
def test_two_questions_joined_by_et_are_answered_in_turn(text, parts):
    assert split_questions(text) == parts


@pytest.mark.parametrize("text", [
    "le numéro et l'adresse du support payplug ?",  # one question on two things
    "il faut un contrat et une simulation pour SP+ ?",
    "mon client a un site et il veut SP+, tu conseilles quoi ?",  # a situation, then one question
    "payplug et sp+ c'est quoi la différence ?",
    "pour un fleuriste qui livre à domicile, sans site, et qu'on passe sous JPEL, faut-il une simulation ?",
    "l'outil où le cif saisit les contrats d'acquisition et d'acceptation, il s'appelle comment ?",  # a complement
    "Un traiteur sans site encaisse par téléphone, en CB et en Diners. Qu'est-ce qu'on lui conseille ?",
    "ma cliente me dit que sa page ne marche plus et me demande qui elle doit appeler",  # the same subject goes on
])
def test_one_question_with_et_stays_whole(text):
    assert split_questions(text) == [text]


@pytest.mark.parametrize(("text", "parts"), [
    ("c'est quoi l'adresse de l'assistance SP+, et pour quel type de souci je l'utilise ?", 2),
    ("le numéro de la monétique pro et à quelle heure ils ferment ?", 2),
    ("il faut un contrat et pour quoi faire ?", 1),  # « pour quoi faire » goes on with the first
])
def test_a_second_question_opening_on_a_preposition_then_a_question_word_is_cut(text: str, parts: int) -> None:
    assert len(split_questions(text)) == parts
