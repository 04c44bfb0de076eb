"""Outbound adapters: each provider's sending API, called only by the outbox worker."""
