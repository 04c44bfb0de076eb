"""Inbound adapters: each provider's webhook or mailbox, verified, stored raw, then processed."""
