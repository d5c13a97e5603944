"""People and the roles they hold."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from anjian.accounts.choices import Role


class User(AbstractUser):
    """A person who logs in; what they may see and do comes from their role assignments."""

    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    failed_logins = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    password_changed_at = models.DateTimeField(null=True, blank=True)
    # Set when someone else chose the password (an account created or reset by another person): the
    # owner must replace it at the first sign-in, before anything else.
    must_change_password = models.BooleanField(_("须修改密码"), default=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.username


class RoleAssignment(models.Model):
    """One role of one user over a region subtree, optionally narrowed to a department or a unit."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    region = models.ForeignKey("org.Region", on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(
        "org.Department", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey("org.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("角色授权")
        verbose_name_plural = _("角色授权")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "region", "department", "unit"], name="role_unique"),
            models.CheckConstraint(
                condition=~models.Q(role=Role.DEPARTMENT) | models.Q(department__isnull=False),
                name="department_role_needs_department",
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.UNIT) | models.Q(unit__isnull=False),
                name="unit_role_needs_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.region}"
