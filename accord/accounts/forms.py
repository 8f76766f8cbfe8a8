"""Sign-in in the GOV.UK idiom."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from accord.common.forms import style_widgets


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Enter a correct username and password. Both are case-sensitive; "
            "after 5 failed attempts, sign-in is locked for 15 minutes."
        ),
        "inactive": "This account is not active. Ask a partnership manager to reopen it.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update(
            {"autocomplete": "username", "spellcheck": "false", "autocapitalize": "none"}
        )
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})
        self.fields["username"].widget.attrs.pop("autofocus", None)
        style_widgets(self)


class TokenForm(forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        max_length=100,
        required=False,
        help_text="For example: performance spreadsheet import. Helps you recognise it later.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
