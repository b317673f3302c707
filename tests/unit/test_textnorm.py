"""Le repli du texte tapé (cecaz/textnorm.py) : la clé de comparaison de tout ce que lisent les actions."""

import pytest

from cecaz.textnorm import fold, has_question_word, without_describing_who


@pytest.mark.parametrize(("typed", "folded"), [
    ("C’est où ?", "c est ou"),
    # Teams typed on a phone: SMS spellings and glued elisions written out
    ("dc sp+ cest qd payplug convient pas", "donc sp+ c est quand payplug convient pas"),
    ("latc doit saisir un lead", "l atc doit saisir un lead"),
    ("il sen sert aussi pr un client payplug", "il s en sert aussi pour un client payplug"),
    ("et sil veut aussi lamex", "et s il veut aussi l amex"),
    ("c koi le num", "c est quoi le numero"),
    ("jai pas le mail, ya un tel ?", "j ai pas le mail y a un tel"),
    # words that only look like them stay
    ("quelle offre pour son client, non ?", "quelle offre pour son client non"),
    ("le test de l'offre sur la page", "le test de l offre sur la page"),
    ("Payplug vs SP+", "payplug vs sp+"),
    ("c'était la fin du c", "c etait la fin du c"),
])
def test_fold_writes_out_teams_spellings_and_nothing_else(typed: str, folded: str) -> None:
    assert fold(typed) == folded


@pytest.mark.parametrize(("text", "open_question"), [
    ("ils ouvrent quand ?", True),
    ("c'est quand ?", True),
    ("quand est-ce que l'argent arrive ?", True),
    ("il sert quand le client part chez Payplug ?", False),
    ("on propose SP+ quand Payplug ne convient pas ?", False),
    ("dc sp+ cest qd payplug convient pas cest ca", False),
])
def test_quand_asks_a_time_unless_it_states_a_condition(text: str, open_question: bool) -> None:
    assert has_question_word(text) is open_question


@pytest.mark.parametrize(("text", "open_question"), [
    ("pour une commerçante SP+ qui accepte l'amex, on passe par SimulUPI ?", False),
    ("mon client qui vend des fleurs doit avoir un site ?", False),
    ("mon client qui vend des fleurs, il appelle qui ?", True),   # the question's own « qui » stays
    ("qui paramètre OSC ?", True),
])
def test_qui_describing_the_merchant_opens_no_question(text: str, open_question: bool) -> None:
    assert has_question_word(without_describing_who(text)) is open_question


@pytest.mark.parametrize(("text", "open_question"), [
    ("qu'est-ce qu'on lui conseille alors ?", True),
    ("qu'est ce qui bloque dans ce cas ?", True),
    ("qu'est-ce que je lui envoie ?", True),
    ("est-ce qu'on lui conseille SP+ ?", False),  # « est-ce que » alone asks whether
    ("est ce que c'est payant ?", False),
])
def test_qu_est_ce_que_asks_what(text: str, open_question: bool) -> None:
    assert has_question_word(text) is open_question
