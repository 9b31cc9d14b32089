from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "koers.accounts"
    label = "accounts"
    verbose_name = _("Accounts en rollen")
    # The viewer's next actions on a programme's cockpit (koers.organisations.cockpit).
    programme_actions = "koers.accounts.cockpit.programme_actions"
