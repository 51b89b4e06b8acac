"""The chat pages and their HTMX fragments. Thin: check access through selectors, call services, render."""

import functools
import math
from collections.abc import Callable

from asgiref.sync import sync_to_async
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import reswap, retarget

from accounts.audit import audit_context
from chat import selectors, services
from chat.appointment.responses import appointment_download
from chat.errors import ChatError
from chat.export import export_filename, export_start
from chat.generation.model_status import model_availability
from chat.models import ChatSession
from chat.safety import contacts_for_request, safety_check
from chat.throttling import export_wait_seconds, question_wait_seconds, transcript_wait_seconds
from chat.transcripts.responses import FORMATS, transcript_download
from chat.versions import versions_attach
from healthassistant.errors import ApplicationError
from healthassistant.streaming import in_thread
from uploads.naming import content_disposition
from uploads.selectors import uploads_get_for_message

EXAMPLE_QUESTIONS = [
    "What does a high LDL cholesterol value on my lab report mean?",
    "I have had a headache for three days. When should I see a doctor?",
    "Explain what an HbA1c of 6.1% means in plain words.",
    "What questions should I ask my doctor about a new blood pressure medicine?",
]


def _sidebar_context(request, *, current: ChatSession | None = None) -> dict:
    query = request.GET.get("q", "")
    archived = request.GET.get("archived") == "1"
    page = _int(request.GET.get("page"), default=1)
    sessions, has_more = selectors.session_page_for_user(user=request.user, archived=archived, query=query, page=page)
    return {
        "sessions": sessions,
        "has_more": has_more,
        "next_page": page + 1,
        "query": query,
        "archived": archived,
        "current": current,
    }


def _model_context() -> dict:
    """The model's state for the status line, judged by the same rule the API refuses by."""
    availability = model_availability()
    return {"model_status": availability.status, "model_refusal": availability.refusal}


# Beyond a 64-bit integer a database can't compare the value at all (SQLite: "datatype mismatch").
_LARGEST_ID = 2**63 - 1


def _int(value: str | None, *, default: int | None = None) -> int | None:
    """A query parameter as an integer a database can take; `default` when it is missing, garbled or out of range."""
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    if number is not None and not 0 <= number <= _LARGEST_ID:
        return default
    return number


def _error(request, error: ApplicationError, *, target: str = "#composer-error") -> HttpResponse:
    """The error's message in its slot on the page, with the error's own HTTP status (as the API answers it).

    A question refused (busy, too fast) still gets its emergency guidance: it never waits for anything.
    """
    question = request.POST.get("content", "")
    context = {"error": error.message, "safety": safety_check(question, contacts=contacts_for_request(request))}
    response = render(request, "chat/partials/error.html", context, status=error.http_status)
    if error.retry_after:
        response["Retry-After"] = str(error.retry_after)
    return reswap(retarget(response, target), "innerHTML")


def _client_redirect(url: str) -> HttpResponse:
    # 204, not django-htmx's HttpResponseClientRedirect (200 with an empty body): there is nothing to swap.
    return HttpResponse(status=204, headers={"HX-Redirect": url})


def export_response(request) -> HttpResponse:
    """All of the user's data as one ZIP, streamed while it is made (chat/export.py)."""
    filename = export_filename(at=timezone.now())
    response = StreamingHttpResponse(
        in_thread(export_start(user=request.user, audit=audit_context(request))), content_type="application/zip"
    )
    response["Content-Disposition"] = content_disposition(filename=filename, inline=False)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def export_download(request):
    wait = export_wait_seconds(request)
    if wait is not None:
        seconds = math.ceil(wait)
        message = f"You downloaded your data very recently. You can download it again in {seconds} s."
        response = render(request, "chat/export_throttled.html", {"message": message}, status=429)
        response["Retry-After"] = str(seconds)
        return response
    return export_response(request)


def _throttle_questions(view):
    """Answers 429, in the composer's error slot, to a user asking faster than QUESTION_THROTTLE allows."""

    @functools.wraps(view)
    def throttled(request, *args, **kwargs):
        wait = question_wait_seconds(request)
        if wait is None:
            return view(request, *args, **kwargs)
        seconds = math.ceil(wait)
        message = f"You are asking very quickly. Wait {seconds} s, then try again."
        return _error(request, ChatError(message, code="throttled", http_status=429, retry_after=seconds))

    return throttled


def _message_list(request, session: ChatSession) -> HttpResponse:
    history, has_earlier = selectors.message_page(session=session)
    return render(
        request,
        "chat/partials/message_list.html",
        {"session": session, "history": history, "has_earlier": has_earlier},
    )


@login_required
@require_GET
def index(request):
    """A new chat: the empty state with example questions, and the composer."""
    return render(
        request,
        "chat/index.html",
        {**_sidebar_context(request), "examples": EXAMPLE_QUESTIONS, **_model_context()},
    )


@login_required
@require_GET
def sidebar(request):
    context = _sidebar_context(request)
    # Later pages are appended to the list by the "load more" row; the first replaces the list.
    template = "chat/partials/session_page.html" if context["next_page"] > 2 else "chat/partials/sidebar_list.html"
    return render(request, template, context)


@login_required
@require_GET
def model_status(request):
    return render(request, "chat/partials/model_status.html", _model_context())


@login_required
@require_POST
@_throttle_questions
def session_start(request):
    """The first question of a new chat: create the session, send, and open it."""
    uploads = uploads_get_for_message(user=request.user, upload_ids=request.POST.getlist("upload_ids"))
    try:
        session, _, _ = services.session_start(
            owner=request.user, content=request.POST.get("content", ""), uploads=uploads
        )
    except ChatError as error:
        return _error(request, error)
    url = reverse("chat:session-detail", args=[session.pk])
    if request.htmx:
        return _client_redirect(url)
    return redirect(url)


@login_required
@require_GET
def session_detail(request, session_id):
    session = selectors.session_get_for_user(user=request.user, session_id=session_id)
    before = _int(request.GET.get("before"))
    history, has_earlier = selectors.message_page(session=session, before_id=before)
    context = {"session": session, "history": history, "has_earlier": has_earlier}
    if request.htmx and before is not None:
        return render(request, "chat/partials/message_page.html", {**context, "earlier_page": True})
    return render(
        request,
        "chat/session_detail.html",
        {**_sidebar_context(request, current=session), **context, **_model_context()},
    )


@login_required
@require_POST
@_throttle_questions
def message_create(request, session_id):
    session = selectors.session_get_for_user(user=request.user, session_id=session_id)
    uploads = uploads_get_for_message(user=request.user, upload_ids=request.POST.getlist("upload_ids"))
    try:
        question, answer = services.message_send(
            session=session, content=request.POST.get("content", ""), uploads=uploads
        )
    except ChatError as error:
        return _error(request, error)
    return render(
        request, "chat/partials/message_pair.html", {"session": session, "question": question, "answer": answer}
    )


@login_required
@require_GET
def message_detail(request, session_id, message_id):
    message = selectors.message_get_for_user(user=request.user, message_id=message_id, session_id=session_id)
    return _message_item(request, message)


def _message_item(request, message) -> HttpResponse:
    session = message.session
    last = selectors.session_last_message(session=session)
    versions_attach([message])
    return render(
        request,
        "chat/partials/message_item.html",
        {"session": session, "message": message, "is_last": last is not None and last.pk == message.pk},
    )


@login_required
@require_POST
@_throttle_questions
def message_continue(request, session_id, message_id):
    """Continue an answer cut off at its length limit: the answer again, being written on from where it stopped."""
    answer = selectors.message_get_for_user(user=request.user, message_id=message_id, session_id=session_id)
    try:
        services.message_continue(answer=answer)
    except ChatError as error:
        return _error(request, error)
    return _message_item(request, answer)


@login_required
@require_POST
def message_stop(request, session_id, message_id):
    message = selectors.message_get_for_user(user=request.user, message_id=message_id, session_id=session_id)
    try:
        services.message_cancel(message=message)
    except ChatError as error:
        return _error(request, error)
    return HttpResponse(status=204)


@login_required
@require_POST
@_throttle_questions
def message_regenerate(request, session_id):
    return _answer_again(request, session_id, lambda session: services.message_regenerate(session=session))


@login_required
@require_POST
@_throttle_questions
def message_edit(request, session_id, message_id):
    """A question asked again in other words: its new version, answered; the chat forks there."""
    question = selectors.message_get_for_user(user=request.user, message_id=message_id, session_id=session_id)
    content = request.POST.get("content", "")
    return _answer_again(request, session_id, lambda session: services.message_edit(question=question, content=content))


@login_required
@require_POST
def message_version_select(request, session_id, message_id):
    """Show another version of a message: the chat as shown from that message on (chat.versions)."""
    message = selectors.message_get_for_user(user=request.user, message_id=message_id, session_id=session_id)
    session = message.session
    try:
        services.message_version_select(message=message)
    except ChatError as error:
        return _error(request, error)
    history, has_earlier = selectors.message_branch_page(session=session, message=message)
    return render(
        request,
        "chat/partials/message_list.html",
        {"session": session, "history": history, "has_earlier": has_earlier},
    )


def _answer_again(request, session_id, answer: Callable[[ChatSession], object]) -> HttpResponse:
    """Regenerate and edit: the chat's messages as they now stand, or the error in the composer."""
    session = selectors.session_get_for_user(user=request.user, session_id=session_id)
    try:
        answer(session)
    except ChatError as error:
        return _error(request, error)
    return _message_list(request, session)


@login_required
@require_POST
def session_update(request, session_id):
    """Rename, pin or archive; answers with the refreshed sidebar entry."""
    session = selectors.session_get_for_user(user=request.user, session_id=session_id)
    flags = {name: request.POST[name] == "1" for name in ("pinned", "archived") if name in request.POST}
    try:
        services.session_update(session=session, title=request.POST.get("title"), **flags)
    except ChatError as error:
        return _error(request, error, target="#sidebar-error")
    if "archived" in flags or "pinned" in flags:
        # Pinning and archiving move the entry: refresh the whole list.
        response = render(request, "chat/partials/sidebar_list.html", _sidebar_context(request, current=session))
        return reswap(retarget(response, "#session-list"), "outerHTML")
    return render(request, "chat/partials/session_item.html", {"chat": session, "current": session})


@login_required
@require_GET
def session_export(request, session_id):
    """The chat as Markdown or PDF (?format=md|pdf), with its sources and the disclaimer."""
    session = selectors.session_get_for_user(user=request.user, session_id=session_id)
    file_format = request.GET.get("format", "pdf")
    if file_format not in FORMATS:
        return HttpResponseBadRequest("Choose format=pdf or format=md.")
    if (wait := transcript_wait_seconds(request)) is not None:
        return _exports_throttled(wait)
    try:
        return transcript_download(session=session, file_format=file_format, audit=audit_context(request))
    except ApplicationError as error:
        return _plain_error(error)


@login_required
@require_GET
async def appointment_summary(request):
    """ "Prepare for my appointment": a one-page PDF of the person's records, with the assistant's draft."""
    if (wait := await sync_to_async(transcript_wait_seconds)(request)) is not None:
        return _exports_throttled(wait)
    try:
        return await appointment_download(user=await request.auser(), audit=audit_context(request))
    except ApplicationError as error:
        return _plain_error(error)


def _exports_throttled(wait: float) -> HttpResponse:
    """A chat or appointment PDF asked for past TRANSCRIPT_THROTTLE: a download link, so plain text."""
    seconds = math.ceil(wait)
    response = HttpResponse(
        f"You have exported many documents in a short time. Try again in {seconds} seconds.",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(seconds)
    return response


def _plain_error(error: ApplicationError) -> HttpResponse:
    return HttpResponse(error.message, status=error.http_status, content_type="text/plain; charset=utf-8")


@login_required
@require_POST
def session_records(request, session_id):
    """ "Use my records" on or off for one chat; answers with the switch as it now stands."""
    session = selectors.session_get_for_user(user=request.user, session_id=session_id)
    # A checked box sends "0" (the hidden default) then "1": the last value wins.
    use_records = request.POST.getlist("use_records")[-1:] == ["1"]
    services.session_update(session=session, use_records=use_records)
    if not request.htmx:
        return redirect("chat:session-detail", session_id=session.pk)
    return render(request, "chat/partials/records_toggle.html", {"session": session})


@login_required
@require_POST
def session_delete(request, session_id):
    session = selectors.session_get_for_user(user=request.user, session_id=session_id)
    services.session_delete(session=session)
    url = reverse("chat:index")
    if request.htmx:
        return _client_redirect(url)
    return redirect(url)
