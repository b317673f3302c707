"""Le repli du texte tapé (cecaz/textnorm.py) : la clé de comparaison de tout ce que lisent les actions."""

import pytest

from cecaz.audience import asks_what_a_line_is_for
from cecaz.textnorm import WHAT_FOR, first_clause, fold, has_question_word, the_question_itself, without_describing_who


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
    # the situation alone, nothing after it: what then
    ("et qd ca convient pas", True),
    ("et lorsqu'il n'a pas de site ?", True),
    # whatever connector the message opens on
    ("bon et quand il n'a pas de site ?", True),
    ("du coup lorsque ça coince ?", True),
])
def test_quand_asks_a_time_unless_it_states_a_condition(text: str, open_question: bool) -> None:
    assert has_question_word(text) is open_question


@pytest.mark.parametrize(("text", "open_question"), [
    ("pour une commerçante SP+ qui accepte l'amex, on passe par SimulUPI ?", False),
    ("mon client qui vend des fleurs doit avoir un site ?", False),
    ("mon client qui vend des fleurs, il appelle qui ?", True),   # the question's own « qui » stays
    ("qui paramètre OSC ?", True),
    # a subject described, then taken up by a pronoun
    ("la boîte qui fait les sites, elle est payante ?", False),
    ("le CIF qui monte la tarif, il la fixe seul ?", False),
    ("l'outil qui garde les simulations, il est ouvert aux ATC ?", False),
    ("le numéro qui marche le samedi ?", True),  # no clause after the description: it asks which one
    ("le simulateur qui sert pour l'amex, il s'appelle comment ?", True),
    # a moment set before the question is not what it asks
    ("Quand un commerçant tape lui-même les cartes qu'on lui dicte, la CECAZ le recommande ?", False),
    ("lorsque le client n'a pas de site, on lui propose JPEL ?", False),
    ("quand c'est signé, on fait quoi ?", True),  # the question after the moment is open
    ("quand est-ce qu'ils ouvrent, le support ?", True),  # the moment is what is asked
    ("quand ils ouvrent, demain ?", True),
    ("euh, une fois la simu faite, on la dépose où ?", True),
    ("bon après la signature, le CIF la fait seul ?", False),
    # a subject described first (« où », « lequel », « qui » inside its description), then the question itself
    ("l'outil dans lequel on range les simus, on y a accès en agence ?", False),
    ("la formule sans site où c'est l'acheteur qui tape sa carte : il faut un contrat chez nous ?", False),
    ("le numéro qui répond le samedi, c'est lequel ?", True),
    ("la ligne pour qui, celle-là ?", True),  # too little after the comma: the question is before it
    # a « qui » right after a comma asks who: the merchant was named before it, not described
    ("je vois un fleuriste demain, qui a la main sur le contrat ?", True),
    ("j'ai un traiteur en JPEL, qui veut la simulation ?", True),
    ("j'ai un traiteur en JPEL qui veut la simulation ?", False),
    # who speaks to me, described before his question
    ("je vois un opticien qui m'a posé une question : c'est payant ?", False),
    ("rdv avec une fleuriste qui me dit : ça marche sans site ?", False),
])
def test_what_describes_or_sets_the_scene_opens_no_question(text: str, open_question: bool) -> None:
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


@pytest.mark.parametrize(("text", "head", "rest"), [
    ("une fois signé, qui assure l'assistance ?", "une fois signé", " qui assure l'assistance ?"),
    ("le simulateur : il sert pour les Diners ?", "le simulateur ", " il sert pour les Diners ?"),
    ("bon ; puisque c'est BPCE, quel numéro ?", "bon ", " puisque c'est BPCE, quel numéro ?"),
    ("le numéro du support Payplug ?", "le numéro du support Payplug ?", ""),
])
def test_a_message_is_cut_after_its_first_clause(text: str, head: str, rest: str) -> None:
    cut = first_clause(text)
    assert (cut[0], cut[2]) == (head, rest) and "".join(cut) == text


@pytest.mark.parametrize(("text", "rest"), [
    # a moment or a subject set first, after any connector the message opens on
    ("euh la solution sans site pour un taxi : il faut un contrat ?", " il faut un contrat ?"),
    ("ah du coup quand c'est signé, qui assure l'assistance ?", " qui assure l'assistance ?"),
    # the moment asked, after a connector, is the question: nothing is cut
    ("du coup quand est-ce qu'ils ouvrent, le support ?", "du coup quand est-ce qu'ils ouvrent, le support ?"),
])
def test_the_question_is_cut_after_any_opening_connector(text: str, rest: str) -> None:
    assert the_question_itself(text) == rest


@pytest.mark.parametrize(("text", "asked"), [
    ("euh, on l'appelle pour quoi au juste ?", True),
    ("ça correspond à quoi, cette adresse ?", True),
    ("c'est pour quoi faire, ce numéro ?", True),
    ("on les sollicite pour quelles demandes ?", True),
    ("elle gère quels dossiers, l'équipe partenariat ?", True),
    # a reason, a day, a line asked for: not what it is for
    ("pourquoi on les appelle ?", False),
    ("il sert le samedi ?", False),
    ("je les appelle pour un client JPEL ?", False),
])
def test_what_a_thing_is_for_is_one_pattern(text: str, asked: bool) -> None:
    assert bool(WHAT_FOR.search(fold(text))) is asked
    assert asks_what_a_line_is_for(text) is asked
