"""URLs of the workspace frame: sign-in, home, notifications, base data (names are fixed: other apps link to them).

The ledger's and the import's pages share the namespace "web" (anjian/urls.py joins the three lists).
"""

from django.urls import URLPattern, URLResolver, path

from anjian.web.views import accounts, administration, home

urlpatterns: list[URLPattern | URLResolver] = [
    path("login/", accounts.login_view, name="login"),
    path("logout/", accounts.logout_view, name="logout"),
    path("password/", accounts.password_change, name="password_change"),
    path("", home.home, name="home"),
    path("notifications/", home.notifications, name="notifications"),
    path("notifications/read/", home.notifications_read, name="notifications_read"),
    path("manage/", administration.admin_index, name="admin_index"),
    path("manage/users/", administration.admin_users, name="admin_users"),
    path("manage/users/<int:pk>/", administration.admin_user, name="admin_user"),
    path("manage/<str:key>/", administration.admin_list, name="admin_list"),
    path("manage/<str:key>/new/", administration.admin_edit, name="admin_new"),
    path("manage/<str:key>/<str:pk>/", administration.admin_edit, name="admin_edit"),
    path("manage/<str:key>/<str:pk>/delete/", administration.admin_delete, name="admin_delete"),
]
