"""Canaux de discussion du projet : page web (Socket.IO) et Microsoft Teams (Bot Framework)."""
