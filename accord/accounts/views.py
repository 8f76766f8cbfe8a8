"""Signing in and out, and the signed-in user's own page."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from accord.accounts.forms import SignInForm, TokenForm
from accord.accounts.services import token_create
from accord.memberships.selectors import memberships_of_person


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"page_title": "Sign in"}

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Who you are in Accord; issue an API token (shown once)."""
    user = request.user
    new_token = None
    form = TokenForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            new_token = token_create(
                user=user, name=form.cleaned_data["name"] or "API token", by=user
            )
            form = TokenForm()
        else:
            status = 422
    memberships = memberships_of_person(user.person_id) if user.person_id else []
    tokens = user.api_tokens.filter(revoked_on__isnull=True).order_by("-created_on")
    response = render(
        request,
        "accounts/profile.html",
        {
            "page_title": "Your account",
            "breadcrumbs": [("Your account", None)],
            "memberships": memberships,
            "tokens": tokens,
            "new_token": new_token,
            "form": form,
        },
        status=status,
    )
    if new_token:
        response["Cache-Control"] = "no-store"
    return response
