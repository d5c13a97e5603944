"""Sign-in with lockout, sign-out and password change."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from anjian.accounts.models import User
from anjian.web.forms import LoginForm
from anjian.web.services import (
    is_locked,
    record_password_change,
    register_failed_login,
    register_successful_login,
)


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or settings.LOGIN_REDIRECT_URL
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


def _locked_message(user: User) -> str:
    until = timezone.localtime(user.locked_until).strftime("%H:%M") if user.locked_until else ""
    return _("连续登录失败次数过多，账号已锁定，请于 %(until)s 后再试或联系管理员解锁。") % {"until": until}


def login_view(request: HttpRequest) -> HttpResponse:
    """The sign-in page; five failures in a row lock the account for thirty minutes."""
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        known = User.objects.filter(username=username).first()
        if known is not None and is_locked(known):
            form.add_error(None, _locked_message(known))
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is not None:
                register_successful_login(user=user)  # type: ignore[arg-type]
                login(request, user)
                return HttpResponseRedirect(_next_url(request))
            failed = register_failed_login(username=username, user=known)
            if failed is not None and is_locked(failed):
                form.add_error(None, _locked_message(failed))
            else:
                form.add_error(None, _("用户名或密码错误。"))
    return render(request, "web/account/login.html", {"form": form, "next": _next_url(request)})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign out and return to the sign-in page."""
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
