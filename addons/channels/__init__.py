"""Canaux de discussion du projet : page web (Socket.IO) et Microsoft Teams (Bot Framework)."""

# Ce qu'un canal envoie au bot quand une conversation commence : l'accueil du bot et ses suggestions.
WELCOME_PAYLOAD = "/greet"
