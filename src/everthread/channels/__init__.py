"""Channels in and out: the providers' webhooks and mailboxes, and their sending APIs.

Sits above ``outreach``: inbound messages are recognised, threaded and checked for
opt-out keywords here; outbound messages are the outreach gate's queued rows, which
the outbox worker here delivers through each provider's adapter.
"""
