import secrets

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from koers.core.history import HistoricalRecords
from koers.organisations.models import Family, Organisation, Programme


class RoleKind(models.TextChoices):
    OFFICE = "programmabureau", _("programmabureau")
    COORDINATOR = "coordinator", _("familiecoördinator")
    CONTRIBUTOR = "bijdrager", _("bijdrager namens organisatie")
    COUNCIL_MEMBER = "regieraadslid", _("lid van de regieraad")
    REVIEWER = "meelezer", _("meelezer")


class RoleQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def of_kind(self, kind):
        return self.filter(kind=kind)


class Role(models.Model):
    """What one person may do in one programme.

    Who may touch what is decided only in `koers.accounts.rules`, from these rows.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="roles",
    )
    programme = models.ForeignKey(
        Programme, verbose_name=_("programma"), on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("rol"), max_length=20, choices=RoleKind.choices)
    family = models.ForeignKey(
        Family,
        verbose_name=_("familie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="roles",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="roles",
    )

    history = HistoricalRecords()
    objects = RoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "kind", "family", "organisation"],
                name="unique_role",
            )
        ]

    def __str__(self):
        scope = self.organisation or self.family or self.programme
        return f"{self.user} – {self.get_kind_display()} ({scope})"

    def clean(self):
        if self.kind == RoleKind.COORDINATOR and not self.family_id:
            raise ValidationError({"family": _("Een familiecoördinator hoort bij een familie.")})
        if self.kind == RoleKind.CONTRIBUTOR and not self.organisation_id:
            raise ValidationError({"organisation": _("Een bijdrager hoort bij een organisatie.")})
        if self.family_id and self.family.programme_id != self.programme_id:
            raise ValidationError({"family": _("Deze familie hoort bij een ander programma.")})


class LoginAttempt(AccessAttempt):
    """The failed password logins of one user name from one address (django-axes), as the
    functional administrator sees them in the admin: deleting one lifts that lockout."""

    class Meta:
        proxy = True
        verbose_name = _("mislukte inlogpoging")
        verbose_name_plural = _("mislukte inlogpogingen")

    def __str__(self):
        return gettext("%(username)s vanaf %(address)s") % {
            "username": self.username or "–",
            "address": self.ip_address or "–",
        }


class MailFormat(models.TextChoices):
    HTML = "html", _("opgemaakt (HTML)")
    PLAIN = "plain", _("platte tekst")


class NewsletterSubscriptionQuerySet(models.QuerySet):
    def receiving(self):
        """Confirmed, not unsubscribed: the only addresses a newsletter may go to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


SUBSCRIPTION_TOKEN_LENGTH = 43  # 32 random bytes, URL-safe


def new_subscription_token() -> str:
    """32 random bytes, URL-safe: 43 characters that say nothing about whom they name."""
    return secrets.token_urlsafe(32)


class NewsletterSubscription(models.Model):
    """One address that receives (or asked to receive) a programme's newsletter.

    The sign-up with double opt-in lives in koers.consultation, the sending in koers.news; both
    use this one model (ADR 0013). The table keeps its original name.
    """

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="subscriptions")
    email = models.EmailField(_("e-mailadres"))
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    families = models.ManyToManyField(
        Family, blank=True, related_name="+", verbose_name=_("gevolgde families")
    )
    format = models.CharField(
        _("vorm"), max_length=10, choices=MailFormat.choices, default=MailFormat.HTML
    )
    # Set when an issue could not be delivered to the address three times; cleared on success.
    bouncing_at = models.DateTimeField(null=True, blank=True)
    # The opaque part of the subscriber's own links in every message (leaving the list, changing
    # it): random, so it gives away neither the subscriber nor how many there are.
    token = models.CharField(
        max_length=SUBSCRIPTION_TOKEN_LENGTH,
        unique=True,
        default=new_subscription_token,
        editable=False,
    )

    objects = NewsletterSubscriptionQuerySet.as_manager()

    class Meta:
        db_table = "consultation_newslettersubscription"
        constraints = [
            models.UniqueConstraint(fields=["programme", "email"], name="unique_subscription"),
        ]

    def __str__(self):
        return self.email
