"""Anyone may tell a coordinator that a detail on an organisation's or partnership's page is
wrong: a short form, kept from robots by a hidden field and a per-address limit, whose
suggestions wait in the admin and never appear on the page."""

from axes.helpers import get_client_ip_address
from django import forms
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from core.privacy import viewable_by

from .models import ChangeSuggestion, DirectoryPage, Organisation, PartnershipPage

#: Suggestions one address may send in `WINDOW_SECONDS`; more are refused until it passes.
LIMIT = 5
WINDOW_SECONDS = 60 * 60
TEXT_MAX = 2000


class SuggestChangeForm(forms.Form):
    text = forms.CharField(
        label=_("What is wrong, and what should it say?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Tell us what is wrong"),
            "max_length": _("Keep it under %(limit_value)d characters"),
        },
    )
    email = forms.EmailField(
        label=_("Your email address (optional)"),
        required=False,
        max_length=254,
        help_text=_(
            "Only if you would like a reply. Only the coordinator who checks this page sees "
            "it, and it is deleted once they have dealt with your suggestion."
        ),
        error_messages={
            "invalid": _("Enter an email address like name@example.org, or leave it empty")
        },
    )
    #: Left empty by people (it is hidden from them); robots that fill every field give
    #: themselves away.
    website = forms.CharField(label=_("Leave this empty"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(
            {"autocomplete": "email", "spellcheck": "false", "autocapitalize": "none"}
        )

    @property
    def is_robot(self):
        return bool(self.cleaned_data.get("website"))


def client_address(request):
    """The visitor's address as django-axes reads it (honouring PROXY_COUNT)."""
    return get_client_ip_address(request) or "unknown"


def over_limit(request):
    """Count this suggestion against the visitor's address; True once it has sent `LIMIT`."""
    key = f"suggest-change:{client_address(request)}"
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        sent = 1
    return sent > LIMIT


def _organisation(pk):
    organisation = Organisation.objects.select_related("area").filter(pk=pk).first()
    directory = DirectoryPage.find_live()
    if organisation is None or directory is None:
        raise Http404
    return organisation, directory.organisation_url(organisation)


def _partnership(request, pk):
    pages = viewable_by(PartnershipPage.objects.live().filter(pk=pk), request.user, request)
    partnership = pages.first()
    if partnership is None:
        raise Http404
    return partnership, partnership.get_url(request)


def _subject(request, kind, pk):
    if kind == "organisation":
        organisation, url = _organisation(pk)
        return {"organisation": organisation}, organisation.name, url
    partnership, url = _partnership(request, pk)
    return {"partnership": partnership}, partnership.title, url


@never_cache
def suggest_change(request, kind, pk):
    """The form (GET), or a suggestion received (POST, then the confirmation page)."""
    subject, name, back_url = _subject(request, kind, pk)
    form = SuggestChangeForm(request.POST or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        limited = over_limit(request)
        if not limited:
            if not form.is_robot:
                ChangeSuggestion.objects.create(
                    text=form.cleaned_data["text"], email=form.cleaned_data["email"], **subject
                )
            return redirect(reverse("suggestion_sent", kwargs={"kind": kind, "pk": pk}))
    return TemplateResponse(
        request,
        "directory/suggestions/suggest_change.html",
        {"form": form, "subject_name": name, "back_url": back_url, "limited": limited},
        status=429 if limited else 200,
    )


@never_cache
def suggestion_sent(request, kind, pk):
    _subject_fields, name, back_url = _subject(request, kind, pk)
    return TemplateResponse(
        request,
        "directory/suggestions/suggestion_sent.html",
        {"subject_name": name, "back_url": back_url},
    )
