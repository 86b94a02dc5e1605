from django.urls import path

from . import two_factor, views

urlpatterns = [
    path("", views.account, name="account"),
    path("your-details/", views.own_details, name="account_own_details"),
    path("meeting-emails/", views.meeting_emails, name="account_meeting_emails"),
    # A member's own link from a meeting email (a signed token, no sign-in).
    path("meeting-emails/<str:token>/", views.meeting_emails_choice, name="meeting_emails_choice"),
    path(
        "meeting-emails/<str:token>/one-click/",
        views.meeting_emails_one_click,
        name="meeting_emails_one_click",
    ),
    path("sign-in/", views.SignInView.as_view(), name="account_sign_in"),
    path("sign-out/", views.SignOutView.as_view(), name="account_sign_out"),
    path("password-reset/", views.ResetRequestView.as_view(), name="account_password_reset"),
    path("password-reset/sent/", views.ResetDoneView.as_view(), name="account_password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        views.ResetConfirmView.as_view(),
        name="account_password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.ResetCompleteView.as_view(),
        name="account_password_reset_complete",
    ),
]

urlpatterns += [
    path("two-factor/", two_factor.verify, name="account_two_factor"),
    path("two-factor/set-up/", two_factor.setup, name="account_two_factor_setup"),
]
