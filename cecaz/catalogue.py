"""Le catalogue des offres, lu depuis `catalogue/*.yml`, validé et typé.

Toutes les réponses factuelles de l'assistant viennent d'ici : modifier un numéro ou un horaire
est une modification de données, relue sans réentraînement (voir `CatalogueStore`)."""

from __future__ import annotations

import _string  # type: ignore[import-not-found]  # str.format's own field-name parser
import difflib
import logging
import os
import re
import string
import threading
from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Literal, Optional, Sequence, Tuple, TypeVar, Union, get_args

import yaml
from pydantic import BaseModel, Extra, ValidationError, validator

from cecaz.settings import load as load_settings
from cecaz.textnorm import fold

logger = logging.getLogger(__name__)

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "catalogue"
JOURS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# Les sortes de sujets que le NLU reconnaît comme entités (mêmes noms dans domain.yml) et la section
# du catalogue qui les nomme. La seule liste des entités : tout le reste la lit ici.
EntityKind = Literal["offer", "tool", "role", "card", "service"]
ENTITY_KINDS: Tuple[EntityKind, ...] = get_args(EntityKind)
ENTITY_SECTIONS: Dict[EntityKind, str] = {"offer": "offres", "tool": "outils", "role": "roles", "card": "cartes",
                                          "service": "services"}
# Champs d'une phrase de `phrases.yml` (« {offre.definition} », « {payplug.nom} », « {cartes:noms} ») : leur
# racine est une sorte d'entrée passée par le code, l'identifiant d'une entrée ou une section unique (remplis
# par le catalogue), une liste d'identifiants passée par le code (dite par les noms, `:noms`), ou les faits
# dits par le collaborateur (`faits`, seulement dans une phrase de cadre).
# Une adresse e-mail : format vérifié dans le catalogue, adresses citées trouvées dans un message (focus).
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHRASE_KINDS: Dict[str, str] = {"offre": "offres", "outil": "outils", "role": "roles", "carte": "cartes",
                                "demarche": "etapes"}
SINGLE_SECTIONS = ("affiliation", "tarification")
LIST_ROOTS: Dict[str, str] = {"cartes": "cartes", "offres": "offres", "autres": "offres", "lignes": "contacts",
                              "internes": "contacts", "payantes": "contacts", "demarches": "etapes", "roles": "roles",
                              "cites": "roles"}
FREE_ROOTS = ("faits", "sujet")  # what the adviser said: his client's facts, the thing he asks about
# Conversions (« {offre.fonds!l} ») : première lettre en minuscule ou en majuscule ; formats : un identifiant
# ou une liste d'identifiants dits par les noms (« A, B et C », « A, B ou C »), une liste de textes séparés
# par « ; ».
CONVERSIONS = ("l", "u")
FORMATS = ("", "noms", "noms_ou", "liste")
# Sections dont les identifiants nomment une entrée, dans l'ordre où un identifiant est cherché.
NAMED_SECTIONS = ("offres", "outils", "roles", "cartes", "contacts", "contrats", "etapes")


# « un contrat monétique » : ce qui suit « contrat » dit une sorte de contrat, pas un service.
_CONTRACT_BEFORE = re.compile(r"\bcontrats? $")
# Names typed fast (« monetqiue », « payplgu ») : a long word close to a one-word alias of a name. Roles are common
# nouns and verbs of the same family (« conseilles » / « conseiller »), never read with typos.
_TYPO_KINDS: Tuple[EntityKind, ...] = ("offer", "tool", "card", "service")
_TYPO_MIN_LENGTH = 6
_TYPO_CUTOFF = 0.85


class CatalogueError(Exception):
    """Le catalogue est invalide ; le message nomme le fichier, l'entrée et le problème."""


class _Strict(BaseModel):
    class Config:
        extra = Extra.forbid
        allow_mutation = False


class Plage(_Strict):
    jours: List[Literal[JOURS]]  # type: ignore[valid-type]
    debut: time
    fin: time

    @validator("fin")
    def _fin_apres_debut(cls, fin: time, values: dict) -> time:
        if "debut" in values and fin <= values["debut"]:
            raise ValueError("l'heure de fin doit suivre l'heure de début")
        return fin


class Contact(_Strict):
    nom: str
    organisation: str
    offres: List[str]
    service: str
    objet: str
    # Words of `objet` that name the requests this line takes (« distribution », « leads ») : a question about
    # them is a question for this line. Each must appear in `objet` (validator below).
    demandes: List[str] = []
    # what sets the line apart, said after its noun (« les gens qui s'occupent des banques ») : `cecaz.notions`
    notions: List[str] = []
    public: Literal["clients", "cecaz"]
    cecaz_aussi: bool = False  # a client line the document also gives to the CECAZ (« Pour les clients et la CECAZ »)
    telephone: Optional[str] = None
    email: Optional[str] = None
    tarif_appel: Optional[str] = None
    horaires: List[Plage] = []
    source: str

    @property
    def internal(self) -> bool:
        """La ligne est réservée aux collaborateurs CECAZ : elle ne se donne jamais au client."""
        return self.public == "cecaz"

    @property
    def for_clients(self) -> bool:
        """La ligne se donne au client (public « clients » du document, section « Contacts »)."""
        return self.public == "clients"

    @property
    def serves_staff(self) -> bool:
        """La ligne sert les collaborateurs CECAZ : réservée à eux, ou donnée « pour les clients et la CECAZ »."""
        return self.internal or self.cecaz_aussi

    @validator("telephone")
    def _telephone_valide(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not re.fullmatch(r"(\+33 \d|0\d)( \d\d){4}", value):
            raise ValueError(f"numéro mal formé : {value!r} (attendu « 09 69 37 80 30 » ou « +33 1 76 34 01 55 »)")
        return value

    @validator("demandes", each_item=True)
    def _demande_dans_objet(cls, value: str, values: Dict[str, Any]) -> str:
        if fold(value) not in fold(values.get("objet", "")):
            raise ValueError(f"demande absente de l’objet de la ligne : {value!r}")
        return value

    @validator("email")
    def _email_valide(cls, value: Optional[str]) -> Optional[str]:
        if value is not None and not EMAIL.fullmatch(value):
            raise ValueError(f"adresse e-mail mal formée : {value!r}")
        return value


class Offre(_Strict):
    """Une offre ; `contrats` : les contrats à ouvrir côté BPCE, None si le document n'en cite pas ;
    `pages_paiement` : l'offre qui prend en charge ses pages de paiement, si c'est une autre ; `a_la_place` :
    l'offre que le document propose à la place de celle-ci (le contrat VAD, déconseillé)."""

    nom: str
    alias: List[str]
    categorie: Literal["page_paiement", "sans_site", "creation_site", "deconseillee"]
    organisation: Optional[str]
    definition: str
    pour_qui: str
    contractant: Optional[str]
    contrats: Optional[List[str]]
    note_contrats: Optional[str]
    fonds: Optional[str]
    tarification: Optional[str]
    tarifs_connus: bool
    notions: List[str] = []
    support: Optional[str]
    contacts: List[str]
    pages_paiement: Optional[str] = None
    a_la_place: Optional[str] = None
    source: str


class Contrat(_Strict):
    nom: str
    detail: str


class Organisation(_Strict):
    nom: str
    description: str


class Role(_Strict):
    nom: str
    alias: List[str]
    missions: List[str]
    source: str
    notions: List[str] = []  # ce qu'il fait, dans les mots du document : `cecaz.notions`


class Outil(_Strict):
    nom: str
    alias: List[str]
    role: str
    source: str
    notions: List[str] = []  # ce qu'il fait, dans les mots du document : `cecaz.notions`


class Carte(_Strict):
    nom: str
    alias: List[str]
    simulateur: Optional[str]
    affiliation_directe: bool
    notions: List[str] = []  # ce qu'il fait, dans les mots du document : `cecaz.notions`


class Affiliation(_Strict):
    procedure: str
    tarification: str
    source: str


class Tarification(_Strict):
    simulation_depot: str
    schema_delegataire_page: int
    acquisition: str
    acceptation: str
    source: str


class Etape(_Strict):
    """Une étape d'une démarche : les phrases qui la disent (`phrases.yml`) et les débuts de mots, sans accents, qui
    disent qu'on en est là (« simu », « myged »)."""

    phrases: List[str]
    reperes: List[str]


class Demarche(_Strict):
    """Une démarche dont le document donne l'ordre des étapes (section `source`) ; `offres` / `cartes` : les sujets
    pour lesquels elle vaut quand la conversation en nomme (vide : tous)."""

    nom: str
    source: str
    offres: List[str] = []
    cartes: List[str] = []
    suite: List[Etape]


class Service(_Strict):
    alias: List[str]


class Raison(_Strict):
    """Une raison donnée par le document : `sujet` « sorte/identifiant » (ex. « offer/payplug »,
    None : quel que soit le sujet), `questions` : familles dont elle justifie la réponse (« * » : toutes)."""

    sujet: Optional[str] = None
    questions: List[str]
    texte: str
    source: str


class Diagnostic(_Strict):
    """Textes du diagnostic guidé (conclusion → pourquoi, question → aide) ; clés vérifiées par
    `cecaz.diagnostic.check_catalogue`."""

    pourquoi: Dict[str, str]
    aide: Dict[str, str]


class Enonce(_Strict):
    """Un énoncé du document de référence : sa section (`sources`) et sa citation exacte."""

    section: str
    citation: str


class Silence(_Strict):
    """Ce que le document ne dit pas (`sujet`), à côté de ce qu'il dit (`enonces`)."""

    section: str
    sujet: str
    enonces: List[str]


class Inference(_Strict):
    """Ce que l'équipe a choisi de tirer du document (`texte`), de quels énoncés, et pourquoi."""

    texte: str
    enonces: List[str]
    raison: str


class Phrase(_Strict):
    """Une phrase que l'assistant peut dire, avec ses champs (« {offre.definition} ») : `appuis`, les
    énoncés, silences ou inférences sur lesquels elle repose en plus des textes qu'elle reprend ;
    `cadre` : elle ne dit rien du document (reprise des réponses du collaborateur, présentation)."""

    texte: str
    appuis: List[str] = []
    cadre: bool = False



# how close each word of a slipped name must stay to the alias's word (« plsu » / « plus »: 0,75)
_WORD_SLIP_RATIO = 0.75


# An article in front of a name (folded text)
_ARTICLE = re.compile(r"^(?:le|la|les|l|du|des|de la|de l|d)\s+")


def _same_words_slipped(typed: str, alias: str) -> bool:
    """`typed` is `alias` with slips inside its words (folded, same number of words, each one close to the alias's:
    « assitance monetique pro ») or its very letters with a space slipped in or out (« assistancemonetique pro »,
    « pay plug »), not other words that happen to look alike (« jetais en ligne »)."""
    words, alias_words = typed.split(), alias.split()
    if len(words) != len(alias_words):
        return "".join(words) == "".join(alias_words)
    return all(
        a == b or difflib.SequenceMatcher(None, a, b).ratio() >= _WORD_SLIP_RATIO
        for a, b in zip(words, alias_words, strict=True))

class Catalogue(_Strict):
    sources: Dict[str, str]
    enonces: Dict[str, Enonce]
    silences: Dict[str, Silence]
    inferences: Dict[str, Inference]
    phrases: Dict[str, Phrase]
    appuis: Dict[str, List[str]]
    offres: Dict[str, Offre]
    contrats: Dict[str, Contrat]
    organisations: Dict[str, Organisation]
    roles: Dict[str, Role]
    outils: Dict[str, Outil]
    cartes: Dict[str, Carte]
    affiliation: Affiliation
    tarification: Tarification
    contacts: Dict[str, Contact]
    services: Dict[str, Service]
    raisons: Dict[str, Raison]
    diagnostic: Diagnostic
    etapes: Dict[str, Demarche]

    def source(self, key: str) -> str:
        return self.sources[key]

    def say(self, key: str, **values: Any) -> str:
        """La phrase `key` de `phrases.yml`, ses champs remplis par `values` (une sorte : l'entrée ; une
        liste : des identifiants ; un texte libre) et par le catalogue (identifiants, sections uniques)."""
        texte = self.phrases[key].texte
        said = _PhraseFormatter(self).vformat(texte, (), _Fields(self, values))
        # « chèques-vacances ANCV : affiliation en direct… » : a sentence opening on a name written in lower case
        # still starts with a capital.
        return said[:1].upper() + said[1:] if texte.startswith("{") and texte.rstrip().endswith(".") else said

    def entry(self, key: str) -> Optional[Tuple[str, Any]]:
        """(chemin, entrée) nommée par `key` : l'identifiant d'une entrée (« payplug » → offres.payplug)
        ou une section unique (« tarification ») ; None sinon."""
        if key in SINGLE_SECTIONS:
            return key, getattr(self, key)
        for section in NAMED_SECTIONS:
            table = getattr(self, section)
            if key in table:
                return f"{section}.{key}", table[key]
        return None

    def name_of(self, key: str) -> str:
        found = self.entry(key)
        if found is None:
            raise KeyError(key)
        return str(found[1].nom)

    def joined_directly(self, cards: Iterable[str]) -> Tuple[str, ...]:
        """Those of `cards` (card keys; unknown keys are ignored) whose organisation the client joins directly,
        AMEX and ANCV (`affiliation_directe`, section « Quelle tarification ? »), in their order."""
        return tuple(c for c in cards if c in self.cartes and self.cartes[c].affiliation_directe)

    def contacts_for(self, offre_id: str) -> List[Tuple[str, Contact]]:
        return [(cid, self.contacts[cid]) for cid in self.offres[offre_id].contacts]

    def aliases(self, kind: EntityKind) -> Dict[str, List[str]]:
        """Identifiant → toutes les façons de le nommer (nom, identifiant, alias)."""
        table: Dict[str, Union[Offre, Outil, Role, Carte, Service]] = getattr(self, ENTITY_SECTIONS[kind])
        names: Dict[str, List[str]] = {}
        for key, entry in table.items():
            forms = [key, key.replace("_", " "), *entry.alias]
            if hasattr(entry, "nom"):
                forms.append(entry.nom)
            names[key] = list(dict.fromkeys(forms))
        return names

    def resolve(self, kind: EntityKind, text: Optional[str]) -> Optional[str]:
        """Identifiant désigné par `text` (valeur d'entité), tolérant casse, accents et fautes."""
        if not text:
            return None
        index = self._fold_index(kind)
        key = fold(text)
        if key in index:
            return index[key]
        # « lequipe partenariat », « la monetique pro » : a line extracted with its article (lines only: « celui pour
        # le lead » points to a line by what it handles, not to the Lead Monexpert)
        if kind == "service" and (bare := _ARTICLE.sub("", key)) in index:
            return index[bare]
        if len(key) >= 4:
            # a typo keeps its first letter: « plus » (in « il ne voit plus… ») is not « splus » ; and its words, each
            # close to the alias's: « j'étais en ligne » is not « jepaie en ligne »
            close = difflib.get_close_matches(key, [a for a in index if a[:1] == key[:1]], n=3, cutoff=0.8)
            for alias in close:
                if _same_words_slipped(key, alias):
                    return index[alias]
        return None

    def find_in_text(self, kind: EntityKind, text: str, *, typos: bool = False) -> List[str]:
        """Identifiants nommés dans une phrase libre, dans l'ordre d'apparition.

        Les alias les plus longs passent d'abord et un passage déjà reconnu n'est pas relu :
        « assistance monétique » ne donne pas aussi « assistance ». `typos` (message tapé par le collaborateur) :
        quand aucun alias n'y figure tel quel, un alias dont un seul mot est mal tapé le nomme (« monetqiue »,
        « amercian express » : mot d'au moins six lettres, ratio de `difflib` ≥ 0,85, qui ne diffère pas du mot
        de l'alias par sa seule fin comme « supporte »), sauf pour les rôles. L'ordre est alors celui des alias."""
        folded = f" {fold(text)} "
        found = self._aliases_in(kind, folded)
        if typos and not found and kind in _TYPO_KINDS:
            return self._misspelt_in(kind, folded)
        return found

    def _aliases_in(self, kind: EntityKind, folded: str) -> List[str]:
        taken: List[Tuple[int, int]] = []
        found: Dict[str, int] = {}
        for alias, key in sorted(self._fold_index(kind).items(), key=lambda kv: -len(kv[0])):
            # « latc », « lamex » : the elided article glued to a name that starts with a vowel, as typed in Teams
            glued = "(?:[ld])?" if alias[:1] in "aeiouy" else ""
            for match in re.finditer(rf"(?<![\w+]){glued}{re.escape(alias)}(?![\w+])", folded):
                start, end = match.span()
                if any(start < e and s < end for s, e in taken):
                    continue
                if _names_a_contract(kind, folded, start):
                    continue
                taken.append((start, end))
                found[key] = min(found.get(key, start), start)
        return sorted(found, key=found.__getitem__)

    def _misspelt_in(self, kind: EntityKind, folded: str) -> List[str]:
        tokens = [(m.group(), m.start()) for m in re.finditer(r"[\w+]+", folded)]
        found: List[str] = []
        for alias, key in self._fold_index(kind).items():
            words = alias.split()
            for at in range(len(tokens) - len(words) + 1):
                window = tokens[at:at + len(words)]
                differing = [(word, token) for word, (token, _) in zip(words, window, strict=True) if word != token]
                if (len(differing) == 1 and _is_typo(*differing[0]) and key not in found
                        and not _names_a_contract(kind, folded, window[0][1])):
                    found.append(key)
        return found

    def name_words(self, kind: EntityKind, key: str) -> set[str]:
        """Les mots repliés de toutes les façons de nommer ce sujet (nom, identifiant, alias) ; vide pour une clé
        inconnue. Ce qu'un message dit d'autre que ce nom est ce qu'il demande."""
        return {w for form in self.aliases(kind).get(key, ()) for w in fold(form).split()}

    def reason(self, family: str, subjects: Sequence[Tuple[EntityKind, str]]) -> Optional[Raison]:
        """La raison qui justifie la réponse de la famille `family` sur ces sujets ((sorte, identifiant)),
        la plus précise d'abord : sujet et famille, sujet et « * », famille seule ; la raison générale
        d'une offre (« * » : pourquoi JPEL plutôt que la VAD) ne passe qu'après celle de la famille
        (« pourquoi ? » après la tarification de JPEL : la raison de la tarification). None si le
        document n'en donne pas."""
        keys = [f"{kind}/{key}" for kind, key in subjects]
        ranked = [(r.sujet in keys and family in r.questions,
                   r.sujet in keys and "*" in r.questions and not str(r.sujet).startswith("offer/"),
                   r.sujet is None and family in r.questions,
                   r.sujet in keys and "*" in r.questions) for r in self.raisons.values()]
        for level in range(4):
            for raison, levels in zip(self.raisons.values(), ranked, strict=True):
                if levels[level]:
                    return raison
        return None

    def _fold_index(self, kind: EntityKind) -> Dict[str, str]:
        return {fold(form): key for key, forms in self.aliases(kind).items() for form in forms}


def _names_a_contract(kind: EntityKind, folded: str, start: int) -> bool:
    """« contrat monétique » : the service's name after « contrat » is a kind of contract (« Comment ouvrir les
    services ? »), not a line."""
    return kind == "service" and bool(_CONTRACT_BEFORE.search(folded[:start]))


def _is_typo(word: str, typed: str) -> bool:
    """`typed` is `word` of a name typed fast: both long enough, close (difflib's ratio), and not a word of its
    family that differs only by its ending (« supporte » / « supports », « monétiques »)."""
    if min(len(word), len(typed)) < _TYPO_MIN_LENGTH or abs(len(word) - len(typed)) > 2:
        return False
    stem = len(os.path.commonprefix([word, typed]))
    matcher = difflib.SequenceMatcher(None, word, typed)
    return stem < min(len(word), len(typed)) - 1 and matcher.quick_ratio() >= _TYPO_CUTOFF \
        and matcher.ratio() >= _TYPO_CUTOFF


def _enumerate_names(names: Sequence[str], last: str = "et") -> str:
    """« A », « A et B », « A, B et C » (ou « A, B ou C »)."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {last} " + names[-1]


def render_field(cat: Catalogue, value: Any, conversion: Optional[str], spec: str) -> str:
    """Un champ de phrase rendu : format (`noms`, `noms_ou`, `liste`) puis conversion (`l`, `u`)."""
    if spec in ("noms", "noms_ou"):
        keys = [value] if isinstance(value, str) else value
        text = _enumerate_names([cat.name_of(key) for key in keys], "ou" if spec == "noms_ou" else "et")
    elif spec == "liste":
        text = " ; ".join(value)
    else:
        text = format(value, spec)
    if conversion in CONVERSIONS:
        text = (text[:1].lower() if conversion == "l" else text[:1].upper()) + text[1:]
    return text


class _PhraseFormatter(string.Formatter):
    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat

    def convert_field(self, value: Any, conversion: Optional[str]) -> Any:
        return (value, conversion)  # applied with the format by `format_field`

    def format_field(self, value: Any, format_spec: str) -> str:
        field, conversion = value
        return render_field(self.cat, field, conversion, format_spec)


class _Fields(Dict[str, Any]):
    """Les valeurs passées à `Catalogue.say`, puis les entrées du catalogue par identifiant."""

    def __init__(self, cat: Catalogue, values: Dict[str, Any]) -> None:
        super().__init__(values)
        self.cat = cat

    def __missing__(self, key: str) -> Any:
        found = self.cat.entry(key)
        if found is None:
            raise KeyError(key)
        return found[1]


def phrase_fields(texte: str) -> List[Tuple[str, List[Union[str, int]], Optional[str], str]]:
    """Les champs d'une phrase : (racine, accès après la racine, conversion, format), dans l'ordre."""
    fields = []
    for _, name, spec, conversion in string.Formatter().parse(texte):
        if name is not None:
            root, rest = _string.formatter_field_name_split(name)
            fields.append((str(root), [key for _, key in rest], conversion, spec or ""))
    return fields


def _phrase_problem(cat: Catalogue, phrase: Phrase) -> Optional[str]:
    """Ce qui empêcherait de dire la phrase (champ inconnu, conversion ou format inconnus), ou None."""
    if phrase.cadre and phrase.appuis:
        return "une phrase de cadre ne dit rien du document : pas d'appuis"
    try:
        fields = phrase_fields(phrase.texte)
    except ValueError as exc:
        return f"accolades mal formées : {exc}"
    for root, access, conversion, spec in fields:
        if conversion not in (None, *CONVERSIONS) or spec not in FORMATS:
            return f"conversion ou format inconnu dans « {root} »"
        if root in FREE_ROOTS:
            if not phrase.cadre or access:
                return f"« {root} » (ce que dit le collaborateur) n'a sa place que seul, dans une phrase de cadre"
        elif root in LIST_ROOTS:
            if access or spec not in ("noms", "noms_ou"):
                return f"« {root} » est une liste d'identifiants : à écrire « {{{root}:noms}} »"
        elif root in PHRASE_KINDS:
            model = Catalogue.__fields__[PHRASE_KINDS[root]].type_  # the entries' model
            if not access or access[0] not in model.__fields__:
                return f"« {root} » n'a pas de champ « {access[0] if access else ''} »"
        elif cat.entry(root) is None:
            return f"champ inconnu « {root} »"
    return None


def unreachable_fields(cat: Catalogue) -> List[str]:
    """Les champs de phrase nommant une entrée qui n'ont pas de valeur (« {cif.missions[3]} » quand le
    CIF a trois missions) ; vérifiés par `make validate`, comme les autres besoins du code."""
    problems = []
    for key, phrase in cat.phrases.items():
        for root, access, _, _ in phrase_fields(phrase.texte):
            found = cat.entry(root)
            if found is None:
                continue
            try:
                follow(found[1], access)
            except (AttributeError, IndexError, KeyError, TypeError):
                problems.append(f"phrases.yml : entrée « {key} » : « {root} » n'a pas de champ "
                                f"« {'.'.join(map(str, access))} »")
    return problems


def follow(value: Any, access: Sequence[Union[str, int]]) -> Any:
    """La valeur au bout des accès d'un champ de phrase (attributs, indices)."""
    for key in access:
        value = value[key] if isinstance(key, int) else getattr(value, key)
    return value


def _check_references(cat: Catalogue) -> None:
    def need(ok: bool, fichier: str, entree: str, probleme: str) -> None:
        if not ok:
            raise CatalogueError(f"{fichier} : entrée « {entree} » : {probleme}")

    for key, offre in cat.offres.items():
        need(offre.source in cat.sources, "offres.yml", key, f"source inconnue « {offre.source} »")
        need(offre.organisation is None or offre.organisation in cat.organisations,
             "offres.yml", key, f"organisation inconnue « {offre.organisation} »")
        for contrat in offre.contrats or ():
            need(contrat in cat.contrats, "offres.yml", key, f"contrat inconnu « {contrat} »")
        need(offre.pages_paiement is None or offre.pages_paiement in cat.offres, "offres.yml", key,
             f"offre des pages de paiement inconnue « {offre.pages_paiement} »")
        need(offre.a_la_place is None or offre.a_la_place in cat.offres, "offres.yml", key,
             f"offre proposée à la place inconnue « {offre.a_la_place} »")
        for cid in offre.contacts:
            need(cid in cat.contacts, "offres.yml", key, f"contact inconnu « {cid} »")
    for key, contact in cat.contacts.items():
        need(contact.source in cat.sources, "contacts.yml", key, f"source inconnue « {contact.source} »")
        need(contact.organisation in cat.organisations, "contacts.yml", key,
             f"organisation inconnue « {contact.organisation} »")
        need(contact.service in cat.services, "contacts.yml", key, f"service inconnu « {contact.service} »")
        need(bool(contact.telephone or contact.email), "contacts.yml", key, "ni téléphone ni e-mail")
        for offre_id in contact.offres:
            need(offre_id in cat.offres, "contacts.yml", key, f"offre inconnue « {offre_id} »")
    for key, carte in cat.cartes.items():
        need(carte.simulateur is None or carte.simulateur in cat.outils, "mise_en_place.yml", key,
             f"simulateur inconnu « {carte.simulateur} »")
    sourced: List[Tuple[str, Union[Role, Outil]]] = [*cat.roles.items(), *cat.outils.items()]
    for key, item in sourced:
        need(item.source in cat.sources, "mise_en_place.yml", key, f"source inconnue « {item.source} »")
    for key, raison in cat.raisons.items():
        need(raison.source in cat.sources, "raisons.yml", key, f"source inconnue « {raison.source} »")
        kind, _, ident = (raison.sujet or "").partition("/")
        need(raison.sujet is None or (kind in ENTITY_KINDS and ident in getattr(cat, ENTITY_SECTIONS[kind])),  # type: ignore[index]
             "raisons.yml", key, f"sujet inconnu « {raison.sujet} »")
    need(cat.tarification.simulation_depot in cat.outils, "mise_en_place.yml", "tarification",
         "outil de dépôt inconnu")
    for key, demarche in cat.etapes.items():
        need(demarche.source in cat.sources, "mise_en_place.yml", key, f"source inconnue « {demarche.source} »")
        need(set(demarche.offres) <= set(cat.offres) and set(demarche.cartes) <= set(cat.cartes),
             "mise_en_place.yml", key, "offre ou carte inconnue")
        need(bool(demarche.suite) and all(p in cat.phrases for e in demarche.suite for p in e.phrases),
             "mise_en_place.yml", key, "étape sans phrase, ou phrase inconnue")
    for key, enonce in cat.enonces.items():
        need(enonce.section in cat.sources, "sources.yml", key, f"section inconnue « {enonce.section} »")
    for key, silence in cat.silences.items():
        need(silence.section in cat.sources, "sources.yml", key, f"section inconnue « {silence.section} »")
    linked: List[Tuple[str, str, Sequence[str]]] = [
        *(("sources.yml", k, s.enonces) for k, s in cat.silences.items()),
        *(("sources.yml", k, i.enonces) for k, i in cat.inferences.items())]
    for fichier, key, ids in linked:
        for ident in ids:
            need(ident in cat.enonces, fichier, key, f"énoncé inconnu « {ident} »")
    bases = {**cat.enonces, **cat.silences, **cat.inferences}
    need(len(bases) == len(cat.enonces) + len(cat.silences) + len(cat.inferences), "sources.yml", "appuis",
         "un même identifiant sert à un énoncé, un silence ou une inférence")
    grounded: List[Tuple[str, str, Sequence[str]]] = [
        *(("phrases.yml", k, p.appuis) for k, p in cat.phrases.items()),
        *(("appuis.yml", k, ids) for k, ids in cat.appuis.items())]
    for fichier, key, ids in grounded:
        for ident in ids:
            need(ident in bases, fichier, key, f"appui inconnu « {ident} » (ni énoncé, ni silence, ni inférence)")
    for key, phrase in cat.phrases.items():
        problem = _phrase_problem(cat, phrase)
        need(problem is None, "phrases.yml", key, problem or "")
    for kind in ENTITY_KINDS:
        seen: Dict[str, str] = {}
        for key, forms in cat.aliases(kind).items():
            for form in forms:
                other = seen.setdefault(fold(form), key)
                need(other == key, "catalogue", key, f"l'alias « {form} » désigne aussi « {other} »")


def load_catalogue(directory: Path = DEFAULT_DIR) -> Catalogue:
    """Lit et valide tous les fichiers YAML du dossier ; lève `CatalogueError` sinon."""
    merged: Dict[str, object] = {}
    origin: Dict[str, str] = {}
    files = sorted(Path(directory).glob("*.yml"))
    if not files:
        raise CatalogueError(f"{directory} : aucun fichier de catalogue (*.yml)")
    for path in files:
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise CatalogueError(f"{path.name} : YAML invalide : {exc}") from exc
        if not isinstance(content, dict):
            raise CatalogueError(f"{path.name} : le fichier doit contenir des sections nommées")
        for section, value in content.items():
            if section in merged:
                raise CatalogueError(f"{path.name} : section « {section} » déjà définie dans {origin[section]}")
            merged[section] = value
            origin[section] = path.name
    try:
        cat = Catalogue.parse_obj(merged)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = [str(part) for part in err["loc"]]
            fichier = origin.get(loc[0], "catalogue") if loc else "catalogue"
            entree = " › ".join(loc)
            problems.append(f"{fichier} : entrée « {entree} » : {err['msg']}")
        raise CatalogueError("\n".join(problems)) from exc
    _check_references(cat)
    return cat


def files_stamp(paths: Iterable[Path]) -> Tuple[Tuple[str, int, int], ...]:
    """(nom, date de modification en ns, taille en octets) de chaque fichier, dans l'ordre donné : ce qui change
    quand un fichier est corrigé, pour relire sans redémarrer. Lève OSError si un fichier a disparu."""
    return tuple((p.name, st.st_mtime_ns, st.st_size) for p in paths for st in (p.stat(),))


class CatalogueStore:
    """Catalogue relu quand un fichier change : une correction s'applique sans redémarrage.

    Un fichier devenu invalide est signalé dans les journaux et l'ancienne version reste servie."""

    def __init__(self, directory: Optional[Path] = None) -> None:
        self.directory = Path(directory or load_settings().catalogue_dir or DEFAULT_DIR)
        self._lock = threading.Lock()
        self._stamp = self._current_stamp()
        self._catalogue = load_catalogue(self.directory)

    def _current_stamp(self) -> Tuple[Tuple[str, int, int], ...]:
        return files_stamp(sorted(self.directory.glob("*.yml")))

    def get(self) -> Catalogue:
        stamp = self._current_stamp()
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    self._stamp = stamp
                    try:
                        self._catalogue = load_catalogue(self.directory)
                        logger.info("catalogue rechargé", extra={"dossier": str(self.directory)})
                    except CatalogueError as exc:
                        logger.error("catalogue invalide, version précédente conservée : %s", exc)
        return self._catalogue


_Derived = TypeVar("_Derived")


def per_catalogue(derive: Callable[[Catalogue], _Derived]) -> Callable[[Catalogue], _Derived]:
    """`derive` (patterns, word sets… built from a catalogue) computed once per catalogue read: again only when the
    store has read the files anew (another `Catalogue` object), so an edit of the data is seen without a restart."""
    last: List[Tuple[Catalogue, _Derived]] = []

    def derived(cat: Catalogue) -> _Derived:
        if not last or last[0][0] is not cat:
            last[:] = [(cat, derive(cat))]
        return last[0][1]
    derived.__doc__ = derive.__doc__
    return derived


@lru_cache(maxsize=1)
def shared_store() -> CatalogueStore:
    """Le magasin du processus (serveur d'actions ou serveur Rasa), créé au premier usage."""
    return CatalogueStore()


def all_phones(cat: Catalogue) -> Iterable[str]:
    return (c.telephone for c in cat.contacts.values() if c.telephone)


def all_emails(cat: Catalogue) -> Iterable[str]:
    return (c.email for c in cat.contacts.values() if c.email)
