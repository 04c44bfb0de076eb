"""API clients for the colleagues of the stories, signed in the way the web app signs in."""

from __future__ import annotations

from django.test import Client

from everthread.core.models import Staff


def client_of(staff: Staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client
