"""Activités Teams : lecture du texte reçu, construction des messages du bot.

Une réponse est une activité : une carte adaptative 1.4 (`card_message`, rendue par
`addons/channels/render.py`) dont les boutons sont des actions `messageBack` : Teams affiche le titre
dans la conversation et envoie la charge utile (ex. `/ask_support`) au bot ; Rasa 3.6 les envoyait
sans type d'action, donc impossibles à cliquer (rasa#11411). Le bouton « Copier le récapitulatif » de la
carte demande le récapitulatif en bloc de code (`recap_request`, `recap_message`), que Teams propose de
copier. `message` (texte Markdown et carte Hero) reste pour un texte sans structure."""

from __future__ import annotations

import logging
import re
import time
from collections import OrderedDict
from typing import Any, Callable, Dict, Iterable, List, Optional

from addons import channels
from addons.channels import render
from cecaz import settings
from cecaz.layout import Layout

logger = logging.getLogger(__name__)

MENTION = re.compile(r"<at\b[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)
HERO_CARD = "application/vnd.microsoft.card.hero"
TEAMS_CHANNEL_ID = "msteams"  # the only Bot Framework channel this bot answers (not webchat, directline…)


def activity_tenants(activity: Dict[str, Any]) -> List[str]:
    """Les identifiants de locataire que l'activité déclare (`channelData.tenant.id`, `conversation.tenantId`)."""
    channel_data = activity.get("channelData")
    tenant = channel_data.get("tenant") if isinstance(channel_data, dict) else None
    conversation = activity.get("conversation")
    found = [tenant.get("id") if isinstance(tenant, dict) else None,
             conversation.get("tenantId") if isinstance(conversation, dict) else None]
    return [str(value) for value in found if value]


def refusal(activity: Dict[str, Any], tenant_id: Optional[str]) -> Optional[str]:
    """Pourquoi une activité authentifiée est refusée (« channel », « tenant »), ou None si elle est admise.

    Seul le canal `msteams` est admis ; si le bot a un locataire (`tenant_id`), l'activité doit déclarer ce
    locataire et aucun autre (identifiants comparés sans tenir compte de la casse)."""
    if activity.get("channelId") != TEAMS_CHANNEL_ID:
        return "channel"
    if tenant_id:
        tenants = {tenant.lower() for tenant in activity_tenants(activity)}
        if tenants != {tenant_id.strip().lower()}:
            return "tenant"
    return None


def conversation_key(activity: Dict[str, Any]) -> str:
    """L'identifiant de la conversation dans le tracker : `teams:<locataire>:<utilisateur>` (identifiant
    Entra ID de l'utilisateur, sinon son identifiant Teams), distinct de tout identifiant REST ou web."""
    sender = activity.get("from") if isinstance(activity.get("from"), dict) else {}
    user = sender.get("aadObjectId") or sender.get("id") or "-"
    tenants = activity_tenants(activity)
    return channels.conversation_key("teams", f"{tenants[0].lower() if tenants else '-'}:{user}")


def incoming_text(activity: Dict[str, Any]) -> str:
    """Le texte tapé ou la charge utile du bouton cliqué, sans les mentions <at>…</at>."""
    text = MENTION.sub(" ", str(activity.get("text") or ""))
    return " ".join(text.replace("&nbsp;", " ").split())


def welcomes_user(activity: Dict[str, Any]) -> bool:
    """Le bot vient d'être ajouté à une conversation personnelle (installation de l'application)."""
    personal = (activity.get("conversation") or {}).get("conversationType") == "personal"
    bot_id = (activity.get("recipient") or {}).get("id")
    return personal and any(member.get("id") == bot_id for member in activity.get("membersAdded") or [])


def markdown(text: str) -> str:
    """Teams ne passe à la ligne qu'avec une ligne vide en Markdown."""
    return re.sub(r"\n+", "\n\n", text.strip())


def card_action(button: Dict[str, Any]) -> Dict[str, Any]:
    title = str(button["title"])
    payload = str(button.get("payload") or title)
    return {"type": "messageBack", "title": title, "displayText": title, "text": payload,
            "value": {"payload": payload}}


def message(text: str, buttons: Optional[Iterable[Dict[str, Any]]] = None) -> Dict[str, Any]:
    activity: Dict[str, Any] = {"type": "message", "text": markdown(text), "textFormat": "markdown"}
    actions: List[Dict[str, Any]] = [card_action(button) for button in buttons or []]
    if actions:
        activity["attachments"] = [{"contentType": HERO_CARD, "content": {"buttons": actions}}]
    return activity


def card_message(layout: Layout, public_url: Optional[str] = None) -> Dict[str, Any]:
    """La réponse en une activité : sa carte adaptative, et un résumé (aperçu, notifications)."""
    return {"type": "message", "summary": render.card_summary(layout),
            "attachments": [{"contentType": render.ADAPTIVE_CARD, "content": render.adaptive_card(layout, public_url)}]}


def recap_request(activity: Dict[str, Any]) -> Optional[str]:
    """Le récapitulatif que demande le bouton « Copier le récapitulatif » d'une carte (sa `value`), sinon None."""
    value = activity.get("value")
    if isinstance(value, dict) and value.get("action") == render.COPY_RECAP_ACTION \
            and isinstance(value.get("recap"), str):
        return value["recap"][:8000]
    return None


def recap_message(recap: str) -> Dict[str, Any]:
    """Le récapitulatif seul, dans un bloc de code : Teams l'affiche tel quel, avec son bouton « Copier »."""
    fence = "````" if "```" in recap else "```"
    return {"type": "message", "textFormat": "markdown", "text": f"{fence}\n{recap}\n{fence}"}


def reply_envelope(incoming: Dict[str, Any]) -> Dict[str, Any]:
    """Les champs d'adressage d'une réponse à `incoming` : du bot vers l'utilisateur, même conversation."""
    return {"from": incoming.get("recipient"), "recipient": incoming.get("from"),
            "conversation": incoming.get("conversation"), "replyToId": incoming.get("id")}


class SeenActivities:
    """Les identifiants d'activités déjà reçus, pour ne traiter qu'une fois une activité que Teams renvoie
    (il réessaie quand il n'a pas de réponse en 15 s environ).

    Mémoire bornée : au plus `max_ids` identifiants, chacun oublié `ttl_s` secondes après sa première
    réception (Teams ne renvoie plus au-delà de quelques minutes). `clock` : secondes monotones."""

    def __init__(self, max_ids: int = 10_000, ttl_s: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_ids = max_ids
        self.ttl_s = ttl_s
        self.clock = clock
        self._seen: OrderedDict[str, float] = OrderedDict()  # id -> first seen, oldest first

    def first_time(self, activity_id: str) -> bool:
        """Vrai la première fois que `activity_id` est vu (dans la durée de mémoire), faux ensuite."""
        now = self.clock()
        while self._seen and (len(self._seen) >= self.max_ids or next(iter(self._seen.values())) <= now - self.ttl_s):
            self._seen.popitem(last=False)
        if activity_id in self._seen:
            return False
        self._seen[activity_id] = now
        return True

    async def claim(self, activity_id: str) -> bool:
        """`first_time`, sous la forme commune aux deux mémoires (`SharedSeenActivities`)."""
        return self.first_time(activity_id)

    def __len__(self) -> int:
        return len(self._seen)


class SharedSeenActivities:
    """Les identifiants d'activités déjà reçus, dans Redis, partagés par les serveurs Rasa du profil de production :
    Teams renvoie une activité restée sans réponse, et le proxy peut la donner à un autre serveur que le premier.

    `claim` pose la clé `<prefix><id>` avec `SET NX PX` (atomique : un seul serveur la pose), oubliée `ttl_s`
    secondes après. Redis injoignable : l'activité est traitée (mieux vaut une réponse en double qu'aucune),
    avec un avertissement dans le journal."""

    def __init__(self, client: Any, ttl_s: float = 3600.0, prefix: str = "cecaz:teams:seen:") -> None:
        self.client = client  # redis.asyncio.Redis
        self.ttl_ms = int(ttl_s * 1000)
        self.prefix = prefix

    async def claim(self, activity_id: str) -> bool:
        """Vrai si ce serveur est le premier à recevoir `activity_id` (ou si Redis ne répond pas), faux sinon."""
        import redis.exceptions

        try:
            return bool(await self.client.set(self.prefix + activity_id, "1", nx=True, px=self.ttl_ms))
        except (redis.exceptions.RedisError, OSError) as exc:
            logger.warning("event=teams_seen_unavailable error=%s", type(exc).__name__)
            return True


def seen_activities(config: settings.Settings) -> SeenActivities | SharedSeenActivities:
    """La mémoire des activités reçues pour ces réglages : Redis (`teams_seen_in_redis`, profil de production, avec
    la base Redis des verrous) ou la mémoire du processus (un seul serveur Rasa)."""
    if not config.teams_seen_in_redis:
        return SeenActivities()
    import redis.asyncio

    client = redis.asyncio.Redis(host=config.redis_host, port=config.redis_port, db=config.redis_db,
                                 password=config.redis_password or None, socket_timeout=3,
                                 socket_connect_timeout=3)
    return SharedSeenActivities(client)
