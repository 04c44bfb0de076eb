"""The privacy officer exports a customer's data and erases them from the customer page;
other roles never see the buttons, and the page costs them nothing more."""

from __future__ import annotations

import io
import zipfile

from django.test import Client, RequestFactory

from everthread.customers.models import Customer
from everthread.privacy.models import ErasureRecord
from everthread.privacy.views import privacy_section


def test_the_officer_downloads_one_zip_of_everything(client: Client, amara, officer) -> None:
    client.force_login(officer)

    page = client.get(f"/customers/{amara.customer.pk}/").content.decode()
    assert "Export their data" in page
    response = client.post(f"/privacy/customers/{amara.customer.pk}/export/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "everything.json" in names


def test_the_officer_confirms_then_erases(client: Client, amara, officer) -> None:
    client.force_login(officer)

    confirm = client.get(f"/privacy/customers/{amara.customer.pk}/erase/")
    assert "This cannot be undone" in confirm.content.decode()
    assert Customer.objects.get(pk=amara.customer.pk).erased_at is None

    done = client.post(f"/privacy/customers/{amara.customer.pk}/erase/", follow=True)

    assert f"Customer {amara.customer.pk} is erased" in done.content.decode()
    assert ErasureRecord.objects.filter(customer_id=amara.customer.pk).exists()
    again = client.post(f"/privacy/customers/{amara.customer.pk}/erase/", follow=True)
    assert "already erased" in again.content.decode()


def test_an_associate_sees_no_privacy_buttons_and_is_refused(signed_in: Client, amara) -> None:
    page = signed_in.get(f"/customers/{amara.customer.pk}/").content.decode()

    assert "Export their data" not in page
    assert signed_in.post(f"/privacy/customers/{amara.customer.pk}/export/").status_code == 403
    assert signed_in.post(f"/privacy/customers/{amara.customer.pk}/erase/").status_code == 403
    assert Customer.objects.get(pk=amara.customer.pk).erased_at is None


def test_the_section_adds_no_query_to_the_customer_page(
    amara, officer, associate, django_assert_num_queries
) -> None:
    # tests/customers/test_customer_page_query_budget.py pins the page as a whole.
    request = RequestFactory().get("/")
    for viewer, shown in ((associate, False), (officer, True)):
        request.user = viewer
        with django_assert_num_queries(0):
            assert privacy_section(request, amara.customer)["shown"] is shown
