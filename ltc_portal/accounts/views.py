"""Partner sign-in, sign-out, password reset and the account page.

These are Django's own authentication views with the site's templates and forms: the security
behaviour (session rotation, safe `next` redirects, one-use reset tokens kept out of the
address bar) is Django's, not ours.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.admin.views.account import LogoutView as WagtailLogoutView
from wagtail.log_actions import log

from directory.audit import OWN_DETAILS_ACTION
from directory.models import Person, partnerships_of
from meetings.invitations import person_for_choice_token, record_choice, wants_email

from .forms import MeetingEmailsForm, NewPasswordForm, OwnDetailsForm, ResetRequestForm, SignInForm


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "account/sign_in.html"
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires) and say so on the next page."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have signed out."))
        return response


class AdminSignOutView(WagtailLogoutView):
    """The admin's sign-out, POST only, ending the session on the server.

    Wagtail's view deletes the session cookie even when it refuses a GET with 405, which
    leaves the session valid for anyone holding a copy of the cookie while the editor
    believes they signed out. Here a refused method touches nothing.
    """

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST":
            return super().dispatch(request, *args, **kwargs)
        if request.method == "OPTIONS":
            return self.options(request, *args, **kwargs)
        return self.http_method_not_allowed(request, *args, **kwargs)


class ResetRequestView(auth_views.PasswordResetView):
    form_class = ResetRequestForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("account_password_reset_done")


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = NewPasswordForm
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("account_password_reset_complete")


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


@never_cache
@login_required
def account(request):
    """The signed-in partner's own page: their partnerships and their private calendar."""
    person = _own_person(request.user)
    return TemplateResponse(
        request,
        "account/account.html",
        {
            "partnerships": partnerships_of(request.user),
            "is_editor": _is_editor(request.user),
            "person": person,
            "meeting_emails": _wants_meeting_emails(person),
        },
    )


@never_cache
@login_required
def own_details(request):
    """The partner changes their own email, phone and visibility; the change is audited with
    them as its author, for their coordinator to see. Name, role and organisation stay with
    the coordinator."""
    person = _own_person(request.user)
    if person is None:
        return TemplateResponse(request, "account/own_details.html", {"person": None})
    form = OwnDetailsForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        if form.has_changed():
            with transaction.atomic():
                form.save()
                log(
                    instance=person,
                    action=OWN_DETAILS_ACTION,
                    user=request.user,
                    data={"fields": sorted(form.changed_data)},
                )
            messages.success(request, _("Your contact details have been saved."))
        else:
            messages.info(request, _("Nothing changed."))
        return redirect("account")
    return TemplateResponse(request, "account/own_details.html", {"person": person, "form": form})


@never_cache
@login_required
def meeting_emails(request):
    """The member chooses meeting invitations and changes by email, or the feed only. Kept for
    their directory entry, whose memberships decide which meetings they hear about."""
    person = _own_person(request.user)
    if person is None:
        return TemplateResponse(request, "account/meeting_emails.html", {"person": None})
    form = _meeting_emails_form(request, person, through="account")
    if form.is_bound and form.is_valid():
        return redirect("account")
    return TemplateResponse(
        request, "account/meeting_emails.html", {"person": person, "form": form}
    )


@never_cache
def meeting_emails_choice(request, token):
    """The same choice through the member's own link in every meeting email, without signing
    in: members without an account have no account page. A forged or altered link is refused."""
    person = person_for_choice_token(token)
    if person is None:
        raise Http404("This link is not one we sent.")
    form = _meeting_emails_form(request, person, through="link")
    if form.is_bound and form.is_valid():
        return redirect(request.path)
    return TemplateResponse(
        request,
        "account/meeting_emails.html",
        {"person": person, "form": form, "by_link": True},
    )


@csrf_exempt  # the token is the authority; mail providers post no form token (RFC 8058)
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_emails_one_click(request, token):
    """A mail client's one-click "Unsubscribe" (the List-Unsubscribe-Post header): feed only.
    A GET (a client that only follows the List-Unsubscribe address, or a link scanner)
    changes nothing: it is sent to the choice page."""
    person = person_for_choice_token(token)
    if person is None:
        raise Http404("This link is not one we sent.")
    if request.method != "POST":
        return redirect("meeting_emails_choice", token=token)
    record_choice(person, by_email=False, through="one-click")
    return HttpResponse(
        "You will follow meetings through your calendar feed only: no more meeting emails.",
        content_type="text/plain; charset=utf-8",
    )


def _meeting_emails_form(request, person, *, through):
    """The choice form for `person`, bound to a POST; a valid one is saved, logged (`through`
    which page) and said so."""
    initial = {
        "how": MeetingEmailsForm.EMAIL if _wants_meeting_emails(person) else MeetingEmailsForm.FEED
    }
    # An empty POST (no choice made) must still be a bound form, so that it is refused.
    data = request.POST if request.method == "POST" else None
    form = MeetingEmailsForm(data, initial=initial)
    if data is not None and form.is_valid():
        by_email = form.cleaned_data["how"] == MeetingEmailsForm.EMAIL
        record_choice(person, by_email=by_email, through=through, user=request.user)
        if by_email:
            messages.success(request, _("You will get meeting invitations and changes by email."))
        else:
            messages.success(
                request, _("You will follow meetings through your calendar feed only.")
            )
    return form


def _wants_meeting_emails(person):
    return person is not None and wants_email(person)


def _own_person(user):
    return Person.objects.select_related("organisation").filter(user=user).first()


def _is_editor(user):
    return user.has_perm("wagtailadmin.access_admin")


def csrf_failure(request, reason=""):
    """A form was sent without its security token, or with an old one: say so plainly."""
    return TemplateResponse(request, "account/csrf_failure.html", status=403).render()
