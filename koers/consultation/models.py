import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The newsletter subscription belongs to the accounts (ADR 0013): the sign-up here and the
# sending in koers.news share one model; re-exported so the sign-up code reads as before.
from koers.accounts.models import NewsletterSubscription  # noqa: F401
from koers.agenda.models import AgendaVersion, Paragraph
from koers.core.history import HistoricalRecords
from koers.organisations.models import Family, Organisation, Programme
from koers.text.normalise import strip_letter

from .constants import (
    PUBLIC_CHANNELS,
    Channel,
    OrganisationClaim,
    Publication,
    Stance,
    TokenPurpose,
)
from .querysets import APPROVED, CONSENTED, ContributionQuerySet


class RoundTable(models.Model):
    """A meeting with one or more families about a version of the agenda."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="round_tables")
    version = models.ForeignKey(
        AgendaVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="round_tables"
    )
    title = models.CharField(_("titel"), max_length=300)
    families = models.ManyToManyField(
        Family, related_name="round_tables", verbose_name=_("families")
    )
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    location = models.CharField(_("plaats"), max_length=300, blank=True)
    online_url = models.URLField(_("online deelnemen"), blank=True)
    agenda = models.TextField(_("agenda (Markdown)"), blank=True)
    minutes = models.TextField(_("verslag (Markdown)"), blank=True)
    invited = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="round_table_invitations",
        verbose_name=_("uitgenodigd"),
    )
    attended = models.ManyToManyField(
        Organisation, blank=True, related_name="round_table_attendance", verbose_name=_("aanwezig")
    )

    history = HistoricalRecords(m2m_fields=[families, invited, attended])

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("ronde tafel")
        verbose_name_plural = _("ronde tafels")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("consultation:roundtable-detail", args=[self.programme.slug, self.pk])

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("Het einde ligt niet na het begin.")})
        if not self.location and not self.online_url:
            raise ValidationError(_("Vul een plaats of een link om online deel te nemen in."))


class Reviewer(models.Model):
    """A newsletter reader who signed up (double opt-in) to review the draft: a meelezer."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="reviewers")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewer",
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    name = models.CharField(_("naam"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewers",
        verbose_name=_("organisatie"),
    )
    # Anyone can type an organisation's name at sign-up; it speaks for that organisation only
    # once a contributor of that organisation (or the office) confirmed it.
    organisation_claim = models.CharField(
        _("status van de organisatie"),
        max_length=10,
        choices=OrganisationClaim.choices,
        default=OrganisationClaim.CLAIMED,
    )
    organisation_checked_at = models.DateTimeField(
        _("organisatie beoordeeld op"), null=True, blank=True
    )
    organisation_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisatie beoordeeld door"),
    )
    consent_text = models.TextField(_("toestemmingstekst"))
    consented_at = models.DateTimeField(_("toestemming gegeven op"))
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meelezer")
        verbose_name_plural = _("meelezers")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "email"],
                condition=~models.Q(email=""),
                name="unique_reviewer_email",
            ),
        ]

    def __str__(self):
        return self.name or _("meelezer %(id)s") % {"id": self.pk}

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def email_domain(self) -> str:
        """The part after the @: enough for a colleague to recognise their own organisation."""
        return self.email.rpartition("@")[2]

    @property
    def speaks_for_organisation(self) -> bool:
        """Whether the organisation named at sign-up was confirmed by someone who may."""
        return (
            self.organisation_id is not None
            and self.organisation_claim == OrganisationClaim.CONFIRMED
        )


class EmailToken(models.Model):
    """The single-use part of a signed e-mail link; the signature carries expiry."""

    purpose = models.CharField(max_length=20, choices=TokenPurpose.choices)
    email = models.EmailField()
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.get_purpose_display()} {self.email}"


class ImportBatch(models.Model):
    """One uploaded file of contributions (CSV or XLSX)."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="import_batches"
    )
    file_name = models.CharField(_("bestand"), max_length=255)
    sha256 = models.CharField(max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return self.file_name


class Contribution(models.Model):
    """One piece of input, whatever its channel: round table, reviewer, import, e-mail, paper."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="contributions")
    version = models.ForeignKey(
        AgendaVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices, db_index=True)
    round_table = models.ForeignKey(
        RoundTable, null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    reviewer = models.ForeignKey(
        Reviewer, null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    import_batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    source_id = models.CharField(_("bron-id"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    family = models.ForeignKey(
        Family, null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    paragraphs = models.ManyToManyField(Paragraph, blank=True, related_name="contributions")
    stance = models.CharField(
        _("soort reactie"), max_length=20, choices=Stance.choices, default=Stance.GENERAL
    )
    text = models.TextField(_("tekst"))
    author_name = models.CharField(_("auteur of spreker"), max_length=200, blank=True)
    publication = models.CharField(
        _("openbaarheid"), max_length=20, choices=Publication.choices, default=Publication.NONE
    )
    attachment = models.FileField(_("bijlage"), upload_to="contributions/%Y/%m/", blank=True)
    submitted_at = models.DateTimeField(_("datum"), default=timezone.now, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    is_hidden = models.BooleanField(_("verborgen"), default=False)
    hidden_reason = models.CharField(_("reden"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)
    # Input from public channels waits in the moderation queue until someone looks at it; a
    # flag (from a reader or a colleague) puts it back in the queue.
    moderated_at = models.DateTimeField(_("gemodereerd op"), null=True, blank=True)
    flagged_at = models.DateTimeField(_("gemeld op"), null=True, blank=True)
    flag_reason = models.CharField(_("reden van melding"), max_length=300, blank=True)
    # For public channels: the text as the office last approved it (under post-moderation: as
    # last saved). A changed reaction waits in the queue while this text stays public.
    published_text = models.TextField(_("goedgekeurde tekst"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    objects = ContributionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("inbreng")
        verbose_name_plural = _("inbreng")
        # The list filters on these and shows the newest first: with the date in the index a
        # page of 50 is read straight from it, however many contributions match. The date is
        # ascending, read backwards: SQLite then finds the list's order (newest first, the
        # highest id first on the same date) in the index, where a descending date comes with
        # ascending ids and the list was read along another index instead. With the id in it
        # too, PostgreSQL reads a deep page's ids from the index alone.
        indexes = [
            models.Index(fields=["programme", "family", "submitted_at"]),
            models.Index(fields=["programme", "organisation", "submitted_at"]),
            models.Index(fields=["programme", "channel", "submitted_at"]),
            models.Index(fields=["programme", "family", "channel", "submitted_at"]),
            models.Index(fields=["programme", "submitted_at", "id"]),
            # Flags are rare; the moderation queue finds them through this index, which holds
            # only flagged input (with every row in it, SQLite read all of a million instead).
            models.Index(
                fields=["programme", "flagged_at"],
                condition=models.Q(flagged_at__isnull=False),
                name="contribution_flagged",
            ),
            # Public pages and the API read only published input; most input is not. One index
            # per way of moderating (the rule of ContributionQuerySet._published), each holding
            # exactly what is published: a deep page is counted off in the index alone.
            models.Index(
                fields=["programme", "submitted_at", "id"],
                condition=CONSENTED,
                name="contribution_published_idx",
            ),
            models.Index(
                fields=["programme", "submitted_at", "id"],
                condition=CONSENTED & APPROVED,
                name="contribution_approved_idx",
            ),
            # The counts of the synthesis and the processing (per family, visible or not) read
            # this narrow index instead of every wide row of the programme's input.
            models.Index(fields=["programme", "is_hidden", "family"], name="contribution_counting"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "source_id"],
                condition=~models.Q(source_id=""),
                name="unique_contribution_source",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("consultation:contribution-detail", args=[self.programme.slug, self.pk])

    @property
    def public_author(self) -> str:
        """What may be shown as author on public pages."""
        if self.publication == Publication.NAMED and self.author_name:
            return self.author_name
        return ""

    @property
    def public_text(self) -> str:
        """The text the public may see of a published contribution (see `published()`).

        From a public channel that is the approved text, not a later change still waiting for
        moderation. Published without name, it loses its salutation and signature, the same
        cut the quotes of the text engine make, so that "Groet, Esther Meijer" names nobody.
        """
        text = self.text
        if self.channel in PUBLIC_CHANNELS and self.published_text:
            text = self.published_text
        if self.publication != Publication.NAMED:
            text = strip_letter(text).strip()
        return text

    def _named_reviewer_organisation(self) -> tuple[Organisation | None, bool]:
        """The organisation a publication with name may show, and whether it speaks for it."""
        if self.publication != Publication.NAMED or self.organisation_id is None:
            return None, False
        if self.channel != Channel.REVIEWER:
            return self.organisation, True
        reviewer = self.reviewer
        if reviewer is None or reviewer.organisation_id != self.organisation_id:
            return None, False
        if reviewer.organisation_claim == OrganisationClaim.REJECTED:
            return None, False
        return self.organisation, reviewer.organisation_claim == OrganisationClaim.CONFIRMED

    @property
    def public_organisation(self) -> Organisation | None:
        """The organisation shown as the author's on public pages: only with consent to
        publication with name, and for a reviewer only once someone confirmed it."""
        organisation, confirmed = self._named_reviewer_organisation()
        return organisation if confirmed else None

    @property
    def author_names_organisation(self) -> bool:
        """Whether the public author already names the organisation ("gemeentesecretaris,
        gemeente Kampen"), so that a page does not name it a second time."""
        author = self.public_author.casefold()
        organisation = self.organisation
        return bool(author and organisation and organisation.official_name) and (
            organisation.official_name.casefold() in author
        )

    @property
    def claimed_organisation(self) -> Organisation | None:
        """The organisation a reviewer says to be from, while nobody has confirmed it yet."""
        organisation, confirmed = self._named_reviewer_organisation()
        return None if confirmed else organisation

    @property
    def awaits_moderation(self) -> bool:
        """In the moderation queue: unjudged from a public channel, or flagged since judged."""
        if self.flagged_at and (self.moderated_at is None or self.flagged_at > self.moderated_at):
            return True
        return self.channel in PUBLIC_CHANNELS and self.moderated_at is None

    @property
    def text_digest(self) -> str:
        """A short fingerprint of the text, so an approval names the text that was read."""
        return hashlib.sha256(self.text.encode()).hexdigest()[:16]

    @property
    def moderation_digest(self) -> str:
        """A short fingerprint of the text and of its judgement (approved, hidden, flagged), so a
        moderation in bulk notices what changed since its page was shown."""
        state = "|".join(
            str(value) for value in (self.text, self.moderated_at, self.is_hidden, self.flagged_at)
        )
        return hashlib.sha256(state.encode()).hexdigest()[:16]

    def approve(self, at=None) -> None:
        """The office looked at it and found it fine: it leaves the queue and, from a public
        channel, this text becomes the one the public reads. The caller saves."""
        self.moderated_at = at or timezone.now()
        if self.channel in PUBLIC_CHANNELS:
            self.published_text = self.text


class Voice(models.Model):
    """How many of a programme's contributions speak for one organisation (the rule of
    `speaking_for_organisation`): coverage reads who took part from these rows instead of
    reading a million contributions. Every write keeps them up to date
    (koers/consultation/voices.py); derived data, made again by `recount`.

    Plain numbers, not foreign keys, like the synthesis's tally: a count outlives nothing it
    names."""

    programme_key = models.PositiveIntegerField()
    organisation_key = models.PositiveIntegerField()
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme_key", "organisation_key"], name="voice")
        ]

    def __str__(self):
        return f"{self.programme_key}/{self.organisation_key}: {self.n}"


class ParagraphReactions(models.Model):
    """How many visible contributions of a programme react to one paragraph (by its anchor, so
    over all versions) from one family (`family_key` 0: none): the agenda's public pages show
    these counts beside each paragraph instead of counting every link of a contribution to a
    paragraph (0.8 s at a million). Every write keeps them up to date
    (koers/consultation/reactions.py); derived data, made again by `recount`.

    Plain numbers, not foreign keys, like the voices: a count outlives nothing it names."""

    programme_key = models.PositiveIntegerField()
    anchor = models.UUIDField()
    family_key = models.PositiveIntegerField()
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["programme_key", "anchor", "family_key"], name="paragraph_reactions"
            )
        ]

    def __str__(self):
        return f"{self.programme_key}/{self.anchor}/{self.family_key}: {self.n}"
