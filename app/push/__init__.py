"""Web push: VAPID keys, the allow-listed and pinned transport, and encrypting one message."""
