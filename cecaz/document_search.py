"""Recherche dans le document de référence, en dernier recours avant « Vouliez-vous dire… ».

Chaque fichier de `docs/reference/` (sauf son README) est découpé en passages : une section (un titre
et les lignes qui le suivent, quand elle est courte), un bloc (une phrase, ou une ligne qui annonce une
liste avec ses éléments) ou un élément de liste avec la ligne qui l'annonce et ses coordonnées. Un
titre seul n'est jamais un passage. Les passages sont indexés par TF-IDF (scikit-learn) sur les mots
et sur les n-grammes de caractères du texte replié comme pour le NLU (`cecaz.textnorm.fold` : accents,
apostrophes ’ et ', casse ; les n-grammes de caractères absorbent les fautes de frappe).

`search` rend le meilleur passage si son score atteint `THRESHOLD`, après le filtre des sujets voisins
hors périmètre (`cecaz.scope`) : une question sur un livret, un crédit ou une assurance n'est jamais
servie par un passage. `quote` le cite mot pour mot avec le nom de sa section (celui de
`catalogue/sources.yml`), et le marque « usage interne CECAZ » quand il vient de la partie du document
réservée aux collaborateurs. L'index est construit une fois par processus (`cached_index`) : un
fichier ajouté à `docs/reference/` est cherché au redémarrage, sans entraînement. Voir docs/recherche.md."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

from cecaz.catalogue import Catalogue
from cecaz.intents import NLU_FALLBACK
from cecaz.scope import foreign_subject
from cecaz.textnorm import fold

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "docs" / "reference"
INDEXED_SUFFIXES = (".txt", ".md")
NOT_INDEXED = frozenset({"readme.md"})  # what the folder holds, not the document

# Seuil du score (0 à 1, moyenne des cosinus TF-IDF mots et n-grammes de caractères) au-dessous duquel
# aucun passage n'est cité. Choisi sur tests/document_search/calibration.yml (50 questions de longue traîne
# dont la réponse est un passage, 50 hors périmètre : sujets bancaires voisins, bavardage) : le plus haut
# score hors périmètre y est 0,231, le plus petit seuil sûr 0,24 ; 0,27 ajoute une marge de 0,04 pour des
# phrases jamais vues (calibration : 39/50 bons passages, 1 autre, 0/50 hors périmètre servi). Mesuré une
# fois sur tests/nlu_angles/held_out.yml : 0/8 hors périmètre servi. Méthode et chiffres : docs/recherche.md ;
# script : tests/document_search/measure.py.
THRESHOLD = 0.27

# Poids des mots (exacts après repli) et des n-grammes de caractères (fautes, flexions) dans le score.
WORD_WEIGHT = 0.5
# A short section (title and lines) is also a passage of its own; a longer one is searched by blocks.
MAX_SECTION_LINES = 6
# A sentence with fewer significant words than this says too little alone: it stays with the block before it.
MIN_SENTENCE_WORDS = 5

INTERNAL_LABEL = "usage interne CECAZ, à ne pas transmettre au client"  # as on contact lines (contact_lines.py)
# Marks of the document for what is internal: a title (everything after it), or a line that announces lines.
INTERNAL_TITLE = "usage interne"
INTERNAL_LINES = "pour la cecaz"
INTRODUCTION = "Introduction"
OUT_OF_SCOPE = "out_of_scope"

# Function words, question words and politeness: they say nothing of what is asked.
_STOP = frozenset("""
a ai as au aux avec avez avoir c ca ce ceci cela celle celui ces cet cette chez comment d dans de des dire dit
dois doit donc du elle elles en est et etc etre eu faire fait faut il ils j je l la le les leur leurs lui m
ma mais me mes moi mon n ne nos notre nous on ont ou par pas peu peut peuvent peux pour pouvez qu quand que
quel quelle quelles quels qui quoi s sa se ses si son sont sur t ta te tes toi ton tu un une vos votre vous y
est-ce bonjour salut merci svp stp please bien tres aussi alors ok oui non
""".split())

_ITEM = re.compile(r"^\s*[-•*–]\s?")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
# Contact data: a phone number, an e-mail address or opening hours.
_DATA = re.compile(r"\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}|@|\b\d{1,2}h(?:\d{2})?\b")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Passage:
    """Un passage du document : les lignes citées telles quelles, le nom de leur section, et si elles
    viennent de la partie du document à usage interne."""

    section: str
    lines: Tuple[str, ...]
    internal: bool = False
    heading: str = ""  # the title the lines follow ("" for the opening of a file); indexed, never quoted alone

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Hit:
    """Le meilleur passage pour une question et son score (0 à 1)."""

    passage: Passage
    score: float


def _words(text: str) -> List[str]:
    return _WORD.findall(text)


def is_item(line: str) -> bool:
    """Un élément de liste (« - … »)."""
    return bool(_ITEM.match(line))


def is_data(line: str) -> bool:
    """Une coordonnée : numéro, e-mail ou horaires (elle complète la ligne qui la précède)."""
    return bool(_DATA.search(line))


def is_heading(line: str) -> bool:
    """Un titre : une ligne « # … » (Markdown), ou une ligne courte, ni élément de liste ni coordonnée,
    qui ne finit pas comme une phrase ou une annonce de liste (. : ; ,)."""
    if _MARKDOWN_HEADING.match(line):
        return True
    stripped = line.strip()
    return (bool(stripped) and not is_item(stripped) and not is_data(stripped)
            and stripped[-1] not in ".:;,…" and 1 <= len(_words(stripped)) <= 12)


def is_internal_line(line: str) -> bool:
    """Une ligne qui annonce des lignes réservées à la CECAZ (« Pour la CECAZ : »)."""
    return fold(line).startswith(INTERNAL_LINES)


def _has_words(line: str) -> bool:
    return bool(re.search(r"[^\W_]", line))


@dataclass
class _Section:
    heading: str
    internal: bool
    lines: List[str]


def _sections(text: str) -> List[_Section]:
    """Les sections d'un fichier : un titre et ses lignes. Une fois passé un titre « usage interne », le
    reste du fichier est à usage interne (les sous-titres qui suivent en font partie)."""
    sections: List[_Section] = []
    internal = False
    for raw in text.splitlines():
        line = raw.strip()
        if not _has_words(line):
            continue  # blank lines and empty bullets
        if is_heading(line):
            heading = _MARKDOWN_HEADING.sub("", line).strip()
            internal = internal or INTERNAL_TITLE in fold(heading)
            sections.append(_Section(heading, internal, []))
        else:
            if not sections:
                sections.append(_Section("", False, []))
            sections[-1].lines.append(line)
    return sections


def _blocks(lines: Sequence[str]) -> List[List[str]]:
    """Les blocs d'une section : chaque ligne qui n'est ni un élément de liste ni une coordonnée ni une
    phrase trop courte pour dire quelque chose seule en ouvre un (une annonce de liste « A noter : » aussi) ;
    les autres s'y rattachent."""
    blocks: List[List[str]] = []
    for line in lines:
        too_short = len(search_key(line).split()) < MIN_SENTENCE_WORDS and not line.endswith(":")
        if (is_item(line) or is_data(line) or too_short) and blocks:
            blocks[-1].append(line)  # « Le détail de cette offre est disponible ici. » completes the block before it
        else:
            blocks.append([line])
    return blocks


def _item_groups(block: Sequence[str]) -> List[List[str]]:
    """Dans un bloc qui annonce une liste, chaque élément qui est une phrase (pas une coordonnée) avec la
    ligne d'annonce et les coordonnées qui le suivent (« Equipe support … », son e-mail, son numéro).
    Un élément qui annonce lui-même des éléments (« - Pour les pages de paiements e-Commerce : » suivi
    d'autres éléments) est repris devant chacun d'eux."""
    head = [] if is_item(block[0]) else [block[0]]
    sub_head: List[str] = []
    groups: List[List[str]] = []
    rest = list(block[len(head):])
    for i, line in enumerate(rest):
        following = rest[i + 1] if i + 1 < len(rest) else ""
        if is_data(line):
            if groups:
                groups[-1].append(line)
        elif line.endswith(":") and following and not is_data(following):
            sub_head = [line]
        else:
            groups.append([*head, *sub_head, line])
    return groups


def sections_of(text: str) -> List[_Section]:
    """Les sections d'un fichier du document (titre, usage interne, lignes) : pour la page du document."""
    return _sections(text)


def section_name(section: _Section, names: Sequence[str], statements: Sequence[Tuple[str, str]]) -> str:
    """Le nom de la section dans `catalogue/sources.yml` (voir `_section_name`)."""
    return _section_name(section, names, statements)


def _section_name(section: _Section, names: Sequence[str], statements: Sequence[Tuple[str, str]]) -> str:
    """Le nom de la section dans `catalogue/sources.yml` : celui qui finit par son titre, sinon celui
    d'un énoncé du catalogue cité dans ses lignes ; à défaut le titre lui-même (ou « Introduction »)."""
    heading = fold(section.heading)
    if heading:
        for name in names:
            if fold(name).endswith(heading):
                return name
    body = "\n".join(section.lines)
    for citation, name in statements:
        if citation and citation in body:
            return name
    return section.heading or INTRODUCTION


def passages_of(text: str, names: Sequence[str] = (), statements: Sequence[Tuple[str, str]] = ()) -> List[Passage]:
    """Les passages d'un texte du document de référence, sans doublon.

    `names` : les noms de sections de `catalogue/sources.yml` ; `statements` : des paires (citation
    exacte, nom de section), pour nommer une section sans titre (le début du document)."""
    found: List[Passage] = []
    for section in _sections(text):
        if not section.lines:
            continue  # a heading alone is never a passage
        name = _section_name(section, names, statements)

        def add(lines: Sequence[str], section: _Section = section, name: str = name) -> None:
            internal = section.internal or any(is_internal_line(line) for line in lines)
            passage = Passage(name, tuple(lines), internal, section.heading)
            if passage not in found:
                found.append(passage)

        blocks = _blocks(section.lines)
        if len(blocks) > 1 and len(section.lines) <= MAX_SECTION_LINES:
            add(section.lines)
        for block in blocks:
            add(block)
            groups = _item_groups(block)
            if len(groups) > 1:
                for group in groups:
                    add(group)
    return found


def reference_files(directory: Path) -> List[Path]:
    """Les fichiers indexés du dossier : textes et Markdown, sauf le README, par ordre de nom."""
    return sorted(p for p in directory.iterdir()
                  if p.is_file() and p.suffix.lower() in INDEXED_SUFFIXES and p.name.lower() not in NOT_INDEXED
                  and not p.name.startswith("."))


def search_key(text: str) -> str:
    """Le texte tel qu'il est indexé et cherché : replié (accents, apostrophes, casse), sans mots-outils."""
    return " ".join(w for w in fold(text).split() if len(w) > 1 and w not in _STOP)


def _query_vector(vectorizer: TfidfVectorizer, key: str) -> Tuple[np.ndarray, np.ndarray, float]:
    """Les termes connus de la question (indices, poids) et la norme de toute la question, termes inconnus
    du document compris (au poids IDF maximal) : une question qui parle surtout d'autre chose (« faire
    opposition sur une carte perdue ») garde un score bas même si un de ses mots est dans le document."""
    counts: Dict[str, int] = {}
    for term in vectorizer.build_analyzer()(key):
        counts[term] = counts.get(term, 0) + 1
    vocabulary, idf = vectorizer.vocabulary_, vectorizer.idf_
    known, weights, norm = [], [], 0.0
    for term, count in counts.items():
        column = vocabulary.get(term)
        weight = (1.0 + np.log(count)) * (idf[column] if column is not None else idf.max())
        norm += weight * weight
        if column is not None:
            known.append(column)
            weights.append(weight)
    return np.array(known, dtype=int), np.array(weights), float(np.sqrt(norm))


class DocumentIndex:
    """Les passages du document et leurs vecteurs TF-IDF (mots, et n-grammes de 2 à 5 caractères, comme le NLU)."""

    def __init__(self, passages: Sequence[Passage]) -> None:
        self.passages: Tuple[Passage, ...] = tuple(passages)
        keys = [search_key(f"{p.heading} {p.text}") for p in self.passages]
        self._vectorizers = (TfidfVectorizer(analyzer="word", token_pattern=r"\S+", sublinear_tf=True),
                             TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True))
        self._matrices = [v.fit_transform(keys).tocsc() for v in self._vectorizers] if self.passages else []

    def scores(self, question: str) -> np.ndarray:
        """Le score de chaque passage pour `question` : moyenne pondérée (`WORD_WEIGHT`) des cosinus sur
        les mots et sur les n-grammes de caractères ; 0 à 1."""
        key = search_key(question)
        total = np.zeros(len(self.passages))
        if not self.passages or not key:
            return total
        for weight, vectorizer, matrix in zip((WORD_WEIGHT, 1 - WORD_WEIGHT), self._vectorizers, self._matrices,
                                                 strict=True):
            columns, values, norm = _query_vector(vectorizer, key)
            if norm and len(columns):
                total += weight * (matrix[:, columns] @ values) / norm
        return total

    def best(self, question: str) -> Optional[Hit]:
        """Le passage au meilleur score, quel que soit ce score (None si l'index est vide)."""
        scores = self.scores(question)
        if not len(scores):
            return None
        i = int(np.argmax(scores))
        return Hit(self.passages[i], float(scores[i]))


def build_index(directory: Path = REFERENCE_DIR, names: Sequence[str] = (),
                statements: Sequence[Tuple[str, str]] = ()) -> DocumentIndex:
    """L'index de tous les fichiers de `directory` (voir `passages_of` pour `names` et `statements`)."""
    passages: List[Passage] = []
    for path in reference_files(directory):
        for passage in passages_of(path.read_text(encoding="utf-8"), names, statements):
            if passage not in passages:
                passages.append(passage)
    return DocumentIndex(passages)


@lru_cache(maxsize=4)
def cached_index(directory: Path = REFERENCE_DIR, names: Tuple[str, ...] = (),
                 statements: Tuple[Tuple[str, str], ...] = ()) -> DocumentIndex:
    """`build_index`, une fois par processus pour les mêmes arguments."""
    return build_index(directory, names, statements)


def search(index: DocumentIndex, question: str, threshold: float = THRESHOLD) -> Optional[Hit]:
    """Le passage qui répond à `question`, ou None : sujet voisin hors périmètre (filtré d'abord), ou
    aucun passage au score `threshold` ou plus."""
    if foreign_subject(question):
        return None
    hit = index.best(question)
    return hit if hit is not None and hit.score >= threshold else None


def first_guess(ranking: Sequence[Mapping[str, object]]) -> Optional[str]:
    """L'intention que le classifieur place en tête, le repli (`nlu_fallback`) mis à part."""
    return next((str(item.get("name")) for item in ranking if item.get("name") != NLU_FALLBACK), None)


def last_resort(index: DocumentIndex, question: str, ranking: Sequence[Mapping[str, object]] = (),
                threshold: float = THRESHOLD) -> Optional[Hit]:
    """Le passage à citer quand le NLU hésite, ou None. Le filtre hors périmètre passe d'abord : ni un
    sujet voisin (`cecaz.scope`), ni une question que le classifieur lit d'abord comme hors sujet
    (`ranking`, le classement des intentions du message), ne reçoivent de passage."""
    if first_guess(ranking) == OUT_OF_SCOPE:
        return None
    return search(index, question, threshold)


QUOTE_INTRO = "Le passage du document de référence le plus proche de votre question"  # read by cecaz.report


def quote(passage: Passage) -> str:
    """Le passage cité mot pour mot, précédé du nom de sa section ; marqué « usage interne CECAZ, à ne pas
    transmettre au client » s'il vient d'une partie du document réservée aux collaborateurs."""
    label = f" ({INTERNAL_LABEL})" if passage.internal else ""
    return f"{QUOTE_INTRO}, section « {passage.section} »{label} :\n« {passage.text} »"


def catalogue_index(cat: Catalogue, directory: Path = REFERENCE_DIR) -> DocumentIndex:
    """L'index (en cache) de `directory`, ses sections nommées comme dans `catalogue/sources.yml` : par
    leur titre, ou par un énoncé du catalogue qu'elles contiennent (le début du document, sans titre)."""
    statements = tuple((e.citation, cat.sources[e.section]) for e in cat.enonces.values() if e.section in cat.sources)
    return cached_index(directory, tuple(cat.sources.values()), statements)
