"""A second factor (a TOTP code from an authenticator app) for everyone who reaches the admin.

django-otp holds the devices and checks the codes (with its own throttling); this module adds
the one rule it leaves to us, as a middleware: when `ADMIN_SECOND_FACTOR_REQUIRED` is on, an
editor whose session is not verified is sent to set up an app (no confirmed device yet) or to
enter a code (a confirmed device) before any admin page. Partners, who have no admin access,
never see it. The pages are on the public site so that they work before the admin does.
"""

import logging
from base64 import b32encode

import django_otp
import segno
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)

DEVICE_NAME = "Authenticator app"
#: The session key holding the id of the unconfirmed device this session is setting up.
SETUP_DEVICE_SESSION_KEY = "two_factor_setup_device"

#: Admin pages an editor must reach before the second factor: signing in, out, and resetting.
EXEMPT_URL_NAMES = ["wagtailadmin_login", "wagtailadmin_logout", "wagtailadmin_password_reset"]


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def second_factor_given(user):
    """Whether `user` (the request's, through django-otp's middleware) may act as an editor:
    they confirmed a code in this session, or no second factor is required."""
    if not settings.ADMIN_SECOND_FACTOR_REQUIRED:
        return True
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


def needs_second_factor(request):
    """Whether this request is for the admin by an editor who has not given a code yet."""
    if not settings.ADMIN_SECOND_FACTOR_REQUIRED:
        return False
    if not request.path_info.startswith(reverse("wagtailadmin_home")):
        return False
    if any(request.path_info.startswith(reverse(name)) for name in EXEMPT_URL_NAMES):
        return False
    user = request.user
    if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin"):
        # Wagtail itself sends these to its sign-in page or refuses them.
        return False
    return not second_factor_given(user)


class AdminSecondFactorMiddleware:
    """Sends an unverified editor to enter a code (or set up an app) before the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_second_factor(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('account_two_factor')}?{query}")
        return self.get_response(request)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("The 6-digit code the app shows now, for example 123456."),
        max_length=8,
        error_messages={"required": _("Enter the 6-digit code from your authenticator app")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-10",
            }
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit() or not self.device.verify_token(code):
            # verify_token counts failures and throttles the device after repeated ones.
            raise forms.ValidationError(
                _("The code is not right or has expired. Enter the code the app shows now.")
            )
        return code


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def _with_next(name, request):
    return f"{reverse(name)}?{urlencode({'next': _next_url(request)})}"


@never_cache
@login_required
def verify(request):
    """Enter a code from the app that was set up earlier."""
    device = confirmed_device(request.user)
    if device is None:
        return redirect(_with_next("account_two_factor_setup", request))
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        django_otp.login(request, device)
        return redirect(_next_url(request))
    return TemplateResponse(
        request, "account/two_factor_verify.html", {"form": form, "next": _next_url(request)}
    )


@never_cache
@login_required
def setup(request):
    """Set up an authenticator app: scan the QR code (or type the key), then enter a code.

    Only someone without a confirmed app, or already verified in this session, may set one up:
    otherwise a stolen password alone could add a new app.
    """
    user = request.user
    if confirmed_device(user) is not None and not user.is_verified():
        return redirect(_with_next("account_two_factor", request))
    device = setup_device(request)
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        confirm_device(request, device)
        return redirect(_next_url(request))
    key = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
        "key_groups": [key[i : i + 4] for i in range(0, len(key), 4)],
    }
    return TemplateResponse(request, "account/two_factor_setup.html", context)


def setup_device(request):
    """The unconfirmed device of this session's set-up: a fresh key for every session.

    Bound to the session, so that someone else signed in with the same password (who would
    see the same key if it were the user's) cannot scan it and keep a working second factor.
    """
    device = TOTPDevice.objects.filter(
        user=request.user, confirmed=False, pk=request.session.get(SETUP_DEVICE_SESSION_KEY)
    ).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name=DEVICE_NAME, confirmed=False)
        request.session[SETUP_DEVICE_SESSION_KEY] = device.pk
    return device


def confirm_device(request, device):
    """Confirm the set-up, drop every other half-done one, and tell the user by email."""
    user = request.user
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    request.session.pop(SETUP_DEVICE_SESSION_KEY, None)
    django_otp.login(request, device)
    if user.email:
        body = render_to_string(
            "account/two_factor_added_email.txt", {"user": user, "when": timezone.localtime()}
        )
        subject = "An authenticator app was added to your LCT Portal account"
        try:
            send_mail(subject, body, None, [user.email])
        except Exception:
            # The app is set up either way; a mail server that is down must not undo that.
            logger.exception("Could not email %s that an authenticator app was added", user.pk)
