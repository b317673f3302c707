"""Questions réelles par le canal REST, sur les serveurs réels : chaque réponse contient ses faits.

Chaque ligne est une conversation (les relances sont des suites de messages). Les faits attendus
viennent du document de référence ; aucun message ne doit citer un numéro ou un e-mail hors catalogue."""

from __future__ import annotations

from typing import List, Sequence, Tuple

import pytest

from cecaz.catalogue import load_catalogue
from tests.support.facts import unknown_contacts

Turn = Tuple[str, Sequence[str]]
SP_LINES = ["09 69 37 80 30", "08 10 00 47 24"]
PAYPLUG_TEL = "+33 1 76 34 01 55"

CASES: List[Tuple[str, List[Turn]]] = [
    ("bonjour", [("bonjour", ["Bonjour"])]),
    ("salut", [("salut !", ["Bonjour"])]),
    ("numéro SP+", [("numéro assistance SP+", ["09 69 37 80 30"])]),
    ("numéros SP+", [("tous les numéros pour SP+", SP_LINES)]),
    ("num sp plus", [("num sp plus stp", ["09 69 37 80 30"])]),
    ("tel spplus", [("tel spplus", ["09 69 37 80 30"])]),
    ("tel payplug", [("tel payplug ?", [PAYPLUG_TEL])]),
    ("numéro payplug phrase", [("Bonjour, pourriez-vous me donner le numéro du support Payplug ?", [PAYPLUG_TEL])]),
    ("mail payplug", [("mail du support payplug", ["support@payplug.com"])]),
    ("email partenariat", [("adresse mail de l'equipe partenariat payplug", ["partenariat-bpce@payplug.com"])]),
    ("horaires payplug", [("horaires support payplug", ["du lundi au vendredi de 9h à 18h"])]),
    ("horaires partenariat", [("horaires equipe partenariat payplug ?", ["9h30 à 17h30"])]),
    ("horaires monétique", [("l'assistance monétique ouvre à quelle heure ?", ["du lundi au samedi de 9h à 18h"])]),
    ("numéro monétique interne", [("numéro assistance monétique pro", ["09 69 36 06 26", "à ne pas transmettre"])]),
    ("mail monétique", [("mail assistance monetique", ["assistance-monetiquepro@natixis.com"])]),
    ("mail sp+", [("adresse e-mail assistance sp+", ["assistance-spplus@natixis.com"])]),
    ("service clients sp plus", [("numéro du service clients sp plus", ["08 10 00 47 24", "0,06 €/min"])]),
    ("jpel numéro", [("numéro pour l'assistance jpel", ["09 69 37 80 30"])]),
    ("jpel je paie en ligne", [("qui contacter pour je paie en ligne ?", ["09 69 37 80 30"])]),
    ("support IZ", [("numéro du support IZ eCommerce", ["IZ eCommerce", "ne donne pas"])]),
    ("ouvert payplug lundi", [("le support payplug est-il ouvert ?", ["ouvert en ce moment (jusqu’à 18h)"])]),
    ("ouvert monétique", [("je peux appeler l'assistance monétique maintenant ?",
                           ["Oui", "Assistance monétique PRO", "ouvert en ce moment"])]),
    ("payplug ou sp+", [("payplug ou sp+ ?", ["Par défaut, proposez Payplug", "SP+"])]),
    ("choisir", [("comment choisir entre payplug et sp plus", ["Par défaut", "CIF"])]),
    ("laquelle par défaut", [("quelle solution je propose par defaut pour un site e-commerce ?", ["Payplug"])]),
    ("sans site", [("client sans site comment encaisser", ["JePaieEnLigne", "risque d’impayé"])]),
    ("vend par téléphone", [("mon client vend par telephone, il n'a pas de site web", ["JePaieEnLigne"])]),
    ("pourquoi pas vad", [("pourquoi pas un contrat VAD ?", ["déconseille", "contesté"])]),
    ("risque vad", [("en vad qui supporte le risque d'impayé ?", ["commerçant qui supporte le risque"])]),
    ("créer site", [("mon client veut créer son site internet", ["IZ eCommerce"])]),
    ("creation site sans accent", [("creation de site e commerce c'est possible ?", ["IZ eCommerce"])]),
    ("c'est quoi payplug", [("c'est quoi payplug ?", ["clé en main", "filiale du Groupe BPCE"])]),
    ("sp+ ça sert à quoi", [("SP+ ça sert à quoi", ["modulaire"])]),
    ("jpel c'est quoi", [("jpel c quoi", ["sans site", "page sécurisée"])]),
    ("iz ecommerce", [("c'est quoi IZ eCommerce ?", ["création de sites"])]),
    ("panorama", [("quelles sont les solutions pour encaisser des cartes à distance ?", ["Payplug", "SP+",
                                                                                         "JePaieEnLigne"])]),
    ("ouvrir services", [("comment ouvrir les services ?", ["diagnostic", "CIF", "OSC"])]),
    ("qui paramètre osc", [("qui fait le paramétrage OSC ?", ["OSC", "CIF"])]),
    ("lead monexpert", [("qui saisit le lead monexpert ?", ["ATC", "réseau"])]),
    ("rôle cif", [("c'est quoi le rôle du CIF ?", ["diagnostic", "contractualisation"])]),
    ("rôle atc", [("que fait l'ATC ?", ["Lead Monexpert"])]),
    ("contrats sp+", [("quels contrats ouvrir pour SP+ ?", ["acquisition", "acceptation", "OSC"])]),
    ("contrats payplug", [("faut-il ouvrir un contrat monétique pour payplug ?", ["aucun contrat monétique",
                                                                                  "full service"])]),
    ("contrat jpel", [("quel contrat pour jpel", ["JPEL", "acquisition"])]),
    ("fonds payplug", [("comment le client reçoit l'argent avec payplug ?", ["virements quotidiens"])]),
    ("tarifs payplug", [("tarifs payplug ?", ["Payplug négocie directement"])]),
    ("prix sp+", [("qui fixe le prix de sp+ ?", ["CIF", "SimulEasy"])]),
    ("tarif iz", [("tarification IZ eCommerce", ["IZ eCommerce négocie directement"])]),
    ("simulateur chinoises", [("quel simulateur pour les cartes chinoises", ["SimulUPI"])]),
    ("simulateur diners", [("simulateur pour diners ?", ["SimulUPI"])]),
    ("simuleasy ou simulupi", [("simuleasy ou simulupi ?", ["SimulEasy", "« standards »", "SimulUPI"])]),
    ("dépôt simulation", [("je depose la simulation ou ?", ["MyGed"])]),
    ("schéma délégataire", [("c'est quoi le schéma délégataire ?", ["page 3"])]),
    ("amex", [("mon client veut accepter l'amex, comment faire ?", ["affiliation", "numéro d’affilié"])]),
    ("ancv", [("cheques vacances ANCV comment on fait", ["affiliation", "Chèques-vacances"])]),
    ("tarif amex", [("qui négocie les tarifs amex ?", ["directement", "n’intervient pas"])]),
    ("myged", [("MyGed ça sert à quoi", ["simulation"])]),
    ("merci", [("merci beaucoup", ["plaisir"])]),
    ("au revoir", [("au revoir", ["Au revoir"])]),
    ("robot", [("tu es un robot ?", ["assistant automatique"])]),
    ("capacités", [("que sais-tu faire ?", ["Payplug", "diagnostic"])]),
    ("météo", [("quel temps fera-t-il demain à Nice ?", ["uniquement"])]),
    ("crédit immo", [("je veux un taux pour un crédit immobilier", ["uniquement"])]),
    ("apostrophe typographique", [("c’est quoi l’offre Payplug ?", ["clé en main"])]),
    ("majuscules", [("NUMERO ASSISTANCE SP+", ["09 69 37 80 30"])]),
    ("relance numéro", [("c'est quoi payplug ?", ["clé en main"]), ("et leur numéro ?", [PAYPLUG_TEL])]),
    ("relance horaires", [("c'est quoi payplug", ["Payplug"]), ("leurs horaires ?", ["9h à 18h"])]),
    ("relance et pour sp+", [("horaires support payplug", ["9h à 18h"]), ("et pour SP+ ?", ["Horaires pour SP+"])]),
    ("relance mail", [("numéro payplug", [PAYPLUG_TEL]), ("et leur mail ?", ["support@payplug.com"])]),
    ("relance tarif", [("tarifs sp+", ["CIF"]), ("et pour payplug ?", ["Payplug négocie directement"])]),
    ("relance contrats", [("quels contrats pour payplug ?", ["aucun contrat"]),
                          ("et pour sp plus ?", ["acquisition", "acceptation"])]),
    ("offre demandée par boutons", [("c'est quoi le numéro ?", ["Pour quelle offre"]),
                                    # the payload of the SP+ button just shown (a payload never shown is words)
                                    ('/ask_phone{"offer":"sp_plus"}', ["09 69 37 80 30"])]),
    ("relance jpel", [("numéro assistance sp+", ["09 69 37 80 30"]), ("et jpel ?", ["09 69 37 80 30"])]),
    ("vouvoiement", [("Pourriez-vous m'indiquer les horaires de l'assistance monétique ?", ["lundi au samedi"])]),
    ("pas d'accents", [("numero du service client sp plus", ["08 10 00 47 24"])]),
    ("faute payplug", [("numero payplg", [PAYPLUG_TEL])]),
    ("hotline", [("hotline sp+ ?", ["09 69 37 80 30"])]),
    ("qui contacter payplug", [("qui contacter pour un probleme payplug ?", ["support@payplug.com"])]),
    ("assister client", [("comment assister mon client sur sp+", ["BPCE"])]),
    ("diners tarif", [("tarification des contrats diners", ["SimulUPI"])]),
    ("upi", [("union pay c'est quel simulateur", ["SimulUPI"])]),
    ("délégation", [("quelle delegation pour appliquer la tarif ?", ["schéma délégataire"])]),
]


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_table_is_large_enough():
    assert sum(len(turns) for _, turns in CASES) >= 80


@pytest.mark.parametrize(("name", "turns"), CASES, ids=[c[0] for c in CASES])
def test_question_answered_with_its_facts(conversation, catalogue, name, turns):
    for text, facts in turns:
        replies = conversation(text)
        joined = "\n".join(replies)
        for fact in facts:
            assert fact in joined, f"{text!r} → {joined!r}"
        assert unknown_contacts(catalogue, replies) == []
