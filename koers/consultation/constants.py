from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    ROUND_TABLE = "ronde-tafel", _("ronde tafel")
    REVIEWER = "meelezer", _("meelezer")
    IMPORT = "import", _("import")
    EMAIL = "e-mail", _("e-mail")
    POSITION_PAPER = "position-paper", _("position paper")


# Channels through which the public writes directly, without the office recording it: their
# input is moderated before (or, if the programme chose so, after) it is published.
PUBLIC_CHANNELS = (Channel.REVIEWER,)


class Stance(models.TextChoices):
    AGREE = "eens", _("eens")
    CONCERN = "zorg", _("zorg")
    SUGGESTION = "suggestie", _("suggestie")
    GENERAL = "algemeen", _("algemeen")


class Publication(models.TextChoices):
    NAMED = "met-naam", _("openbaar met naam")
    ANONYMOUS = "anoniem", _("openbaar zonder naam")
    NONE = "niet", _("niet openbaar")


class TokenPurpose(models.TextChoices):
    REVIEWER_SIGNUP = "meelezer", _("aanmelding meelezer")
    NEWSLETTER = "nieuwsbrief", _("aanmelding nieuwsbrief")
    LOGIN = "inloggen", _("inloglink")


class OrganisationClaim(models.TextChoices):
    """A reviewer's word that they are from an organisation, until someone who may speak for
    that organisation (its contributor, or the office) confirms or rejects it."""

    CLAIMED = "gemeld", _("zegt te zijn van")
    CONFIRMED = "bevestigd", _("bevestigd")
    REJECTED = "afgewezen", _("afgewezen")
