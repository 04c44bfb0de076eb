"""Writing a handover note, and reading it back with its assessment."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from everthread.conversations.views import customer_journeys
from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import customer_read_record, requires
from everthread.customers.services import customer_open, customer_to_edit
from everthread.notes.forms import NoteForm
from everthread.notes.selectors import note_detail, note_draft
from everthread.notes.services import note_save


@requires(Capability.EDIT_CUSTOMERS)
@require_http_methods(["GET", "POST"])
def note_new(request: StaffRequest, customer_id: int, note_id: int | None = None) -> HttpResponse:
    """A new note, or the author's draft to complete."""
    if request.method == "GET":
        customer = customer_open(viewer=request.user, customer_id=customer_id, contact_points=False)
    else:
        customer = customer_to_edit(actor=request.user, customer_id=customer_id)
    journeys = customer_journeys(request, customer)
    draft = note_draft(note_id=note_id, author=request.user) if note_id else None
    if request.method == "POST":
        form = NoteForm(request.POST, journeys=journeys)
    elif draft is not None:
        form = NoteForm.for_note(draft, journeys=journeys)
    else:
        form = NoteForm(journeys=journeys, initial={"promised_by": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            saved = note_save(
                customer=customer, author=request.user, draft=form.draft(), note_id=note_id
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            if saved.missing:
                messages.info(request, "Saved as your draft: " + "; ".join(saved.missing) + ".")
            else:
                messages.success(request, "Saved. Colleagues in every channel can read it now.")
            return redirect("notes:detail", note_id=saved.note.pk)
    context = {"customer": customer, "form": form, "draft": draft}
    status = 400 if request.method == "POST" else 200
    return render(request, "notes/note_form.html", context, status=status)


@requires(Capability.VIEW_CUSTOMERS)
def note_page(request: StaffRequest, note_id: int) -> HttpResponse:
    note = note_detail(note_id=note_id, viewer=request.user)
    customer_read_record(viewer=request.user, subject=note, customer_id=note.customer_id)
    return render(request, "notes/note.html", {"note": note})
