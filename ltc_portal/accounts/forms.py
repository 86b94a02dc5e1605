"""Sign-in and password forms, with messages in plain English that never say which part was wrong.

A wrong username and a wrong password get the same message, so the sign-in page does not tell
anyone whether an account exists; the password reset page says the same thing either way.
"""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from core.phones import phone_problem
from directory.models import Person


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "The username or password is not right. Check them and try again, or reset your "
            "password."
        ),
        # Django only says this after a correct password; we keep it as vague as a wrong one.
        "inactive": _(
            "The username or password is not right. Check them and try again, or reset your "
            "password."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = _("Enter your username")
        self.fields["password"].error_messages["required"] = _("Enter your password")
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})


class ResetRequestForm(PasswordResetForm):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget.attrs.update({"autocomplete": "new-password"})
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("Confirm new password")


class OwnDetailsForm(forms.ModelForm):
    """A partner's own email, phone and who may see them; nothing else of their entry."""

    class Meta:
        model = Person
        fields = ["email", "phone", "visibility"]
        labels = {
            "email": _("Work email address"),
            "phone": _("Work phone number"),
            "visibility": _("Who may see your email address and phone number?"),
        }
        widgets = {"visibility": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update(
            {"autocomplete": "email", "spellcheck": "false", "autocapitalize": "none"}
        )
        self.fields["phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an email address like name@example.org"
        )
        self.fields["visibility"].error_messages["required"] = _("Choose who may see your details")

    def clean_phone(self):
        phone = " ".join(self.cleaned_data["phone"].split())
        problem = phone_problem(phone) if phone else ""
        if problem:
            raise forms.ValidationError(problem)
        return phone


class MeetingEmailsForm(forms.Form):
    """A member's choice: meeting invitations and changes by email, or the calendar feed only."""

    EMAIL, FEED = "email", "feed"
    how = forms.ChoiceField(
        label=_("How do you want to hear about your partnerships' meetings?"),
        choices=[
            (EMAIL, _("By email, with a calendar invitation, as well as in the calendar feed")),
            (FEED, _("Calendar feed only: no meeting emails")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how you want to hear about meetings")},
    )
