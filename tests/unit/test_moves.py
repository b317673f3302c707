"""Gestes de conversation lus à leur forme (cecaz/moves.py), sans Rasa."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from addons.conversation_moves import ConversationMoves
from cecaz.aspects import asks_benefit
from cecaz.moves import (
    AUDIENCE,
    HANDOFF,
    REPEAT,
    RESTART,
    START_DIAGNOSTIC,
    SUBJECT_ONLY,
    WHY,
    asks_about_previous_answer,
    asks_if_an_offer_needs_a_site,
    is_card_what_if,
    mentions_diagnostic,
    read_move,
    says_nothing_of_the_client,
)
from tests.unit.conftest import reply_to


@pytest.mark.parametrize(("text", "move"), [
    # un humain, quels que soient le verbe et le nom
    ("est-ce que je peux causer avec un être humain", HANDOFF),
    ("mets-moi en relation avec un collègue", HANDOFF),
    ("j'aimerais joindre un interlocuteur", HANDOFF),
    ("tu me passes un opérateur stp", HANDOFF),
    # répéter
    ("reformule stp", REPEAT),
    ("tu me remets ça ?", REPEAT),
    ("désolé j'ai mal lu", REPEAT),
    ("t'as dit quoi déjà ?", REPEAT),
    ("désolé je regardais ailleurs, tu me refais ta réponse ?", REPEAT),
    ("hein", REPEAT),
    ("encore une fois ?", REPEAT),
    ("tu peux reposer ta question ?", REPEAT),
    ("remontre moi ta dernière réponse", REPEAT),
    # pourquoi, et « c'est obligatoire ? » sur la réponse précédente
    ("pk", WHY),
    ("ah bon, pour quelle raison ?", WHY),
    ("et comment ça se fait ?", WHY),
    ("quel intérêt ?", WHY),
    ("ça sert à quoi de passer par lui ?", WHY),
    ("c'est forcément comme ça ?", WHY),
    ("on doit le faire systématiquement ?", WHY),
    ("pourquoi pas payplug ?", WHY),
    ("et pour jpel pk il faut une simu ?", WHY),  # the subject first, then the reason asked
    ("et pour un client sp+ pourquoi faut passer par myged ?", WHY),  # longer, still a why
    ("l'atc pourrait pas s'en occuper tout seul ? pk le cif ?", WHY),  # a short why after what it is about
    ("mais avec sp+ pourquoi le cif ?", WHY),
    # public de la ligne
    ("je peux le refiler à mon commerçant ?", AUDIENCE),
    ("on le communique tel quel ?", AUDIENCE),
    # diagnostic, y compris avec des faits sur le client
    ("diag stp", START_DIAGNOSTIC),
    ("je sais pas quoi proposer à mon client, tu m'aides ?", START_DIAGNOSTIC),
    ("j'hésite sur quelle offre lui conseiller", START_DIAGNOSTIC),
    ("on lance un diagnostic : client avec site", START_DIAGNOSTIC),
    ("Diagnostic pour un boulanger sans site", START_DIAGNOSTIC),
    ("aide-moi à trouver la bonne solution : il a un site et veut l'amex", START_DIAGNOSTIC),
    ("guide moi pour choisir l'offre d'un fleuriste", START_DIAGNOSTIC),
    # repartir de zéro
    ("nouvelle conversation", RESTART),
    ("je veux redémarrer la conversation", RESTART),
    ("on efface tout", RESTART),
    ("on remet tout à zéro", RESTART),
    ("on repart de zéro", RESTART),
    ("diag : c'est un fleuriste qui n'a pas de site internet et qui ne veut pas en créer", START_DIAGNOSTIC),
])
def test_move_read_from_its_form(text, move):
    assert read_move(text) == move


@pytest.mark.parametrize(("text", "subjects", "cards"), [
    ("qui fait le diagnostic des besoins ?", (), ()),  # une question sur un rôle, pas le diagnostic guidé
    ("mon client veut parler à quelqu'un", (), ()),  # la ligne du client, pas un relais
    ("je veux parler à quelqu'un de l'assistance, son numéro ?", (), ()),  # une vraie question factuelle
    ("tu peux me redonner le numéro ?", (), ()),  # « numéro » : une question de téléphone
    ("pourquoi pas un contrat VAD ?", ("vad",), ()),  # la VAD a sa propre réponse
    ("faut-il un contrat pour SP+ ?", ("sp_plus",), ()),  # une question factuelle, pas une raison
    ("qui est obligé de saisir le lead ?", (), ()),  # « qui » attend un fait
    ("il veut aussi les cartes chinoises", ("upi",), ("upi",)),  # une réponse au diagnostic
    ("bonjour", (), ()),
    ("on peut leur envoyer un mail ?", (), ()),  # écrire à la ligne, pas la donner au client
    ("aide-moi à choisir entre payplug et sp+", ("payplug", "sp_plus"), ()),  # une comparaison
    ("", (), ()),
    ("pourquoi " + "vraiment " * 20, (), ()),  # trop long pour un simple geste
])
def test_no_move_when_the_form_does_not_say_it(text, subjects, cards):
    assert read_move(text, subjects, cards) is None


def test_does_it_work_for_a_card_is_a_follow_up_on_the_subject_in_focus():
    assert read_move("et ça fonctionne pour les diners ?", ("dfs_diners",), ("dfs_diners",)) == SUBJECT_ONLY
    assert read_move("et pour un client payplug ça marche aussi ?", ("payplug",)) == SUBJECT_ONLY
    assert read_move("c’est eux aussi pour sp+ ?", ("sp_plus",)) == SUBJECT_ONLY  # the same people, another offer
    assert read_move("cest aussi eux pr sp+", ("sp_plus",)) == SUBJECT_ONLY  # typed fast, no question mark
    assert read_move("la tarif ça marche comment pour sp+ ?", ("sp_plus",)) is None  # an open question
    assert read_move("ça marche aussi pour payplug le numéro ?", ("payplug",)) is None  # a fact asked
    # the contracts a line assists only say which offer: the same question for it
    assert read_move("et elles traitent aussi les contrats Payplug ?", ("payplug",)) == SUBJECT_ONLY
    assert read_move("le CIF gère aussi les contrats SP+ ?", ("sp_plus",)) is None  # what a role does: a fact


def test_restarting_the_diagnostic_is_told_apart_from_a_new_conversation():
    assert mentions_diagnostic("recommencer le diagnostic") and not mentions_diagnostic("on recommence tout")


@pytest.mark.parametrize(("text", "yes"), [("oui, un autre", True), ("ok go", True),
                                           ("oui mais pas tout de suite", False), ("non merci", False)])
def test_says_yes(text, yes):
    from cecaz.moves import says_yes
    assert says_yes(text) is yes


@pytest.mark.parametrize(("text", "about_the_answer"), [
    ("il sert aussi pour un client payplug ?", True),
    ("et chez natixis ils ont un tel aussi ?", True),
    ("et il la fait avec quoi pour des cb classiques ?", True),
    ("il a un site ?", False),
    ("il n'a pas de site, que faire ?", False),
    ("et s’il veut aussi l’amex ?", False),
    ("il prend aussi l'amex ?", False),
    ("il veut accepter les cartes chinoises", False),
    ("on s'en sert pour payplug aussi ?", True),  # « on », the staff, using what the answer was about
    ("on l'utilise pour un client jpel ?", True),
    ("on a un client qui veut l'amex", False),
    ("et s'il n'a pas de site, on lui propose quoi à la place ?", True),
    ("et ils gerent aussi la page de paiement", True),  # « ils » typed without « ? » : those the answer was about
    ("il gere sa boutique lui meme", False),  # no « ? », no question word, « il » : the merchant
])
def test_a_pronoun_question_about_the_previous_answer_is_not_a_fact_about_the_client(text: str,
                                                                                      about_the_answer: bool) -> None:
    assert asks_about_previous_answer(text) is about_the_answer


@pytest.mark.parametrize("text", ["et ça pourquoi ?", "dans quel but ?", "d'où ça vient ?", "y a une raison ?",
                                  "tu peux m'expliquer pourquoi ?", "c'est quoi l'idée ?", "c'est justifié par quoi ?"])
def test_other_ways_to_ask_why(text):
    assert read_move(text) == WHY


def test_not_knowing_why_is_not_asking_why():
    assert read_move("je sais pas pourquoi") is None


@pytest.mark.parametrize(("text", "cards", "what_if"), [
    ("et s'il veut aussi les chèques vacances ?", {"ancv"}, True),
    ("et si le client veut accepter union pay ?", {"upi"}, True),
    ("mon client veut accepter l'amex", {"amex"}, False),   # a fact about the client: the diagnostic
    ("et s'il n'a pas de site ?", set(), False),
])
def test_a_card_in_a_what_if_is_not_a_new_diagnostic(text, cards, what_if):
    assert is_card_what_if(text, cards) is what_if


def test_a_who_question_on_the_diagnostic_asks_the_role_not_a_diagnostic():
    message = Message(data={"text": "et c'est qui qui fait le diag pour choisir ?",
                            "intent": {"name": "start_diagnostic", "confidence": 0.63}, "intent_ranking": []})
    ConversationMoves().process([message])
    assert message.get("intent")["name"] == "ask_role"


@pytest.mark.parametrize(("text", "intent"), [
    ("et cote caisse on a une autre ligne ?", "ask_support"),  # a contact line, not a client to diagnose
    ("et nous on peut s'en servir aussi ?", "ask_support"),  # whether we may use the line in focus
    ("cest pour quelle offre ce num", "ask_support"),  # the line in focus, by a demonstrative
    ("diag : il a un site mais pas de ligne fixe", "start_diagnostic"),  # the diagnostic, said
])
def test_a_question_on_a_line_read_as_a_diagnostic_asks_the_line(text, intent):
    message = Message(data={"text": text, "intent": {"name": "start_diagnostic", "confidence": 0.86},
                            "intent_ranking": []})
    ConversationMoves().process([message])
    assert message.get("intent")["name"] == intent


def test_a_question_on_a_line_read_as_a_fact_of_the_client_asks_the_line():
    # « et nous on peut s'en servir aussi ? » after a line, read as the cards the client takes
    message = Message(data={"text": "et nous on peut s'en servir aussi ?",
                            "intent": {"name": "inform_payment_methods", "confidence": 0.52}, "intent_ranking": []})
    ConversationMoves().process([message])
    assert message.get("intent")["name"] == "ask_support"


def test_a_payment_trouble_on_his_site_is_a_support_question_not_a_fact():
    message = Message(data={"text": "et si c'est le paiement qui plante sur son site ?",
                            "intent": {"name": "inform_has_site", "confidence": 0.7}, "intent_ranking": []})
    ConversationMoves().process([message])
    assert message.get("intent")["name"] == "inform_subject"


@pytest.mark.parametrize("intent", ["inform_has_site", "inform_no_site"])
def test_whether_an_offer_needs_a_site_read_as_a_fact_is_the_offers_question(intent):
    message = Message(data={"text": "payplug faut que le client ait deja un site ?",
                            "intent": {"name": intent, "confidence": 0.64}, "intent_ranking": [],
                            "entities": [{"entity": "offer", "value": "payplug"}]})
    ConversationMoves().process([message])
    assert message.get("intent")["name"] == "ask_offer_definition"


@pytest.mark.parametrize(("text", "cards", "question"), [
    ("le prix du site c'est nous qui le fixons ?", (), True),
    ("et la page de paiement du site dans ce cas ?", (), True),
    ("et les paiements sur ce site, c'est géré par qui ?", (), True),  # asks who, whatever the aspect
    ("il a un site mais payplug lui va pas, on part sur quoi ?", (), False),  # facts about the client
    ("le commerçant vend uniquement par téléphone, quelle solution ?", (), False),  # asks an offer for him
    ("et s'il a pas de site ?", (), False),  # a what-if
    ("il prend l'amex, ça coûte combien ?", ("amex",), False),  # a card he takes
])
def test_a_question_that_says_nothing_of_the_client(text, cards, question):
    assert says_nothing_of_the_client(text, cards) is question


@pytest.mark.parametrize(("text", "entities", "intent"), [
    # the merchant's question passed on: on the card he names, not a diagnostic
    ("il veut accepter l’AMEX, il me demande s’il doit les contacter lui-même",
     [{"entity": "card", "value": "amex"}], "inform_subject"),
    ("il a un site et elle veut savoir qui s'occupe de ses pages", [], "nlu_fallback"),
    # an open question on a card, saying nothing of what the client wants: the subject of a follow-up
    ("et les cartes chinoises c lequel", [{"entity": "card", "value": "upi"}], "inform_subject"),
    ("il veut accepter les cartes chinoises, on fait comment ?", [{"entity": "card", "value": "upi"}],
     "inform_payment_methods"),
    # a fact about the client, asking nothing: the diagnostic
    ("il veut accepter l'amex et il a déjà un site", [{"entity": "card", "value": "amex"}], "inform_payment_methods"),
])
def test_a_question_that_states_no_fact_of_the_client_does_not_start_the_diagnostic(text, entities, intent):
    message = Message(data={"text": text, "intent": {"name": "inform_payment_methods", "confidence": 0.9},
                            "intent_ranking": [], "entities": entities})
    ConversationMoves().process([message])
    assert message.get("intent")["name"] == intent


@pytest.mark.parametrize(("text", "asked"), [
    ("payplug faut que le client ait deja un site ?", True),
    ("JPEL ça suppose que le commerçant ait un site ?", True),
    ("faut qu'il ait un site web du coup ?", True),  # the offer of the previous answer
    ("il a un site, payplug lui va, on propose quoi ?", False),  # facts, and which offer
    ("il n'a pas de site, il lui en faudrait un ?", False),  # no: a question with « en faudrait » on a site to make
])
def test_whether_an_offer_needs_a_site_is_a_question_on_the_offer(text, asked):
    assert asks_if_an_offer_needs_a_site(text) is asked


def test_a_question_naming_who_does_the_diagnostic_asks_the_role_not_a_diagnostic():
    message = Message(data={"text": "et c'est bien lui qui fait le diagnostic du commerçant",
                            "intent": {"name": "start_diagnostic", "confidence": 0.77}, "intent_ranking": []})
    ConversationMoves().process([message])
    assert message.get("intent")["name"] == "ask_role"


@pytest.mark.parametrize("text", ["et jpel, ça empêche le souci comment ?", "avec jpel ça évite ce risque d'impayé ?"])
def test_how_the_offer_advised_instead_settles_the_problem_is_what_it_is(text: str) -> None:
    assert asks_benefit(text) and not asks_benefit("il y a une règle pour la tarif ?")
    reply, _ = reply_to(text, "nlu_fallback", {"intent": "ask_why", "offres": ["vad"]}, offres=["jpel"])
    assert "le porteur saisit lui-même" in reply, reply


def test_a_human_asked_about_a_contract_stays_a_question_on_the_contract() -> None:
    assert read_move("je peux parler à un conseiller pour un contrat ?", ()) is None
    assert not asks_benefit("Payplug, il résout le problème en combien de temps ?")  # its support, not its benefit
