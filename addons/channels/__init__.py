"""Canaux de discussion du projet : page web (Socket.IO) et Microsoft Teams (Bot Framework)."""

# Ce qu'un canal envoie au bot quand une conversation commence : l'accueil du bot et ses suggestions.
WELCOME_PAYLOAD = "/greet"
# Largest request body a channel reads (REST, Teams, Socket.IO): addons/hardening.py. The longest accepted
# message is 4 000 characters (cecaz.input_guard): 64 KiB leaves room for JSON escapes and a Teams
# activity's envelope, and is a thousandth of Sanic's default.
MAX_BODY_BYTES = 64 * 1024


def conversation_key(channel: str, identifier: str) -> str:
    """L'identifiant d'une conversation dans le tracker (`sender_id`) : `<canal>:<identifiant>`.

    Chaque canal a son espace (`rest:…`, `web:…`, `teams:…`) : un identifiant choisi sur un canal ne désigne
    jamais la conversation d'un autre (un `sender` REST « 29:… » n'est pas l'utilisateur Teams « 29:… »)."""
    return f"{channel}:{identifier}"
