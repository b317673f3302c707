"""Calibration et mesure du seuil de la recherche dans le document (cecaz/document_search.py).

    .venv/bin/python -m tests.document_search.measure              # calibration : seuils candidats
    .venv/bin/python -m tests.document_search.measure --held-out   # mesure unique sur le jeu « angles » réservé

Calibration (tests/document_search/calibration.yml) : pour chaque seuil candidat, combien de questions
du périmètre reçoivent le bon passage, un autre passage, ou rien, et combien de questions hors
périmètre reçoivent un passage (il en faut 0).

Mesure (`--held-out`) : tests/nlu_angles/held_out.yml n'est lu que par ce script, au seuil retenu
(THRESHOLD), une fois, pour des chiffres globaux ; jamais pour régler. Le bon passage d'une phrase est
déduit de son intention et de ses entités par la table `EXPECTED` ci-dessous, écrite d'après les familles
(cecaz/families.py) et le document avant la mesure. Les relances qui n'ont de sens qu'après une réponse
(pourquoi, public d'une ligne, sujet seul), la conversation et le diagnostic n'ont pas de passage
attendu : on compte seulement combien reçoivent un passage ; les phrases `out_of_scope` doivent n'en
recevoir aucun."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import yaml

from cecaz.catalogue import shared_store
from cecaz.document_search import THRESHOLD, DocumentIndex, catalogue_index, search
from cecaz.scope import foreign_subject

HERE = Path(__file__).resolve().parent
CALIBRATION = HERE / "calibration.yml"
HELD_OUT = HERE.parent / "nlu_angles" / "held_out.yml"
CANDIDATES = tuple(round(0.15 + 0.01 * i, 2) for i in range(26))

# Fragments of the reference document; the right passage holds at least one of them.
INTRO = ["ensemble complet d’offres", "2 solutions de pages de paiements"]
OFFER_DEFINITION = {
    "payplug": ["Payplug : l’offre clé en main"],
    "sp_plus": ["SP+ : l’offre la plus modulaire"],
    "jpel": ["JePaieEnLigne (JPEL) permettant de combiner"],
    "iz_ecommerce": ["création de sites Internet avec l’offre IZ eCommerce"],
    "vad": ["contrat « VAD »"],
}
ROLE = {
    "cif": ["Chargé d’Ingénierie Flux", "le CIF pilote", "le CIF réalise", "le CIF établit"],
    "atc": ["l’ATC peut saisir le lead"],
    "reseau": ["si le réseau le souhaite", "en accord avec le réseau"],
}
TOOL = {
    "osc": ["dans OSC"],
    "simuleasy": ["SimulEasy"],
    "simulupi": ["SimulUPI"],
    "myged": ["déposée dans MyGed"],
    "monexpert": ["Lead Monexpert"],
    "schema_delegataire": ["schéma délégataire"],
}
CONTRACTS = {
    "payplug": ["Aucun contrat monétique n’est à ouvrir"],
    "sp_plus": ["contrats d’acquisition et d’acceptation"],
    "jpel": ["contrats monétiques « JPEL »"],
}
PRICING = {
    "payplug": ["Pour Payplug, c’est Payplug qui négocie"],
    "iz_ecommerce": ["IZ eCommerce qui négocie"],
}
ORGANISMES = ["négociées directement avec ces organismes"]
CARD_PRICING = {"amex": ORGANISMES, "ancv": ORGANISMES}
PRICING_DEFAULT = ["le CIF établit la tarification", "le CIF établit également la tarification"]
SIMULATOR = {"upi": ["SimulUPI"], "dfs_diners": ["SimulUPI"], "standard": ["SimulEasy"]}
CONTACT_BY_OFFER = {
    "payplug": ["Equipe support Payplug", "Equipe partenariat BPCE"],
    "sp_plus": ["Asssitance SP+ et JPEL", "L’assistance des contrats SP+ et JPEL",
                "Service Clients (E-Commerce SP PLUS)", "Assistance SP+: "],
    "jpel": ["Asssitance SP+ et JPEL", "L’assistance des contrats SP+ et JPEL"],
    "iz_ecommerce": ["c’est IZ eCommerce qui assure le support"],
}
CONTACT_BY_SERVICE = {
    "partenariat": ["Equipe partenariat BPCE"],
    "assistance_monetique": ["L’assistance monétique PRO"],
    "service_clients": ["Service Clients (E-Commerce SP PLUS)"],
}
ASSISTER = ["Pour Payplug, c’est Payplug qui assure le support", "L’assistance des contrats SP+ et JPEL",
            "Pour les clients et la CECAZ", "Pour la CECAZ :", "c’est IZ eCommerce qui assure le support"]
CONTACT_INTENTS = ("ask_support", "ask_phone", "ask_email", "ask_hours", "ask_is_open")
# No passage answers these on their own: follow-ups, conversation, diagnostic facts.
NO_PASSAGE_EXPECTED = ("ask_why", "ask_audience", "inform_subject", "correct_subject", "repeat_last", "human_handoff",
                       "greet", "goodbye", "thank", "bot_challenge", "bot_capabilities", "nlu_fallback",
                       "start_diagnostic", "inform_has_site", "inform_no_site", "inform_wants_site",
                       "inform_needs_modular", "inform_payment_methods", "affirm", "deny", "dont_know", "cancel",
                       "restart")


def _pick(table: Dict[str, List[str]], values: Sequence[str]) -> List[str]:
    return [f for v in values for f in table.get(v, [])]


def expected(intent: str, entities: Dict[str, List[str]]) -> Optional[List[str]]:
    """Les fragments dont l'un doit être dans le passage cité ; None : aucun passage n'est attendu ; [] :
    le document n'a pas de passage qui réponde (la question ne compte que si un passage est donné)."""
    offers, roles, tools = entities.get("offer", []), entities.get("role", []), entities.get("tool", [])
    cards, services = entities.get("card", []), entities.get("service", [])
    if intent in NO_PASSAGE_EXPECTED or intent == "out_of_scope":
        return None
    if intent == "ask_offers_overview":
        return INTRO
    if intent == "ask_offer_definition":
        return (_pick(OFFER_DEFINITION, offers) or _pick(TOOL, tools) or _pick(ROLE, roles)
                or (["demande d’affiliation"] if set(cards) & {"amex", "ancv"} else []) or _pick(SIMULATOR, cards))
    if intent == "ask_choose_offer":
        return ["Le choix par défaut sera de proposer Payplug", "SP+ pourra répondre également"]
    if intent == "ask_no_website":
        return ["JePaieEnLigne (JPEL) permettant de combiner", "pas de site internet nécessaire"]
    if intent == "ask_vad":
        return ["la CECAZ déconseille ce type d’encaissement"]
    if intent == "ask_site_creation":
        return ["création de sites Internet"]
    if intent == "ask_open_services":
        by_offer = {"payplug": ["c’est Payplug qui procède à la contractualisation"],
                    "sp_plus": ["Si SP+ est retenu par notre client"]}
        return _pick(by_offer, offers) or ["les contrats à ouvrir dépendent du besoin",
                                           "le CIF pilote la mise en place"]
    if intent == "ask_role":
        return _pick(ROLE, roles) or _pick(TOOL, tools) or [f for fs in ROLE.values() for f in fs]
    if intent == "ask_tool":
        return _pick(TOOL, tools)
    if intent == "ask_contracts":
        return _pick(CONTRACTS, offers) or ["les contrats à ouvrir dépendent du besoin"]
    if intent == "ask_funds":
        return ["virements quotidiens"] if "payplug" in offers or not offers else []
    if intent == "ask_pricing":
        return _pick(PRICING, offers) or _pick(CARD_PRICING, cards) or PRICING_DEFAULT
    if intent == "ask_simulator":
        return _pick(SIMULATOR, cards) or ["simulateurs de rentabilité", "SimulEasy"]
    if intent == "ask_simulation_filing":
        return ["déposée dans MyGed"]
    if intent == "ask_delegation":
        return ["schéma délégataire"]
    if intent == "ask_affiliation":
        return ["demande d’affiliation"]
    if intent in CONTACT_INTENTS:
        return _pick(CONTACT_BY_SERVICE, services) or _pick(CONTACT_BY_OFFER, offers) or ASSISTER
    return None


@dataclass
class Outcome:
    right: int = 0
    wrong: int = 0
    silent: int = 0

    def add(self, text: Optional[str], fragments: Sequence[str]) -> None:
        if text is None:
            self.silent += 1
        elif any(f in text for f in fragments):
            self.right += 1
        else:
            self.wrong += 1

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.silent


def _answer(index: DocumentIndex, text: str, threshold: float) -> Optional[str]:
    hit = search(index, text, threshold)
    return hit.passage.text if hit else None


def calibrate(index: DocumentIndex) -> Tuple[float, List[str]]:
    data = yaml.safe_load(CALIBRATION.read_text(encoding="utf-8"))
    inside, outside = data["dans_le_perimetre"], data["hors_perimetre"]
    lines = [f"calibration : {len(inside)} questions du périmètre, {len(outside)} hors périmètre",
             "seuil  bon  autre  rien  hors-périmètre servis"]
    safe: Optional[float] = None
    for threshold in CANDIDATES:
        outcome = Outcome()
        for item in inside:
            outcome.add(_answer(index, item["question"], threshold), item["attendu"])
        served = [q for q in outside if _answer(index, q, threshold) is not None]
        if safe is None and not served:
            safe = threshold
        lines.append(f"{threshold:5.2f}  {outcome.right:3d}  {outcome.wrong:5d}  {outcome.silent:4d}  {len(served):3d}"
                     + (f"  ({'; '.join(served[:3])}…)" if served else ""))
    scores = sorted((hit.score, q) for q in outside if not foreign_subject(q) and (hit := index.best(q)))[-5:]
    lines.append("plus hauts scores hors périmètre (après le filtre des sujets voisins) : "
                 + "; ".join(f"{s:.3f} « {q} »" for s, q in reversed(scores)))
    misses = []
    for item in inside:
        hit = index.best(item["question"])
        if hit and not any(f in hit.passage.text for f in item["attendu"]):
            misses.append(f"{hit.score:.3f} « {item['question']} » → {hit.passage.text[:70]!r}")
        elif hit and hit.score < THRESHOLD:
            misses.append(f"{hit.score:.3f} (sous le seuil) « {item['question']} »")
    lines += ["questions du périmètre sans le bon passage au seuil retenu :", *misses]
    return safe or 1.0, lines


def held_out(index: DocumentIndex) -> List[str]:
    from rasa.shared.nlu.training_data.loading import load_data  # slow import: only for this measure

    data = load_data(str(HELD_OUT))
    outcome, no_passage = Outcome(), Outcome()
    answered_without_expectation: Counter = Counter()
    totals_without_expectation: Counter = Counter()
    out_of_scope_served = out_of_scope_total = 0
    for message in data.intent_examples:
        text, intent = message.get("text"), message.get("intent")
        entities: Dict[str, List[str]] = {}
        for entity in message.get("entities") or []:
            entities.setdefault(entity["entity"], []).append(str(entity["value"]))
        answer = _answer(index, text, THRESHOLD)
        if intent == "out_of_scope":
            out_of_scope_total += 1
            out_of_scope_served += answer is not None
            continue
        fragments = expected(intent, entities)
        if fragments is None:
            totals_without_expectation[intent] += 1
            answered_without_expectation[intent] += answer is not None
        elif not fragments:
            no_passage.add(answer, ["\0"])  # any passage given is a wrong one
        else:
            outcome.add(answer, fragments)
    shown = sum(answered_without_expectation.values())
    return [
        f"jeu « angles » réservé, seuil {THRESHOLD:.2f}, {len(data.intent_examples)} phrases",
        f"questions factuelles avec un passage attendu : {outcome.total} ; bon passage {outcome.right}, "
        f"autre passage {outcome.wrong}, aucun passage {outcome.silent}",
        f"questions factuelles sans passage dans le document : {no_passage.total} ; passage donné {no_passage.wrong}",
        f"out_of_scope : {out_of_scope_total} ; passage donné {out_of_scope_served}",
        f"conversation, relances, diagnostic : {sum(totals_without_expectation.values())} ; passage donné {shown}"
        + (f" ({dict(answered_without_expectation + Counter())})" if shown else ""),
    ]


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held-out", action="store_true", help="mesure unique sur tests/nlu_angles/held_out.yml")
    args = parser.parse_args(argv)
    index = catalogue_index(shared_store().get())
    if args.held_out:
        print("\n".join(held_out(index)))
        return 0
    safe, lines = calibrate(index)
    print("\n".join(lines))
    print(f"plus petit seuil sans aucun hors-périmètre servi : {safe:.2f} ; seuil retenu (THRESHOLD) : {THRESHOLD:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
