"""L'aspect d'une relance lu à ses mots (cecaz/aspects.py), et son effet sur la résolution (cecaz/focus.py)."""

from __future__ import annotations

import pytest

from cecaz.aspects import (
    asks_obligation,
    asks_rule,
    asks_why,
    aspect_family,
    aspects,
    describes_keyed_entry,
    is_who_question,
    roles_using,
    where_family,
)
from cecaz.catalogue import load_catalogue
from cecaz.focus import Focus, follow_up_guess
from tests.unit.test_focus import answer, focus_after

CAT = load_catalogue()
OFFER_FAMILIES = ("ask_contracts", "ask_pricing", "ask_funds", "ask_phone", "ask_email", "ask_hours", "ask_is_open",
                  "ask_support")


@pytest.mark.parametrize(("text", "current", "family"), [
    ("et la commission, c'est combien chez eux ?", "ask_phone", "ask_pricing"),
    ("le virement arrive quand ?", "ask_hours", "ask_funds"),
    ("on signe quoi avec lui ?", "ask_offer_definition", "ask_contracts"),
    ("on peut leur écrire ?", "ask_phone", "ask_email"),
    ("leur téléphone ?", "ask_phone", None),  # DIET already asks what the words say
    ("ils sont ouverts demain ?", "ask_is_open", None),  # « ouvert » : the hours, yes/no included
    ("ok merci", "ask_phone", None),  # no aspect word
])
def test_aspect_family(text, current, family):
    assert aspect_family(text, current, OFFER_FAMILIES) == family


@pytest.mark.parametrize(("text", "family"), [
    ("ça marche sur n'importe quel TPE ?", "ask_affiliation"),
    ("et avec quel matériel ?", "ask_affiliation"),
    ("il lui faut un logiciel spécial ?", "ask_affiliation"),
    ("et ça coûte combien ?", "ask_simulator"),
])
def test_aspects_of_a_card(text, family):
    assert aspect_family(text, "", ("ask_affiliation", "ask_simulator")) == family


@pytest.mark.parametrize(("text", "who"), [
    ("qui s'en charge ?", True), ("et c'est qui qui paramètre ?", True), ("c qui ?", True),
    ("qu'est-ce qui change ?", False), ("quoi de neuf ?", False), ("c’est BPCE qui gère ?", False),
    ("c'est à qui de faire la simu ?", True), ("c'est bien lui aussi qui la fait ?", False),
    ("c koi l'intérêt de jpel pour un commerçant qui vend par tél ?", False),
    ("mes clients qui ont un site, je les oriente vers qui ?", True),
    ("et c'est pas eux qui font aussi l'acquisition ?", False),  # the person named, negated: a yes or no
])
def test_who_question(text, who):
    assert is_who_question(text) is who


def test_roles_using_a_tool_come_from_the_missions():
    assert roles_using(CAT, ["SimulUPI"]) == ("cif",)
    assert roles_using(CAT, ["Lead Monexpert"]) == ("atc", "reseau")
    assert roles_using(CAT, ["MyGed"]) == ()


def test_who_uses_the_tool_in_focus_is_answered_with_the_role():
    focus = focus_after("ask_tool", outils=["osc"])
    first_line = answer(focus, "ask_tool", "et qui s'en charge ?").splitlines()[0]
    assert "CIF" in first_line


def test_aspect_words_override_a_misread_family_for_the_offer_in_focus():
    focus = focus_after("ask_offer_definition", offres=["iz_ecommerce"])
    text = answer(focus, "ask_phone", "et les tarifs c'est eux qui les fixent ?")
    assert "négocie directement" in text and "+33" not in text


def test_their_support_is_the_support_of_the_offer_in_focus():
    focus = focus_after("ask_offer_definition", offres=["iz_ecommerce"])
    text = answer(focus, "ask_support", "qui fait leur support ?", services=["support"])
    assert "IZ eCommerce qui assure le support" in text and "+33 1 76 34 01 55" not in text


@pytest.mark.parametrize("text", ["et ils gerent quoi comme demandes ?", "ils s'occupent de quoi au juste ?",
                                  "et ils traitent quoi ?"])
def test_what_a_line_handles_after_its_hours_is_what_the_line_is_for(text: str) -> None:
    focus = Focus("ask_hours", ("payplug",), services=("partenariat",), contacts=("payplug_partenariat",))
    guess = follow_up_guess(text, [{"name": "nlu_fallback", "confidence": 0.45}], focus)
    assert guess == "ask_support"
    said = answer(focus, guess, text)
    assert "leads" in said and "distribution" in said


@pytest.mark.parametrize(("text", "pages"), [
    ("et les paiements sur ce site, c'est géré par qui ?", True),
    ("la partie paiement c'est eux aussi ?", True),
    ("le paiement du site il passe par qui ?", True),
    ("il veut accepter quels moyens de paiement ?", False),  # the cards, not the pages
])
def test_the_payment_pages_said_in_other_words_are_the_pages_of_the_offer(text: str, pages: bool) -> None:
    said = answer(focus_after("ask_offer_definition", offres=["iz_ecommerce"]), "ask_role", text)
    assert (("ask_offer_definition",) in aspects(text)) is pages
    if pages:
        assert "pages de paiement du site sont prises en charge par Payplug" in said


def test_hesitant_follow_up_with_an_aspect_word_and_no_diet_guess():
    focus = focus_after("ask_offer_definition", offres=["payplug"])
    assert follow_up_guess("ça tombe sur quel compte ?", [], focus) == "ask_funds"
    assert follow_up_guess("et c'est qui qui s'en charge ?", [], focus_after("ask_tool", outils=["simuleasy"])) \
        == "ask_role"
    assert follow_up_guess("ça tombe sur quel compte ?", [], Focus()) is None


def test_which_offers_after_a_line_or_an_answer_is_a_follow_up_when_diet_hesitates():
    lines = focus_after("ask_phone", services=["service_clients"])
    guess = follow_up_guess("ok et ça vaut pour quelles offres ?", [], lines)
    assert guess == "ask_phone"
    assert "SP+" in answer(lines, guess, "ok et ça vaut pour quelles offres ?")
    assert follow_up_guess("ça concerne quelle offre ?", [], focus_after("ask_funds", offres=["sp_plus"])) \
        == "ask_funds"
    assert follow_up_guess("c'est pour quelles offres ?", [], Focus()) is None


def test_what_does_it_do_after_a_role_is_the_role_question():
    focus = focus_after("ask_role", roles=["atc"])
    assert "Lead Monexpert" in answer(focus, "ask_offer_definition", "elle sert à quoi au juste ?")


def test_a_role_has_no_contract_its_missions_answer():
    focus = focus_after("ask_role", roles=["cif"])
    assert "contractualisation" in answer(focus, "ask_contracts", "il s'occupe aussi des contrats ?")


def test_a_moment_keeps_the_yes_no_on_the_hours():
    focus = focus_after("ask_phone", offres=["payplug"], services=["support"])
    assert answer(focus, "ask_is_open", "je peux les joindre vers 13h ?").startswith("Oui")


def test_the_offer_of_a_support_line_answers_the_contract_question():
    focus = focus_after("ask_phone", offres=["jpel"], services=["assistance"])
    assert follow_up_guess("et le contrat, c'est qui qui le fait ?", [], focus) == "ask_contracts"


def test_can_i_call_them_at_a_time_is_a_yes_no_even_when_read_as_a_phone_question():
    focus = focus_after("ask_email", offres=["payplug"], services=["partenariat"])
    assert answer(focus, "ask_phone", "je peux les appeler maintenant ?").startswith("Oui")


@pytest.mark.parametrize(("text", "named", "family"), [
    # every way to reach it: the whole line (phone, e-mail, hours)
    ("l'assistance monétique pro, on les joint comment ?", {"services": ("assistance_monetique",)}, "ask_support"),
    ("jpel, ça se contractualise avec qui ?", {"offres": ("jpel",)}, "ask_contracts"),
    ("simulupi, qui s'en sert au juste ?", {"outils": ("simulupi",)}, "ask_role"),
    ("payplug hmm", {"offres": ("payplug",)}, None),  # no aspect word: nothing sure
    ("pour un client sp+ faut forcément voir l'atc ?", {"offres": ("sp_plus",), "roles": ("atc",)}, "ask_role"),
    ("on les appelle comment ?", {}, None),  # no subject: the focus decides (follow_up_guess)
    # now: whether the line is open, then the line
    ("le service client SP+ décroche actuellement ?", {"offres": ("sp_plus",), "services": ("service_clients",)},
     "ask_is_open"),
    ("la monétique pro, ses plages d'appel ?", {"services": ("assistance_monetique",)}, "ask_hours"),
])
def test_subject_aspect_guess(text, named, family):
    from cecaz.focus import subject_aspect_guess
    from cecaz.phrasing import Question
    assert subject_aspect_guess(CAT, text, Question("nlu_fallback", **named)) == family


def test_who_uses_a_named_tool_is_the_role_not_the_tool():
    text = answer(Focus(), "ask_tool", "qui saisit le lead monexpert ?", outils=["monexpert"])
    assert text.splitlines()[0].startswith("• ATC")


def test_payment_pages_of_the_offer_in_focus_are_its_definition():
    focus = focus_after("ask_offer_definition", offres=["iz_ecommerce"])
    assert "prises en charge par Payplug" in answer(focus, "ask_support", "qui gère leurs pages de paiement ?")


@pytest.mark.parametrize("text", ["qui saisit le numéro de carte ?", "il me faut son numéro d'affilié",
                                  "les numéros de la carte, c'est qui qui les tape ?"])
def test_a_card_or_affiliate_number_is_not_a_phone_number(text):
    assert not any("ask_phone" in families for families in aspects(text))


@pytest.mark.parametrize(("text", "family", "asked"), [
    ("elle compte lancer sa boutique en ligne à la rentrée", "ask_funds", False),  # the verb « compter »
    ("ça arrive sur quel compte ?", "ask_funds", True),
    ("il sera réglé par cb à la commande", "ask_delegation", False),  # paid, not a rule
    ("y a une règle à respecter pour la tarif ?", "ask_delegation", True),
    ("JPEL s'adresse à quel genre de pro ?", "ask_email", False),  # for whom, not an address
    ("tu as l'adresse du support ?", "ask_email", True),
])
def test_a_word_spelt_like_an_aspect_word_asks_it_only_in_that_sense(text: str, family: str, asked: bool) -> None:
    assert any(family in families for families in aspects(text)) is asked


@pytest.mark.parametrize(("text", "previous", "family"), [
    ("et ça se paramètre où ?", "ask_contracts", "ask_open_services"),
    ("il est ou ?", "ask_delegation", "ask_delegation"),
    ("ou est ce que je la mets la simu ?", None, "ask_simulation_filing"),
    ("ça tombe où exactement ?", "ask_funds", "ask_funds"),
    ("il est où ?", "ask_role", None),  # a role is nowhere: the document says where of things only
    ("payplug ou sp+ ?", "ask_phone", None),  # the conjunction
    ("simuleasy ou simulupi pour les cb ?", "ask_simulator", None),
    ("ils sont ouverts ou pas ?", "ask_hours", None),
    ("et la simul je la range où ?", "ask_tool", "ask_simulation_filing"),
    ("et c'est paramétré dans quoi ?", "ask_contracts", "ask_open_services"),  # where, said by the tool
    ("la simu je la stocke dans quel outil ?", None, "ask_simulation_filing"),
    ("ça repose sur quoi ?", "ask_role", None),  # a role is nowhere
    ("je fais la simu sur quoi ?", None, None),  # the tool that makes it, not where it goes
    ("la simu de renta je la fais dans quel outil ?", None, None),
    ("et il la met ou sa simu ?", "ask_role", "ask_simulation_filing"),  # « où » before its object
    ("on depose ou le dossier ?", "ask_simulation_filing", "ask_simulation_filing"),
    # where it is made is the simulator; where it goes, MyGed
    ("pour des Diners, le calcul de rentabilité se fait où ?", None, "ask_simulator"),
    ("la simu on la fait où déjà ?", None, "ask_simulator"),
    ("le résultat de la simu je le dépose où ?", None, "ask_simulation_filing"),
])
def test_where_family(text, previous, family):
    assert where_family(text, previous) == family


def test_where_keeps_a_read_family_that_already_says_where():
    assert where_family("il est où ?", "ask_tool", "ask_delegation") == "ask_delegation"
    assert where_family("il est où ?", "ask_tool", "ask_phone") == "ask_tool"


@pytest.mark.parametrize(("text", "first"), [
    ("quand je fais la tarif d'un contrat sp+ je dois respecter quoi ?", "ask_delegation"),
    ("et pour un contrat jpel, faut une simu ?", "ask_simulator"),
    ("qui signe le contrat ?", "ask_contracts"),  # the contract is what is asked
    ("c'est tous les combien ?", "ask_funds"),  # the frequency of the payouts
])
def test_a_contract_that_only_says_which_comes_last(text, first):
    assert aspects(text)[0][0] == first


@pytest.mark.parametrize(("text", "obligation", "rule"), [
    ("c'est obligatoire ?", True, True),
    ("on est obligés de déposer la simu dans MyGed ?", True, True),
    ("faut-il vraiment passer par le CIF ?", True, False),
    ("on doit passer par l'ATC ?", True, False),
    ("c'est systématique ?", False, True),
    ("à chaque fois ?", False, True),
    ("on passe par qui pour la simu ?", False, False),
])
def test_obligation_and_rule_questions(text: str, obligation: bool, rule: bool) -> None:
    assert asks_obligation(text) is obligation
    assert asks_rule(text) is rule


@pytest.mark.parametrize(("text", "first"), [
    ("pour tarifer un contrat d'acquisition jpel j'utilise quoi ?", "ask_pricing"),  # the contract only says which
    ("faut ouvrir des contrats ?", "ask_contracts"),
    ("et celui-là il s'appelle comment ?", None),                                 # a name, not a phone call
    ("je dois appeler qui ?", "ask_phone"),
])
def test_the_first_aspect_of_a_question(text, first):
    found = aspects(text)
    assert (found[0][0] if found else None) == first


@pytest.mark.parametrize(("text", "phone"), [
    ("c koi l'intérêt de jpel pour un commerçant qui vend par tél ?", False),  # how he sells
    ("le client paie par téléphone, on lui propose quoi ?", False),
    ("le support payplug par tel c'est quoi ?", True),
    ("je peux les joindre par téléphone le samedi ?", True),
])
def test_a_sale_by_phone_is_not_a_phone_question(text: str, phone: bool) -> None:
    assert (("ask_phone",) in aspects(text)) is phone


@pytest.mark.parametrize(("text", "keyed"), [
    ("mon commercant prend les num de cb au tel et les tape lui meme, ca pose souci ?", True),
    ("il rentre les coordonnées bancaires de ses clients à la main", True),
    ("mon pro veut prendre les cb par tel et taper les num lui meme, c ok ?", True),  # the cards, then the numbers
    ("il prend la cb et le porteur la tape lui meme", False),
    ("en jpel le porteur saisit lui meme sa carte ?", False),  # the holder keys in: JPEL
    ("qui tape les numéros de la carte ?", False),  # nothing says the merchant does it himself
    ("le numéro de tel du support payplug", False),
    ("un paiement saisi à la main par le commerçant, l'acheteur peut le contester ?", True),  # said of the payment
    ("la carte est saisie par le client sur la page de paiement", False),  # the buyer, on the page
])
def test_a_merchant_keying_in_the_buyers_card_is_the_vad_practice(text: str, keyed: bool) -> None:
    assert describes_keyed_entry(text) is keyed


def test_a_card_number_is_not_a_phone_number() -> None:
    assert ("ask_phone",) not in aspects("il me file les num de cb de ses clients")
    assert ("ask_phone",) in aspects("c'est quoi leur num ?")


@pytest.mark.parametrize(("text", "why"), [
    ("et ça c’est pour quoi, pk pas simuleasy ?", True),  # the why in the last clause
    ("ok merci, et pourquoi pas sp+ ?", True),
    ("le num, je le donne ?", False),
])
def test_a_why_in_the_last_clause_asks_a_reason(text: str, why: bool) -> None:
    assert asks_why(text) is why


@pytest.mark.parametrize(("text", "hours"), [
    ("et le mail de tout à l'heure, il est pour qui ?", False),  # when it was talked about
    ("la ligne de tout à l'heure, pk c'est elle ?", False),
    ("ils ferment à quelle heure ?", True),
    ("à l'heure qu'il est, ils répondent ?", True),
])
def test_tout_a_l_heure_is_not_an_opening_hour(text: str, hours: bool) -> None:
    assert any("ask_hours" in families for families in aspects(text)) is hours


@pytest.mark.parametrize(("text", "first"), [
    ("mon client sp+ a un souci de paiement, je lui donne quel contact ?", "ask_support"),
    ("un commerçant payplug avec un problème sur ses encaissements, il appelle qui ?", "ask_phone"),
    ("les encaissements arrivent comment ?", "ask_funds"),  # no trouble: the aspect itself
])
def test_what_a_trouble_is_about_is_not_the_aspect_asked(text: str, first: str) -> None:
    assert first in aspects(text)[0]


@pytest.mark.parametrize("text", ["il tape lui-même ses coordonnées bancaires ?",
                                  "c'est l'acheteur qui rentre ses coordonnées ?"])
def test_details_keyed_in_are_the_cards_not_a_lines(text: str) -> None:
    found = aspects(text)
    assert ("ask_vad", "ask_offer_definition") in found and ("ask_support",) not in found
