"""Who may touch what: every object-level permission of Koers, in one place.

Predicates read the user's roles once per request (cached on the user object) and take the
object they are asked about: a Programme, a Family, an Organisation, or anything that carries
`programme_id`, `family_id` or `organisation_id`. Later apps add their permissions here.

Reading rules, each defined once: a predicate here for one object, and a QuerySet method that
selects the same objects for a list. Pages, API, documents, exports, search and templates use
only these; the access helpers (koers/core/access.py, koers/consultation/access.py) apply them.

- A programme: `organisations.view_programme` - public, or its office, or an administrator.
  Lists: `Programme.objects.public()` for everyone else.
- A version of the agenda: `agenda.view_version` - the office (and administrators) see
  every version of their programme; everyone else sees a version when the programme is public
  and the version is (`AgendaVersion.is_public()`: a draft stays the office's working text until
  its consultation has opened; concepts and adopted versions are public). Lists:
  `AgendaVersion.objects.visible_to(user, programme)`, built on `.public()`. The consultation
  pages, the agenda pages (structure, trace, compare, elaboration), the API and the links
  between them all ask this.
- A version's documents (agenda document, response report): `agenda.view_version_documents`
  - the office any (as a preview); everyone else those of a version they may read that is no
  longer a draft (a draft answers no input yet).
- A contribution's text: `consultation.view_contribution` - those who moderate (the office,
  administrators) every contribution, hidden ones included; council members every contribution
  moderation did not hide; a reviewer their own reactions (their own words, also when hidden);
  everyone else - a family coordinator too, whose processing pages list their family's input but
  show its text only by this rule - only published input (`Contribution.objects.published()`)
  of a public programme. Lists:
  `Contribution.objects.visible_to(user, programme)`, which the contribution list, its search
  and CSV export, the synthesis pages (quotes, keywords, campaigns) and the processing pages
  use. Whether a page is offered at all stays a page permission (`consultation.view_contributions`:
  the contribution list is for the office and the council).
- A contribution's attachment: `consultation.view_contribution_attachment` - those who moderate,
  and council members for input moderation did not hide. Attachments are never public.
- A contribution's author: those who read the contribution list (`consultation.view_contributions`)
  see `author_name`; everyone else only `Contribution.public_author`.
- Derived text (koers/synthesis/readable.py): a theme's quotes and keywords on the synthesis
  pages come only from readable input that moderation did not hide; in the API, theme keywords
  and, in the response report, quotes come only from `Contribution.objects.published()`.
- Council meetings: `council.view_meetings` on the programme - its office and its council's
  members.
- What the public may know of the synthesis and the council, also through the read-only API:
  for a public programme, theme labels, counts per family and common threads (the response
  report publishes them too), keywords found in published input, the dates and states of
  synthesis runs, and the council's decisions (the public decision list). Never a contribution's
  text unless `published()`, never who curated or proposed. The working pages behind them
  (`synthesis.view_synthesis`, `council.view_meetings`) stay the office's and the council's.
"""

import rules

from koers.organisations.models import Family, Organisation

from .models import Role, RoleKind


def _roles(user) -> list[Role]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_koers_roles", None)
    if cached is None:
        cached = list(Role.objects.filter(user=user))
        user._koers_roles = cached
    return cached


def _programme_id(obj):
    if obj is None:
        return None
    if obj.__class__.__name__ == "Programme":
        return obj.pk
    return getattr(obj, "programme_id", None)


def _organisation_id(obj):
    if obj is None:
        return None
    if obj.__class__.__name__ == "Organisation":
        return obj.pk
    return getattr(obj, "organisation_id", None)


def _family_id(obj):
    if obj is None:
        return None
    if obj.__class__.__name__ == "Family":
        return obj.pk
    return getattr(obj, "family_id", None)


def _has_role(user, kind, *, programme_id=None, family_id=None, organisation_id=None) -> bool:
    for role in _roles(user):
        if role.kind != kind:
            continue
        if programme_id is not None and role.programme_id != programme_id:
            continue
        if family_id is not None and role.family_id != family_id:
            continue
        if organisation_id is not None and role.organisation_id != organisation_id:
            continue
        return True
    return False


@rules.predicate
def is_programme_office(user, obj=None) -> bool:
    """Programme office of the object's programme (of any programme for programme-less objects)."""
    return _has_role(user, RoleKind.OFFICE, programme_id=_programme_id(obj))


@rules.predicate
def is_family_coordinator(user, obj=None) -> bool:
    family_id = _family_id(obj)
    if family_id is None:
        return False
    return _has_role(user, RoleKind.COORDINATOR, family_id=family_id)


@rules.predicate
def is_organisation_contributor(user, obj=None) -> bool:
    organisation_id = _organisation_id(obj)
    if organisation_id is None:
        return False
    return _has_role(user, RoleKind.CONTRIBUTOR, organisation_id=organisation_id)


@rules.predicate
def is_council_member(user, obj=None) -> bool:
    return _has_role(user, RoleKind.COUNCIL_MEMBER, programme_id=_programme_id(obj))


@rules.predicate
def is_reviewer(user, obj=None) -> bool:
    return _has_role(user, RoleKind.REVIEWER, programme_id=_programme_id(obj))


@rules.predicate
def is_public_programme(user, programme=None) -> bool:
    return programme is not None and programme.is_public


is_staff = rules.is_staff

# Programmes and families: the office sets them up; public programmes are readable by anyone.
rules.add_perm("organisations.view_programme", is_public_programme | is_programme_office | is_staff)
rules.add_perm("organisations.change_programme", is_programme_office | is_staff)
rules.add_perm("organisations.change_family", is_programme_office | is_staff)

# The register is shared by all programmes: any programme office may correct it.
rules.add_perm("organisations.change_organisation", is_programme_office | is_staff)

# An organisation's own facts (its facility adoption) belong to that organisation.
rules.add_perm(
    "organisations.change_facilityadoption",
    is_organisation_contributor | is_programme_office | is_staff,
)


@rules.predicate
def coordinates_a_family_of(user, obj=None) -> bool:
    """Coordinator of any family taking part in the object (a round table's families)."""
    families = getattr(obj, "families", None)
    if families is None:
        return False
    family_ids = {f.pk for f in families.all()}
    return any(
        role.kind == RoleKind.COORDINATOR and role.family_id in family_ids for role in _roles(user)
    )


@rules.predicate
def is_own_contribution(user, contribution=None) -> bool:
    reviewer = getattr(contribution, "reviewer", None)
    return bool(reviewer and user.is_authenticated and reviewer.user_id == user.pk)


@rules.predicate
def consultation_is_open(user, contribution=None) -> bool:
    version = getattr(contribution, "version", None)
    return bool(version and version.is_open_for_consultation())


# Consultation. Objects are a Programme, an AgendaVersion, a RoundTable or a Contribution: all
# carry `programme_id`, so "office" means the office of that programme.
rules.add_perm("agenda.manage_version", is_programme_office | is_staff)
rules.add_perm(
    "consultation.manage_roundtable", is_programme_office | coordinates_a_family_of | is_staff
)
rules.add_perm("consultation.record_contribution", is_programme_office | is_staff)
rules.add_perm("consultation.import_contributions", is_programme_office | is_staff)
rules.add_perm("consultation.moderate_contribution", is_programme_office | is_staff)
rules.add_perm(
    "consultation.view_contributions", is_programme_office | is_council_member | is_staff
)
# Coverage per family: the office sees all; a coordinator sees it for their family.
rules.add_perm("consultation.view_coverage", is_programme_office | is_family_coordinator | is_staff)
rules.add_perm("consultation.change_contribution", is_own_contribution & consultation_is_open)


# --- Reading: versions and contributions (see the module docstring) ---------------------------


@rules.predicate
def is_public_version(user, version=None) -> bool:
    """A public version of a public programme (AgendaVersion.is_public)."""
    if version is None:
        return False
    return version.programme.is_public and version.is_public()


@rules.predicate
def is_past_draft(user, version=None) -> bool:
    return version is not None and not version.is_draft


@rules.predicate
def is_hidden_contribution(user, contribution=None) -> bool:
    return bool(getattr(contribution, "is_hidden", False))


@rules.predicate
def is_published_contribution(user, contribution=None) -> bool:
    """Published input of a public programme: the rule of ContributionQuerySet.published()
    itself, asked of the database, so that one object and a list can never disagree."""
    if contribution is None or contribution.pk is None or not contribution.programme.is_public:
        return False
    model = type(contribution)
    return model.objects.published().filter(pk=contribution.pk).exists()


may_moderate = is_programme_office | is_staff

rules.add_perm("agenda.view_version", is_public_version | is_programme_office | is_staff)
rules.add_perm(
    "agenda.view_version_documents",
    (is_public_version & is_past_draft) | is_programme_office | is_staff,
)
rules.add_perm(
    "consultation.view_contribution",
    may_moderate
    | (~is_hidden_contribution & is_council_member)
    | is_own_contribution
    | is_published_contribution,
)
rules.add_perm(
    "consultation.view_contribution_attachment",
    may_moderate | (~is_hidden_contribution & is_council_member),
)

# --- Round tables: which families a person may organise a meeting for -------------------------
# Object: a Family. The office organises for every family of its programme; a coordinator for
# their own family only, so a coordinator cannot create a meeting they could not edit afterwards.
rules.add_perm(
    "consultation.organise_roundtable_for_family",
    is_programme_office | is_family_coordinator | is_staff,
)

# Reader-reviewers: a confirmed reviewer holds the reviewer role of their programme and may
# react to its draft while the consultation is open (the view checks the version's dates).
rules.add_perm("consultation.react_as_reviewer", is_reviewer)
# Object: a Programme. Whether to offer the coverage overview at all: the office, or a
# coordinator of one of its families (who then sees only their own families' rows).
rules.add_perm(
    "consultation.view_programme_coverage",
    is_programme_office | coordinates_a_family_of | is_staff,
)

# Synthesis. Objects are a Programme or a Theme (both give the programme). The office runs the
# analysis and curates; council members read along, as they read the contributions.
rules.add_perm("synthesis.view_synthesis", is_programme_office | is_council_member | is_staff)
runs_synthesis = is_programme_office | is_staff
rules.add_perm("synthesis.run_synthesis", runs_synthesis)
# Who may start an analysis may stop one (a queued or working run).
rules.add_perm("synthesis.cancel_synthesis", runs_synthesis)
rules.add_perm("synthesis.curate_themes", is_programme_office | is_staff)

# Processing input (dispositions). Objects are a Programme or a Family. The office decides; the
# council reads the processing overview; a coordinator reads it for their own family.
rules.add_perm("synthesis.dispose_contributions", is_programme_office | is_staff)
rules.add_perm(
    "synthesis.view_processing",
    is_programme_office | is_council_member | coordinates_a_family_of | is_staff,
)
rules.add_perm(
    "synthesis.view_family_processing",
    is_programme_office | is_council_member | is_family_coordinator | is_staff,
)

# The structured agenda and its trace. Object: an AgendaVersion (or the Programme).
rules.add_perm("drafting.manage_structure", is_programme_office | is_staff)


@rules.predicate
def is_council_member_of_meeting(user, meeting=None) -> bool:
    """Member of the council whose meeting it is (roles are per programme)."""
    council = getattr(meeting, "council", None)
    if council is None:
        return False
    return _has_role(user, RoleKind.COUNCIL_MEMBER, programme_id=council.programme_id)


# Council meetings. Object: a Programme (to create), or a CouncilMeeting. The office prepares
# meetings (agenda items, documents, change recommendations on behalf of members); council
# members propose change recommendations and decide, in the meetings of their own council only.
rules.add_perm("council.prepare_meeting", is_programme_office | is_staff)
# Object: a Programme. Who sees its meetings at all: the office and its council's members.
rules.add_perm(
    "council.view_meetings", is_programme_office | is_council_member_of_meeting | is_staff
)
rules.add_perm("council.decide_in_meeting", is_council_member_of_meeting | is_staff)
rules.add_perm(
    "council.propose_recommendation",
    is_council_member_of_meeting | is_programme_office | is_staff,
)


# Elaboration. Object: an Organisation (or a Commitment, which carries organisation_id). Only an
# organisation's own contributors change its commitments.
@rules.predicate
def contributes_in_programme(user, commitment=None) -> bool:
    """Contributor of the commitment's organisation in the commitment's programme."""
    organisation_id = _organisation_id(commitment)
    if organisation_id is None:
        return False
    return _has_role(
        user,
        RoleKind.CONTRIBUTOR,
        organisation_id=organisation_id,
        programme_id=_programme_id(commitment),
    )


rules.add_perm("elaboration.change_commitment", contributes_in_programme | is_staff)


@rules.predicate
def reads_the_programme_of(user, obj=None) -> bool:
    """May read the programme the object (a Commitment) belongs to."""
    programme = getattr(obj, "programme", None)
    return programme is not None and user.has_perm("organisations.view_programme", programme)


# Object: a Commitment (or an unsaved one as probe: programme and organisation). Who reads an
# organisation's commitments: whoever reads the programme, and the organisation's contributors
# (also in a programme that is not public).
rules.add_perm(
    "elaboration.view_commitments", reads_the_programme_of | contributes_in_programme | is_staff
)
# Object: a Family. Who sees a family's elaboration overview and may send its reminders.
rules.add_perm(
    "elaboration.view_family_elaboration",
    is_programme_office | is_family_coordinator | is_council_member | is_staff,
)
rules.add_perm("elaboration.send_reminders", is_programme_office | is_family_coordinator | is_staff)


# Reviewers' organisations. Anyone can type an organisation's name at sign-up; a reviewer speaks
# for it only once someone who may speak for that organisation confirmed it. Object: a Reviewer
# (carries programme_id and organisation_id): that organisation's contributors in the
# programme, or the office, confirm or reject. On a Programme the same permission means: every
# claim of the programme (the office).
rules.add_perm(
    "consultation.confirm_reviewer_organisation",
    contributes_in_programme | is_programme_office | is_staff,
)


@rules.predicate
def contributes_to_programme(user, programme=None) -> bool:
    """Contributor of any organisation in the programme."""
    if programme is None:
        return False
    return _has_role(user, RoleKind.CONTRIBUTOR, programme_id=_programme_id(programme))


# Object: a Programme. Who reaches the list of claims: the office, and contributors (who see
# only the claims on their own organisations).
rules.add_perm(
    "consultation.view_reviewer_claims",
    contributes_to_programme | is_programme_office | is_staff,
)


# --- Monitoring (koers/monitoring) ------------------------------------------------------------
# What everyone who may read the programme sees: the roll-up per period (figures per step, main
# activity and family, never an organisation's explanation), trends and the summary of
# slippage. An organisation's own reports (status, explanation, evidence) are read by its
# contributors, the coordinators of its families, the council and the office; the list form is
# `ProgressReport.objects.visible_to(user, programme)` (koers/monitoring/querysets.py).


@rules.predicate
def has_role_in_programme(user, programme=None) -> bool:
    """Any role in the programme (also one that is not public)."""
    if programme is None:
        return False
    return any(role.programme_id == _programme_id(programme) for role in _roles(user))


@rules.predicate
def coordinates_a_family_of_organisation(user, obj=None) -> bool:
    """Coordinator, in the object's programme, of a family the object's organisation is a
    member of today (membership is a rule, so this asks the database)."""
    organisation_id = _organisation_id(obj)
    programme_id = _programme_id(obj)
    if organisation_id is None:
        return False
    family_ids = [
        role.family_id
        for role in _roles(user)
        if role.kind == RoleKind.COORDINATOR
        and role.family_id
        and (programme_id is None or role.programme_id == programme_id)
    ]
    if not family_ids:
        return False
    members = Organisation.objects.current().filter(pk=organisation_id)
    return any(
        members.filter(family.membership_q()).exists()
        for family in Family.objects.filter(pk__in=family_ids)
    )


may_read_programme = is_public_programme | is_programme_office | is_staff
# Object: a Programme.
rules.add_perm("monitoring.view_progress", may_read_programme | has_role_in_programme)
rules.add_perm("monitoring.view_all_progress", is_programme_office | is_council_member | is_staff)
rules.add_perm(
    "monitoring.view_risks",
    is_programme_office | is_council_member | coordinates_a_family_of | is_staff,
)
rules.add_perm("monitoring.manage_rounds", is_programme_office | is_staff)
# Object: a Family.
rules.add_perm(
    "monitoring.view_family_progress",
    is_programme_office | is_family_coordinator | is_council_member | is_staff,
)
rules.add_perm(
    "monitoring.send_round_reminders", is_programme_office | is_family_coordinator | is_staff
)
# Object: anything with programme_id and organisation_id (a Commitment, a ProgressReport).
rules.add_perm(
    "monitoring.view_organisation_progress",
    is_programme_office
    | is_council_member
    | contributes_in_programme
    | coordinates_a_family_of_organisation
    | is_staff,
)
# Only an organisation's own contributors report on its commitments, as they elaborate them.
rules.add_perm("monitoring.report_progress", contributes_in_programme | is_staff)


# --- News (koers/news) --------------------------------------------------------------------------
# A public programme's published posts (and its feeds) are public; drafts, scheduled posts and
# Koers's suggestions are the office's; only the office writes. The list form is
# `Post.objects.visible_to(user, programme)` (koers/news/querysets.py).


@rules.predicate
def is_live_post(user, post=None) -> bool:
    """A published post whose time has come, of a public programme."""
    return post is not None and post.is_live and post.programme.is_public


# Object: a Programme.
rules.add_perm("news.view_news", is_public_programme | is_programme_office | is_staff)
rules.add_perm("news.manage_posts", is_programme_office | is_staff)
# Object: a Post.
rules.add_perm("news.view_post", is_live_post | is_programme_office | is_staff)


# The newsletter: only the office composes and sends an issue, and sees the subscriber figures
# (never addresses); a sent issue of a public programme is public. List form:
# `Issue.objects.visible_to(user, programme)`. A subscriber's own link needs no account: its
# signed token is the permission (koers/news/newsletter.py).
@rules.predicate
def is_sent_issue(user, issue=None) -> bool:
    return issue is not None and issue.state == "verzonden" and issue.programme.is_public


# Object: a Programme.
rules.add_perm("news.manage_newsletter", is_programme_office | is_staff)
# Object: an Issue.
rules.add_perm("news.view_issue", is_sent_issue | is_programme_office | is_staff)
