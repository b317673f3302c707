"""Le catalogue contient tous les faits du document de référence, et rien qu'eux."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from cecaz.catalogue import DEFAULT_DIR, CatalogueError, CatalogueStore, load_catalogue
from cecaz.hours import format_hours

# The reference document, kept in the repository so that these checks run on every machine.
SEED = Path(__file__).resolve().parents[2] / "docs" / "reference" / "000_56be02e822f40172.txt"
REFERENCE = SEED.read_text(encoding="utf-8")
DIGITS = re.compile(r"\D")


@pytest.fixture(scope="module")
def cat():
    return load_catalogue()


def reference_text() -> str:
    return REFERENCE


def test_every_phone_of_the_document_is_in_the_catalogue(cat):
    text = reference_text()
    phones = re.findall(r"(?:\+33 \d(?: \d\d){4}|0\d(?:[ .]\d\d){4})", text)
    assert len(phones) == 5
    catalogue_digits = {DIGITS.sub("", c.telephone) for c in cat.contacts.values() if c.telephone}
    for phone in phones:
        assert DIGITS.sub("", phone) in catalogue_digits, phone
    assert len(catalogue_digits) == len(phones), "le catalogue contient un numéro absent du document"


def test_every_email_of_the_document_is_in_the_catalogue(cat):
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
def test_contact_audience_and_hours_match_the_document(cat, contact, public, hours):
    entry = cat.contacts[contact]
    assert entry.public == public
    assert format_hours(entry.horaires) == hours


def test_contact_purposes_and_call_price(cat):
    assert "demandes clients" in cat.contacts["payplug_support"].objet
    assert "leads" in cat.contacts["payplug_partenariat"].objet
    assert cat.contacts["service_clients_spplus"].tarif_appel == "prix d’un appel + 0,06 €/min"
    assert "0,06" in reference_text()


def test_numbers_and_hours_quoted_in_the_catalogue_come_from_the_document(cat):
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
])
def test_resolve_names_abbreviations_and_typos(cat, kind, text, expected):
    assert cat.resolve(kind, text) == expected


def test_find_in_text_prefers_the_longest_name(cat):
    assert cat.find_in_text("service", "numéro de l'assistance monétique pro") == ["assistance_monetique"]
    assert cat.find_in_text("offer", "payplug ou sp plus ?") == ["payplug", "sp_plus"]
    assert cat.find_in_text("offer", "bonjour") == []


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize(("fichier", "change", "message"), [
    ("contacts.yml", lambda d: d["contacts"]["payplug_support"].update(telephone="12345"),
     "contacts.yml : entrée « contacts › payplug_support › telephone »"),
    ("contacts.yml", lambda d: d["contacts"]["payplug_support"].update(public="tout le monde"),
     "contacts.yml : entrée « contacts › payplug_support › public »"),
    ("contacts.yml", lambda d: d["contacts"]["payplug_support"]["horaires"][0].update(fin="08:00"),
     "l'heure de fin doit suivre l'heure de début"),
    ("offres.yml", lambda d: d["offres"]["payplug"]["contacts"].append("inconnu"),
     "offres.yml : entrée « payplug » : contact inconnu « inconnu »"),
    ("offres.yml", lambda d: d["offres"]["sp_plus"]["alias"].append("payplug"),
     "l'alias « payplug » désigne aussi « payplug »"),
    ("offres.yml", lambda d: d["offres"]["jpel"].pop("definition"),
     "offres.yml : entrée « offres › jpel › definition » : field required"),
])
def test_invalid_catalogue_names_file_entry_and_problem(tmp_path, fichier, change, message):
    directory = _copy(tmp_path)
    _edit(directory / fichier, change)
    with pytest.raises(CatalogueError) as error:
        load_catalogue(directory)
    assert message in str(error.value)


def test_broken_yaml_is_reported_with_the_file_name(tmp_path):
    directory = _copy(tmp_path)
    (directory / "contacts.yml").write_text("contacts: [", encoding="utf-8")
    with pytest.raises(CatalogueError, match="contacts.yml : YAML invalide"):
        load_catalogue(directory)


def test_store_picks_up_an_edit_without_restart_and_keeps_last_good_version(tmp_path):
    directory = _copy(tmp_path)
    store = CatalogueStore(directory)
    assert store.get().contacts["assistance_spplus_jpel"].telephone == "09 69 37 80 30"
    _edit(directory / "contacts.yml",
          lambda d: d["contacts"]["assistance_spplus_jpel"].update(telephone="09 00 00 00 01"))
    assert store.get().contacts["assistance_spplus_jpel"].telephone == "09 00 00 00 01"
    (directory / "contacts.yml").write_text("contacts: [", encoding="utf-8")
    assert store.get().contacts["assistance_spplus_jpel"].telephone == "09 00 00 00 01"


def test_generated_nlu_synonyms_are_up_to_date():
    from cecaz.nlu_export import TARGET, render
    assert TARGET.read_text(encoding="utf-8") == render(load_catalogue())
