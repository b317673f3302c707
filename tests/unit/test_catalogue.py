"""Le catalogue contient tous les faits du document de référence, et rien qu'eux."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest
import yaml

from cecaz import validate
from cecaz.catalogue import (
    DEFAULT_DIR,
    Catalogue,
    CatalogueError,
    CatalogueStore,
    EntityKind,
    load_catalogue,
    per_catalogue,
)
from cecaz.hours import format_hours

# The reference document, kept in the repository so that these checks run on every machine.
SEED = Path(__file__).resolve().parents[2] / "docs" / "reference" / "000_56be02e822f40172.txt"
REFERENCE = SEED.read_text(encoding="utf-8")
DIGITS = re.compile(r"\D")


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue()


def reference_text() -> str:
    return REFERENCE


def test_every_phone_of_the_document_is_in_the_catalogue(cat: Catalogue) -> None:
    text = reference_text()
    phones = re.findall(r"(?:\+33 \d(?: \d\d){4}|0\d(?:[ .]\d\d){4})", text)
    assert len(phones) == 5
    catalogue_digits = {DIGITS.sub("", c.telephone) for c in cat.contacts.values() if c.telephone}
    for phone in phones:
        assert DIGITS.sub("", phone) in catalogue_digits, phone
    assert len(catalogue_digits) == len(phones), "le catalogue contient un numéro absent du document"


def test_every_email_of_the_document_is_in_the_catalogue(cat: Catalogue) -> None:
    emails = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", reference_text()))
    assert emails == {c.email for c in cat.contacts.values() if c.email}


@pytest.mark.parametrize(
    ("contact", "public", "hours"),
    [
        ("payplug_support", "clients", "du lundi au vendredi de 9h à 18h"),
        ("payplug_partenariat", "cecaz", "du lundi au vendredi de 9h30 à 17h30"),
        ("assistance_spplus_jpel", "clients", None),
        ("service_clients_spplus", "clients", "du lundi au vendredi de 9h à 18h"),
        ("assistance_monetique_pro", "cecaz", "du lundi au samedi de 9h à 18h"),
        ("assistance_spplus_interne", "cecaz", None),
    ],
)
def test_contact_audience_and_hours_match_the_document(cat: Catalogue, contact: str, public: str,
                                                       hours: Optional[str]) -> None:
    entry = cat.contacts[contact]
    assert entry.public == public
    assert format_hours(entry.horaires) == hours


def test_contact_purposes_and_call_price(cat: Catalogue) -> None:
    assert "demandes clients" in cat.contacts["payplug_support"].objet
    assert "leads" in cat.contacts["payplug_partenariat"].objet
    assert cat.contacts["service_clients_spplus"].tarif_appel == "prix d’un appel + 0,06 €/min"
    assert "0,06" in reference_text()


def test_numbers_and_hours_quoted_in_the_catalogue_come_from_the_document(cat: Catalogue) -> None:
    text = reference_text()
    for contact in cat.contacts.values():
        if contact.telephone:
            assert DIGITS.sub("", contact.telephone)[-9:] in DIGITS.sub("", text)
        for plage in contact.horaires:
            for moment in (plage.debut, plage.fin):
                written = f"{moment.hour}h" + (f"{moment.minute:02d}" if moment.minute else "")
                assert written in text, written


@pytest.mark.parametrize(("kind", "text", "expected"), [
    ("offer", "sp plus", "sp_plus"), ("offer", "SPPLUS", "sp_plus"), ("offer", "SP+", "sp_plus"),
    ("offer", "Je Paie En Ligne", "jpel"), ("offer", "payplg", "payplug"), ("offer", "IZ e-commerce", "iz_ecommerce"),
    ("tool", "simul upi", "simulupi"), ("tool", "schéma délégataire", "schema_delegataire"),
    ("card", "chèques-vacances", "ancv"), ("card", "cartes chinoises", "upi"),
    ("role", "Chargé d’Ingénierie Flux", "cif"),
    ("service", "assistance monétique", "assistance_monetique"), ("offer", "météo", None),
    # slips inside the words of a name, not other words that look alike (« j'étais en ligne »)
    ("service", "assitance monetique", "assistance_monetique"), ("offer", "j'étais en ligne", None),
    ("offer", "je paie en lign", "jpel"),
    # a space slipped in or out of a name, its letters the same
    ("service", "assistancemonetique", "assistance_monetique"), ("offer", "jepaie enligne", "jpel"),
    ("tool", "simul easy", "simuleasy"), ("offer", "jetais enligne", None),
])
def test_resolve_names_abbreviations_and_typos(cat: Catalogue, kind: EntityKind, text: str,
                                               expected: Optional[str]) -> None:
    assert cat.resolve(kind, text) == expected


def test_find_in_text_prefers_the_longest_name(cat: Catalogue) -> None:
    assert cat.find_in_text("service", "numéro de l'assistance monétique pro") == ["assistance_monetique"]
    assert cat.find_in_text("offer", "payplug ou sp plus ?") == ["payplug", "sp_plus"]


def test_a_kind_of_contract_is_not_a_service(cat: Catalogue) -> None:
    assert cat.find_in_text("service", "pk ça passe pas par un contrat monétique chez nous ?") == []
    assert cat.find_in_text("service", "les contrats monétiques et l'assistance monétique") == ["assistance_monetique"]
    assert cat.find_in_text("offer", "bonjour") == []


@pytest.mark.parametrize(("kind", "text", "expected"), [
    ("service", "je lui file le num de la monetqiue pro", ["assistance_monetique"]),
    ("offer", "un client payplgu veut rembourser", ["payplug"]),
    ("tool", "la simu simuleasi ou simulesy ?", ["simuleasy"]),
    ("card", "il prend les amercian express", ["amex"]),
])
def test_find_in_text_reads_names_typed_fast(cat: Catalogue, kind: EntityKind, text: str,
                                             expected: List[str]) -> None:
    assert cat.find_in_text(kind, text) in ([], expected)  # the assistant's own texts are read exactly
    assert cat.find_in_text(kind, text, typos=True) == expected


@pytest.mark.parametrize(("kind", "text"), [
    ("service", "ça supporte les cartes étrangères ?"),  # a word of the alias's family, not a typo
    ("service", "quels contrats monetqiues ouvrir ?"),  # a kind of contract, as without the typo
    ("offer", "il passe par paypal"),
    ("role", "quelle offre tu conseilles ?"),  # roles are common words: never read with typos
])
def test_find_in_text_keeps_words_that_only_look_like_names(cat: Catalogue, kind: EntityKind, text: str) -> None:
    assert cat.find_in_text(kind, text, typos=True) == []


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(DEFAULT_DIR, target)
    return target


Data = Dict[str, Any]


def _edit(path: Path, change: Callable[[Data], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _entry(*path: str, **fields: Any) -> Callable[[Data], None]:
    """Change des champs de l'entrée au bout de `path` (section, identifiant) ; `None` : champ retiré."""
    def change(data: Data) -> None:
        entry = data
        for key in path:
            entry = entry[key]
        for name, value in fields.items():
            if value is None:
                entry.pop(name)
            else:
                entry[name] = value
    return change


def _first_slot(**fields: Any) -> Callable[[Data], None]:
    """Change la première plage horaire du support Payplug."""
    def change(data: Data) -> None:
        data["contacts"]["payplug_support"]["horaires"][0].update(fields)
    return change


SLOT = "contacts.yml : entrée « contacts › payplug_support › horaires › 0"
AFTER_START = "l'heure de fin doit suivre l'heure de début"
# Field format rules (pydantic models): (rule, file, change, what the error must say).
FORMAT_RULES: List[Tuple[str, str, Callable[[Data], None], str]] = [
    ("téléphone mal formé", "contacts.yml", _entry("contacts", "payplug_support", telephone="12345"),
     "contacts.yml : entrée « contacts › payplug_support › telephone » : numéro mal formé"),
    ("e-mail mal formé", "contacts.yml", _entry("contacts", "payplug_support", email="support@payplug"),
     "contacts.yml : entrée « contacts › payplug_support › email » : adresse e-mail mal formée"),
    ("public inconnu", "contacts.yml", _entry("contacts", "payplug_support", public="tout le monde"),
     "contacts.yml : entrée « contacts › payplug_support › public »"),
    ("fin avant le début", "contacts.yml", _first_slot(fin="08:00"), f"{SLOT} › fin » : {AFTER_START}"),
    ("fin égale au début", "contacts.yml", _first_slot(debut="09:00", fin="09:00"), f"{SLOT} › fin » : {AFTER_START}"),
    ("jour inconnu", "contacts.yml", _first_slot(jours=["lundy"]), f"{SLOT} › jours › 0 »"),
    ("champ inconnu", "contacts.yml", _entry("contacts", "payplug_support", fax="01 02 03 04 05"),
     "contacts.yml : entrée « contacts › payplug_support › fax » : extra fields not permitted"),
    ("demande hors de l'objet", "contacts.yml", _entry("contacts", "payplug_partenariat", demandes=["facturation"]),
     "contacts.yml : entrée « contacts › payplug_partenariat › demandes › 0 » : demande absente de l’objet"),
    ("champ obligatoire absent", "offres.yml", _entry("offres", "jpel", definition=None),
     "offres.yml : entrée « offres › jpel › definition » : field required"),
]

# Reference rules between entries, one row each: (file, section, entry, field, bad value, problem said).
REFERENCE_RULES: List[Tuple[str, str, str, str, Any, str]] = [
    ("offres.yml", "offres", "payplug", "source", "chapitre_12", "source inconnue « chapitre_12 »"),
    ("offres.yml", "offres", "payplug", "organisation", "acme", "organisation inconnue « acme »"),
    ("offres.yml", "offres", "sp_plus", "contrats", ["acquisition", "leasing"], "contrat inconnu « leasing »"),
    ("offres.yml", "offres", "payplug", "contacts", ["payplug_support", "inconnu"], "contact inconnu « inconnu »"),
    ("contacts.yml", "contacts", "payplug_support", "source", "annexe", "source inconnue « annexe »"),
    ("contacts.yml", "contacts", "payplug_support", "organisation", "acme", "organisation inconnue « acme »"),
    ("contacts.yml", "contacts", "payplug_support", "service", "standard", "service inconnu « standard »"),
    ("contacts.yml", "contacts", "assistance_spplus_jpel", "telephone", None, "ni téléphone ni e-mail"),
    ("contacts.yml", "contacts", "payplug_support", "offres", ["payplug", "paypal"], "offre inconnue « paypal »"),
    ("mise_en_place.yml", "cartes", "upi", "simulateur", "excel", "simulateur inconnu « excel »"),
    ("mise_en_place.yml", "roles", "atc", "source", "intranet", "source inconnue « intranet »"),
    ("mise_en_place.yml", "outils", "myged", "source", "intranet", "source inconnue « intranet »"),
    ("mise_en_place.yml", "", "tarification", "simulation_depot", "sharepoint", "outil de dépôt inconnu"),
    ("raisons.yml", "raisons", "payplug_par_defaut", "source", "rumeur", "source inconnue « rumeur »"),
    ("raisons.yml", "raisons", "payplug_par_defaut", "sujet", "offer/paypal", "sujet inconnu « offer/paypal »"),
    ("raisons.yml", "raisons", "payplug_par_defaut", "sujet", "planete/mars", "sujet inconnu « planete/mars »"),
]


def _refused(directory: Path, fichier: str, change: Callable[[Data], None]) -> str:
    """Le message de `CatalogueError` pour la copie valide `directory` une fois `change` appliqué à `fichier`."""
    load_catalogue(directory)  # the unchanged copy is valid: the error comes from the change
    _edit(directory / fichier, change)
    with pytest.raises(CatalogueError) as error:
        load_catalogue(directory)
    return str(error.value)


@pytest.mark.parametrize(("fichier", "change", "message"), [rule[1:] for rule in FORMAT_RULES],
                         ids=[rule[0] for rule in FORMAT_RULES])
def test_each_format_rule_refuses_its_bad_input_and_names_file_entry_and_problem(
        tmp_path: Path, fichier: str, change: Callable[[Data], None], message: str) -> None:
    assert message in _refused(_copy(tmp_path), fichier, change)


@pytest.mark.parametrize(("fichier", "section", "entree", "champ", "valeur", "probleme"), REFERENCE_RULES,
                         ids=[f"{rule[2]}.{rule[3]}={rule[4]}" for rule in REFERENCE_RULES])
def test_each_reference_rule_refuses_its_bad_input_and_names_file_entry_and_problem(
        tmp_path: Path, fichier: str, section: str, entree: str, champ: str, valeur: Any, probleme: str) -> None:
    change = _entry(*filter(None, (section, entree)), **{champ: valeur})
    assert f"{fichier} : entrée « {entree} » : {probleme}" in _refused(_copy(tmp_path), fichier, change)


def test_an_alias_naming_two_entries_is_refused(tmp_path: Path) -> None:
    change = _entry("offres", "sp_plus", alias=["sp+", "payplug"])
    message = _refused(_copy(tmp_path), "offres.yml", change)
    assert "catalogue : entrée « sp_plus » : l'alias « payplug » désigne aussi « payplug »" in message


def test_broken_yaml_is_reported_with_the_file_name(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    (directory / "contacts.yml").write_text("contacts: [", encoding="utf-8")
    with pytest.raises(CatalogueError, match="contacts.yml : YAML invalide"):
        load_catalogue(directory)


def test_a_file_without_named_sections_is_refused(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    (directory / "contacts.yml").write_text("- une liste\n- pas des sections\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="^contacts.yml : le fichier doit contenir des sections nommées$"):
        load_catalogue(directory)


def test_a_section_defined_twice_is_refused(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    (directory / "zz_doublon.yml").write_text((directory / "sources.yml").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    with pytest.raises(CatalogueError, match="^zz_doublon.yml : section « sources » déjà définie dans sources.yml$"):
        load_catalogue(directory)


def test_an_empty_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="aucun fichier de catalogue"):
        load_catalogue(tmp_path)


# Rules of the diagnostic's section, checked by `make validate` (cecaz.validate, cecaz.diagnostic.check_catalogue).
DIAGNOSTIC_INVALID: Dict[str, Tuple[str, Callable[[Data], None], str]] = {
    "conclusion sans pourquoi": ("diagnostic.yml", lambda d: d["diagnostic"]["pourquoi"].pop("sp_plus"),
                                 "diagnostic.pourquoi : conclusions attendues"),
    "question sans aide": ("diagnostic.yml", lambda d: d["diagnostic"]["aide"].pop("moyens"),
                           "diagnostic.aide : questions attendues"),
    "mission du CIF manquante": ("mise_en_place.yml", lambda d: d["roles"]["cif"].update(missions=["diagnostic"]),
                                 "rôle cif : trois missions attendues"),
}


@pytest.mark.parametrize("rule", list(DIAGNOSTIC_INVALID))
def test_make_validate_refuses_a_diagnostic_section_it_cannot_use(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], rule: str) -> None:
    fichier, change, message = DIAGNOSTIC_INVALID[rule]
    directory = _copy(tmp_path)
    _edit(directory / fichier, change)
    assert validate.main(["validate", str(directory)]) == 1
    assert message in capsys.readouterr().err


def test_make_validate_names_the_file_entry_and_problem_of_a_catalogue_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = _copy(tmp_path)
    _edit(directory / "contacts.yml", _entry("contacts", "assistance_spplus_jpel", telephone=None))
    assert validate.main(["validate", str(directory)]) == 1
    assert "contacts.yml : entrée « assistance_spplus_jpel » : ni téléphone ni e-mail" in capsys.readouterr().err


def test_make_validate_accepts_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    assert validate.main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("✔ catalogue : 5 offres, 6 contacts")


def test_store_picks_up_an_edit_without_restart_and_keeps_last_good_version(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    store = CatalogueStore(directory)
    assert store.get().contacts["assistance_spplus_jpel"].telephone == "09 69 37 80 30"
    _edit(directory / "contacts.yml",
          lambda d: d["contacts"]["assistance_spplus_jpel"].update(telephone="09 00 00 00 01"))
    assert store.get().contacts["assistance_spplus_jpel"].telephone == "09 00 00 00 01"
    (directory / "contacts.yml").write_text("contacts: [", encoding="utf-8")
    assert store.get().contacts["assistance_spplus_jpel"].telephone == "09 00 00 00 01"


def test_what_is_derived_from_the_catalogue_follows_an_edit_of_its_data(tmp_path: Path) -> None:
    directory = _copy(tmp_path)
    store = CatalogueStore(directory)
    derived = per_catalogue(lambda cat: [cat.roles["atc"].nom])
    assert derived(store.get()) == ["ATC"] and derived(store.get()) is derived(store.get())  # computed once per read
    _edit(directory / "mise_en_place.yml", lambda d: d["roles"]["atc"].update(nom="Assistant technique"))
    assert derived(store.get()) == ["Assistant technique"]


def test_generated_nlu_synonyms_are_up_to_date() -> None:
    from cecaz.nlu_export import TARGET, render
    assert TARGET.read_text(encoding="utf-8") == render(load_catalogue())


@pytest.mark.parametrize(("text", "kind", "found"), [
    ("et latc il le fait aussi ?", "role", ["atc"]),
    ("si il laisse tomber lamex", "card", ["amex"]),
    ("c quoi losc deja", "tool", ["osc"]),
    ("il a laissé son numéro", "card", []),  # a word that only starts like a name
])
def test_a_name_typed_with_its_elided_article_glued_is_found(cat, text, kind, found):
    assert cat.find_in_text(kind, text) == found


def test_the_cards_joined_directly_are_read_from_the_catalogue_in_the_order_given(cat):
    # AMEX and ANCV: the client asks their organisation himself (section « Quelle tarification ? »)
    assert cat.joined_directly(["ancv", "standard", "upi", "inconnue", "amex"]) == ("ancv", "amex")
    assert cat.joined_directly(cat.cartes) == ("amex", "ancv")
    assert cat.joined_directly(["dfs_diners"]) == ()


@pytest.mark.parametrize(("kind", "value", "key"), [
    ("service", "lequipe partenariat", "partenariat"),
    ("service", "la monétique pro", "assistance_monetique"),
    ("service", "l'assistance monétique", "assistance_monetique"),
    # other subjects keep their own words: « celui pour le lead » is a line, not the Lead Monexpert
    ("tool", "le lead", None),
])
def test_an_entity_value_extracted_with_its_article_resolves(kind: str, value: str, key: str) -> None:
    assert load_catalogue().resolve(kind, value) == key
