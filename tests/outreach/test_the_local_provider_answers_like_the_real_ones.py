"""`everthread localprovider` answers Twilio's and WhatsApp's REST calls in their own shapes,
refuses a wrong token, lists what it took, returns the first answer to a repeat of the same
key, and still knows what it took after a restart."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

from providers import SID, provider_start


def _post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, dict]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _twilio(provider, to: str, token: str = "local-token", key: str = "") -> tuple[int, dict]:
    auth = base64.b64encode(f"{SID}:{token}".encode()).decode()
    form = urllib.parse.urlencode({"To": to, "From": "+447700900000", "Body": "Hello"})
    headers = {"Authorization": f"Basic {auth}", "Idempotency-Key": key}
    url = f"{provider.url}/2010-04-01/Accounts/{SID}/Messages.json"
    return _post(url, form.encode(), headers)


def _whatsapp(provider, to: str, key: str) -> tuple[int, dict]:
    payload = {"messaging_product": "whatsapp", "to": to, "type": "text", "text": {"body": "Hi"}}
    payload["biz_opaque_callback_data"] = key
    headers = {"Authorization": "Bearer local-token", "Content-Type": "application/json"}
    return _post(
        f"{provider.url}/v21.0/106540352242922/messages", json.dumps(payload).encode(), headers
    )


def test_twilio_messages_answer_with_an_sm_sid(provider) -> None:
    status, body = _twilio(provider, "+447700900111", key="k1")

    assert status == 201
    assert body["sid"].startswith("SM") and len(body["sid"]) == 34
    assert (body["status"], body["to"], body["account_sid"]) == ("queued", "+447700900111", SID)


def test_a_wrong_token_is_refused_like_twilio_and_meta(provider) -> None:
    status, body = _twilio(provider, "+447700900111", token="wrong")
    assert (status, body["code"]) == (401, 20003)

    request = urllib.request.Request(
        f"{provider.url}/v21.0/1/messages", data=b"{}", headers={"Authorization": "Bearer x"}
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert json.loads(refused.value.read())["error"]["code"] == 190


def test_whatsapp_answers_with_a_wamid_and_repeats_the_first_answer(provider) -> None:
    status, first = _whatsapp(provider, "447700900111", key="k2")
    _, again = _whatsapp(provider, "447700900111", key="k2")

    assert status == 200
    assert first["messages"][0]["id"].startswith("wamid.")
    assert again["messages"] == first["messages"]
    assert provider.taken_by_key() == {"k2": 1}
    assert provider.listing()["requests"] == {"k2": 2}


def test_malformed_whatsapp_json_is_a_400_with_the_reason(provider) -> None:
    headers = {"Authorization": "Bearer local-token"}
    status, body = _post(f"{provider.url}/v21.0/1/messages", b"not json", headers)

    assert (status, body["error"]["code"]) == (400, 100)


def test_it_still_knows_what_it_took_after_a_restart(tmp_path) -> None:
    first = provider_start(tmp_path)
    try:
        _, sent = _whatsapp(first, "447700900111", key="k3")
    finally:
        first.stop()

    second = provider_start(tmp_path)
    try:
        _, again = _whatsapp(second, "447700900111", key="k3")
        assert again["messages"] == sent["messages"]
        assert second.taken_by_key() == {"k3": 1}
    finally:
        second.stop()
