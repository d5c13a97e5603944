"""Sign-in with lockout, sign-out and password change."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.web.forms import LoginForm
from anjian.web.services import record_logout, record_password_change, sign_in


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or settings.LOGIN_REDIRECT_URL
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _locked_message(until: datetime) -> str:
    return _("连续登录失败次数过多，账号已锁定，请于 %(until)s 后再试或联系管理员解锁。") % {
        "until": timezone.localtime(until).strftime("%H:%M")}


def login_view(request: HttpRequest) -> HttpResponse:
    """The sign-in page; five failures in a row lock the name for thirty minutes (web.services.sign_in)."""
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = sign_in(request=request, username=form.cleaned_data["username"],
                          password=form.cleaned_data["password"])
        if outcome.user is not None:
            login(request, outcome.user)
            return HttpResponseRedirect(_next_url(request))
        if outcome.locked_until is not None:
            form.add_error(None, _locked_message(outcome.locked_until))
        else:
            form.add_error(None, _("用户名或密码错误。"))
    return render(request, "web/account/login.html", {"form": form, "next": _next_url(request)})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign out (audited) and return to the sign-in page."""
    if request.user.is_authenticated:
        record_logout(user=request.user)
    logout(request)
    return redirect("web:login")


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Change one's own password (the validators of the level-3 profile apply)."""
    form = PasswordChangeForm(request.user, request.POST or None)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        user = form.save()
        record_password_change(user=user)  # type: ignore[arg-type]
        update_session_auth_hash(request, user)
        messages.success(request, _("密码已修改。"))
        return redirect("web:home")
    return render(request, "web/account/password_change.html", {"form": form})
