"""Who may open which URL, and who may post to which form: the table the URL x role matrix
(test_it_grants_each_role_its_urls.py) holds every page of Koers against.

Each URL name has one rule; a rule says, for every persona of matrix_world.PERSONAS, what a GET
answers: "200", "login" (a redirect to the login page), "302" (a redirect elsewhere), or a status
("400", "403", "404", "405"). The objects in each URL are those of matrix_world.url_arguments:
Digitaal 2017 (public), its adopted version, round table, contributions, themes, Utrecht (the
contributor's organisation) and the municipalities (the coordinator's family). A variant
("url-name@what") asks the same URL about another object: a draft not yet public, a hidden
contribution, another organisation, the programme that is not public.

POST lists, for every URL that takes a form, who may change something through it; every other
persona's POST must be refused and must change nothing.

A row marked "issue 10.x" expects what the issue asks for, not what the code did when the row
was written.
"""

from . import matrix_world as persona

REFUSED = "403"


def may(*who, anonymous="login", refused=REFUSED, staff=True) -> dict[str, str]:
    """200 for `who` (and the administrator, unless `staff` is False); the others are refused,
    the anonymous visitor by being asked to log in."""
    allowed = {*who, persona.ADMIN} if staff else set(who)
    return {
        p: "200" if p in allowed else anonymous if p == persona.ANONYMOUS else refused
        for p in persona.PERSONAS
    }


def answers(status: str) -> dict[str, str]:
    """The same answer for everyone."""
    return dict.fromkeys(persona.PERSONAS, status)


# --- rules --------------------------------------------------------------------------------------

PUBLIC = answers("200")
OFFICE = may(persona.OFFICE)
COUNCIL_AND_OFFICE = may(persona.COUNCIL, persona.OFFICE)
COORDINATOR_AND_OFFICE = may(persona.COORDINATOR, persona.OFFICE)
COORDINATOR_COUNCIL_AND_OFFICE = may(persona.COORDINATOR, persona.COUNCIL, persona.OFFICE)
COUNCIL = may(persona.COUNCIL)
# An organisation's commitments are its own contributors' work: not even the office's.
OWN_ORGANISATION = may(persona.CONTRIBUTOR)
# An organisation's facility adoption: its contributors, and the office of any programme (the
# register is shared by all programmes, see organisations.change_facilityadoption).
OWN_ORGANISATION_AND_ANY_OFFICE = may(persona.CONTRIBUTOR, persona.OFFICE, persona.OTHER_OFFICE)
ANY_OFFICE = may(persona.OFFICE, persona.OTHER_OFFICE)
# An organisation's progress reports: its contributors, the coordinators of its family, the
# council and the office.
ORGANISATION_PROGRESS = may(
    persona.CONTRIBUTOR, persona.COORDINATOR, persona.COUNCIL, persona.OFFICE
)
STAFF = may()
# The reader-reviewer's own pages; a visitor is asked for the e-mail of the login link.
OWN_REVIEWER = may(persona.REVIEWER, staff=False)
# The programme that is not public: only its own office (and the administrator).
PRIVATE_PROGRAMME = may(persona.OTHER_OFFICE)
# A version the public may not read yet: the office's (issue 10.1: one rule for all pages).
NOT_PUBLIC_YET = OFFICE
# The API answers 404 for what is not public, whoever asks: it has no logins.
API_NOT_PUBLIC = answers("404")
# Forms that only take POST.
POST_ONLY = answers("405")
# A link from an e-mail with a token that is not valid.
BAD_LINK = answers("400")
# Nobody changes anything through this URL (a page that takes no form, or only reads one).
NOBODY = may(staff=False)
# An object of the other programme in Digitaal 2017's address: not found by those who may read
# Digitaal 2017's objects, refused to the rest.
OTHER_PROGRAMMES_OBJECT = {
    **COUNCIL_AND_OFFICE,
    **dict.fromkeys([persona.COUNCIL, persona.OFFICE, persona.ADMIN], "404"),
}

# --- GET ----------------------------------------------------------------------------------------

GET = {
    "home": PUBLIC,
    "accounts:my-work": {**answers("200"), persona.ANONYMOUS: "login"},
    # Programmes and the register
    "organisations:programme-detail": PUBLIC,
    "organisations:organisation-list": PUBLIC,
    "organisations:organisation-detail": PUBLIC,
    "organisations:adoption-edit": OWN_ORGANISATION_AND_ANY_OFFICE,
    "organisations:facility-list": PUBLIC,
    # The agenda text (consultation)
    "consultation:version-list": PUBLIC,
    "drafting:version-manage": OFFICE,
    "consultation:version-detail": PUBLIC,
    "consultation:version-paragraph-reactions": PUBLIC,
    "drafting:version-edit": OFFICE,
    "drafting:version-move": POST_ONLY,
    "drafting:version-copy": POST_ONLY,
    "drafting:version-period": OFFICE,
    "drafting:version-import": OFFICE,
    "drafting:version-section-add": OFFICE,
    "drafting:version-section-edit": OFFICE,
    "drafting:version-section-move": POST_ONLY,
    "drafting:version-section-delete": OFFICE,
    "drafting:version-paragraph-add": OFFICE,
    "drafting:version-paragraph-edit": OFFICE,
    "drafting:version-paragraph-move": POST_ONLY,
    "drafting:version-paragraph-delete": OFFICE,
    # Round tables
    "consultation:roundtable-list": PUBLIC,
    "consultation:roundtable-create": COORDINATOR_AND_OFFICE,
    "consultation:roundtable-detail": PUBLIC,
    "consultation:roundtable-ics": PUBLIC,
    "consultation:roundtable-edit": COORDINATOR_AND_OFFICE,
    "consultation:roundtable-invitations": COORDINATOR_AND_OFFICE,
    "consultation:roundtable-attendance": COORDINATOR_AND_OFFICE,
    "consultation:roundtable-minutes": COORDINATOR_AND_OFFICE,
    "consultation:roundtable-record": POST_ONLY,
    # Reader-reviewers and the newsletter
    "consultation:reviewer-signup": PUBLIC,
    "consultation:reviewer-signup-sent": PUBLIC,
    "consultation:reviewer-confirm": BAD_LINK,
    "consultation:reviewer-login-link": PUBLIC,
    "consultation:reviewer-login-link-sent": PUBLIC,
    "consultation:reviewer-login": BAD_LINK,
    "consultation:reviewer-profile": OWN_REVIEWER,
    "consultation:reviewer-data": OWN_REVIEWER,
    "consultation:reviewer-delete": OWN_REVIEWER,
    "consultation:reviewer-react": OWN_REVIEWER,
    "consultation:reviewer-reaction-edit": OWN_REVIEWER,
    "documents:reviewer-dispositions": OWN_REVIEWER,
    # Claims to speak for an organisation: the office, and contributors (each sees their own).
    "consultation:reviewer-claims": may(persona.CONTRIBUTOR, persona.OFFICE),
    "consultation:reviewer-claim-judge": POST_ONLY,
    "consultation:newsletter-subscribe": PUBLIC,
    "consultation:newsletter-sent": PUBLIC,
    "consultation:newsletter-confirm": BAD_LINK,
    "consultation:newsletter-unsubscribe": BAD_LINK,
    # Contributions
    "consultation:contribution-list": COUNCIL_AND_OFFICE,
    "consultation:contribution-export": COUNCIL_AND_OFFICE,
    "consultation:contribution-moderation": OFFICE,
    "consultation:contribution-import": OFFICE,
    # The check report of an import lives in the office's session: none in this one.
    "consultation:contribution-import-report": {
        **OFFICE,
        persona.OFFICE: "404",
        persona.ADMIN: "404",
    },
    "consultation:contribution-import-result": OFFICE,
    "consultation:contribution-position-paper": OFFICE,
    "consultation:contribution-detail": COUNCIL_AND_OFFICE,
    "consultation:contribution-attachment": COUNCIL_AND_OFFICE,
    "consultation:contribution-hide": POST_ONLY,
    "consultation:contribution-unhide": POST_ONLY,
    "consultation:contribution-approve": POST_ONLY,
    # Coverage: the office, and the coordinator for their own family
    "consultation:coverage-programme": COORDINATOR_AND_OFFICE,
    "consultation:coverage-programme-export": COORDINATOR_AND_OFFICE,
    "consultation:coverage-family": COORDINATOR_AND_OFFICE,
    "consultation:coverage-family-export": COORDINATOR_AND_OFFICE,
    # Synthesis: the office works, the council reads along
    "synthesis:synthesis-run-list": COUNCIL_AND_OFFICE,
    "synthesis:synthesis-run-start": COUNCIL_AND_OFFICE,  # the same address as the list
    "synthesis:synthesis-run": COUNCIL_AND_OFFICE,
    "synthesis:synthesis-run-cancel": POST_ONLY,
    "synthesis:theme-list": COUNCIL_AND_OFFICE,
    "synthesis:theme-detail": COUNCIL_AND_OFFICE,
    "synthesis:theme-rename": POST_ONLY,
    "synthesis:theme-merge": POST_ONLY,
    "synthesis:theme-move": POST_ONLY,
    "synthesis:theme-thread": POST_ONLY,
    "synthesis:campaign-list": COUNCIL_AND_OFFICE,
    "synthesis:campaign-detail": COUNCIL_AND_OFFICE,
    "synthesis:campaign-move": POST_ONLY,
    "synthesis:common-threads": COUNCIL_AND_OFFICE,
    "synthesis:common-threads-settings": POST_ONLY,
    "synthesis:common-threads-export": COUNCIL_AND_OFFICE,
    # Processing: the office decides; the council and the coordinators read
    "synthesis:processing-overview": COORDINATOR_COUNCIL_AND_OFFICE,
    "synthesis:processing-open": COORDINATOR_COUNCIL_AND_OFFICE,
    "synthesis:dispositions-export": COORDINATOR_COUNCIL_AND_OFFICE,
    "synthesis:theme-dispose": OFFICE,
    "synthesis:campaign-dispose": OFFICE,
    "synthesis:contribution-dispose": COUNCIL_AND_OFFICE,  # the council reads the decisions' history
    # The structured agenda and its trace
    "drafting:agenda-structure": PUBLIC,
    "drafting:step-create": OFFICE,
    "drafting:step-edit": OFFICE,
    "drafting:step-move": POST_ONLY,
    "drafting:step-delete": OFFICE,
    "drafting:main-activity-create": OFFICE,
    "drafting:main-activity-edit": OFFICE,
    "drafting:main-activity-move": POST_ONLY,
    "drafting:main-activity-delete": OFFICE,
    "drafting:agenda-family-chapter": PUBLIC,
    "drafting:version-make-concept": POST_ONLY,
    "drafting:version-compare": PUBLIC,
    "drafting:version-trace": PUBLIC,
    "drafting:paragraph-change-traced": OFFICE,
    "drafting:section-add-traced": OFFICE,
    "drafting:section-edit-traced": OFFICE,
    "drafting:section-remove-traced": OFFICE,
    "drafting:paragraph-add-traced": OFFICE,
    "drafting:paragraph-remove-traced": OFFICE,
    # The council
    "council:council-meetings": COUNCIL_AND_OFFICE,
    "council:council-meeting-create": POST_ONLY,
    "council:council-meeting": COUNCIL_AND_OFFICE,
    "council:council-item-add": POST_ONLY,
    "council:council-item-decide": POST_ONLY,
    "council:council-recommendation-add": POST_ONLY,
    "council:council-recommendation-decide": POST_ONLY,
    "council:council-meeting-hold": POST_ONLY,
    "council:council-meeting-adopt": POST_ONLY,
    "council:council-decisions": PUBLIC,
    # Elaboration
    "elaboration:elaboration-home": PUBLIC,
    "elaboration:elaboration-family": COORDINATOR_COUNCIL_AND_OFFICE,
    "elaboration:reminders-send": POST_ONLY,
    "elaboration:organisation-commitments": PUBLIC,
    "elaboration:commitment-create": OWN_ORGANISATION,
    "elaboration:commitment-edit": OWN_ORGANISATION,
    # Monitoring: the figures are public; an organisation's reports are read by its
    # contributors, its family's coordinator, the council and the office; only its contributors
    # report.
    "monitoring:monitoring-home": PUBLIC,
    "monitoring:round-create": OFFICE,
    "monitoring:round-detail": PUBLIC,
    "monitoring:round-close": POST_ONLY,
    "monitoring:round-family": COORDINATOR_COUNCIL_AND_OFFICE,
    "monitoring:reminders-send": POST_ONLY,
    "monitoring:risks": COORDINATOR_COUNCIL_AND_OFFICE,
    "monitoring:slippage": COORDINATOR_COUNCIL_AND_OFFICE,
    "monitoring:forecast": PUBLIC,
    "monitoring:organisation-progress": ORGANISATION_PROGRESS,
    "monitoring:report-create": OWN_ORGANISATION,
    "monitoring:report-evidence": ORGANISATION_PROGRESS,
    # News: a public programme's archive and feeds are public; the office writes. The matrix
    # world has no posts and no tags: their addresses are not found.
    "news:archive": PUBLIC,
    # A newsletter subscriber's signed link: a made-up token is not found.
    "news:unsubscribe": answers("404"),
    "news:subscription": answers("404"),
    "news:feed": PUBLIC,
    "news:family-archive": PUBLIC,
    "news:family-feed": PUBLIC,
    "news:tag-archive": answers("404"),
    "news:tag-feed": answers("404"),
    "news:office": OFFICE,
    "news:post-create": OFFICE,
    "news:post-short": answers("404"),
    "news:post": answers("404"),
    "news:post-image": answers("404"),
    "news:post-edit": {**OFFICE, persona.OFFICE: "404", persona.ADMIN: "404"},
    "news:suggestion-publish": POST_ONLY,
    "news:suggestion-dismiss": POST_ONLY,
    # Digital maturity: the figures are public (the comply-or-explain texts on the organisation's
    # page only for those who read its progress).
    "monitoring:indicator-list": PUBLIC,
    "monitoring:indicator-detail": PUBLIC,
    "monitoring:organisation-maturity": PUBLIC,
    # The newsletter: a public archive of sent issues; composing and sending is the office's.
    # The matrix world has no issue, so the office finds none (404) where others are refused.
    "news:issues": PUBLIC,
    "news:issue": answers("404"),
    "news:newsletter-office": OFFICE,
    "news:issue-create": OFFICE,
    "news:issue-edit": {**OFFICE, persona.OFFICE: "404", persona.ADMIN: "404"},
    "news:issue-preview": {**OFFICE, persona.OFFICE: "404", persona.ADMIN: "404"},
    "news:issue-send": {**OFFICE, persona.OFFICE: "404", persona.ADMIN: "404"},
    "news:issue-test": POST_ONLY,
    # Documents of the adopted version
    "documents:response-report": PUBLIC,
    "documents:response-report-download": PUBLIC,
    "documents:response-report-family": PUBLIC,
    "documents:response-report-family-download": PUBLIC,
    "documents:agenda-document": PUBLIC,
    "documents:agenda-document-download": PUBLIC,
    # The progress report of a reporting round: public figures for everyone who may read the
    # programme; what names an organisation only for the office, coordinators and council.
    "documents:progress-report": PUBLIC,
    "documents:progress-report-download": PUBLIC,
    "documents:progress-report-family": PUBLIC,
    "documents:progress-report-family-download": PUBLIC,
    # Logging in and out, language
    "login": PUBLIC,
    "logout": POST_ONLY,
    "set_language": answers("302"),  # back to where one came from; it changes only on POST
    # The API: public programmes only, the same answer for everyone
    "api:openapi": PUBLIC,
    "api:programme-list": PUBLIC,
    "api:programme-detail": PUBLIC,
    "api:organisation-list": PUBLIC,
    "api:organisation-detail": PUBLIC,
    "api:facility-list": PUBLIC,
    "api:facility-detail": PUBLIC,
    "api:family-list": PUBLIC,
    "api:family-detail": PUBLIC,
    "api:facility-adoption-list": PUBLIC,
    "api:version-list": PUBLIC,
    "api:progress-list": PUBLIC,
    "api:forecast-detail": PUBLIC,
    "api:version-detail": PUBLIC,
    "api:roundtable-list": PUBLIC,
    "api:contribution-list": PUBLIC,
    "api:theme-list": PUBLIC,
    "api:theme-detail": PUBLIC,
    "api:campaign-list": PUBLIC,
    "api:synthesis-run-list": PUBLIC,
    "api:disposition-list": PUBLIC,
    "api:step-list": PUBLIC,
    "api:change-list": PUBLIC,
    "api:commitment-list": PUBLIC,
    "api:council-meeting-list": PUBLIC,
    "api:council-meeting-detail": PUBLIC,
    "api:news-list": PUBLIC,
    # The matrix world's one indicator, observed and explained for 2016.
    "api:indicator-list": PUBLIC,
    "api:indicator-observation-list": PUBLIC,
    "api:indicator-explanation": PUBLIC,
    "api:newsletter-list": PUBLIC,
    # The admin's front door (the rest of /beheer/ is Django's own)
    "admin:index": may(refused="login"),
    "admin:login": {**PUBLIC, persona.ADMIN: "302"},  # staff go straight to the index
}

VARIANTS = {
    # A draft whose consultation opens in 30 days is not public yet, on every page and in the
    # API alike, as a draft without a consultation period is not.
    "consultation:version-detail@planned-draft": NOT_PUBLIC_YET,  # issue 10.1 (today 200 for everyone)
    "consultation:version-paragraph-reactions@planned-draft": NOT_PUBLIC_YET,  # issue 10.1 (today 200)
    "drafting:agenda-structure@planned-draft": NOT_PUBLIC_YET,
    "drafting:version-trace@planned-draft": NOT_PUBLIC_YET,
    "drafting:version-compare@planned-draft": NOT_PUBLIC_YET,
    "documents:agenda-document@planned-draft": NOT_PUBLIC_YET,
    "documents:response-report@planned-draft": NOT_PUBLIC_YET,
    "api:version-detail@planned-draft": API_NOT_PUBLIC,
    # Reviewers react only while the consultation is open.
    "consultation:reviewer-react@planned-draft": NOBODY,
    "api:step-list@planned-draft": API_NOT_PUBLIC,
    "consultation:version-detail@unplanned-draft": NOT_PUBLIC_YET,
    "drafting:agenda-structure@unplanned-draft": NOT_PUBLIC_YET,
    "api:version-detail@unplanned-draft": API_NOT_PUBLIC,
    # The open draft and a concept are public.
    "consultation:version-detail@open-draft": PUBLIC,
    "consultation:version-detail@concept": PUBLIC,
    "drafting:agenda-structure@concept": PUBLIC,
    "api:version-detail@open-draft": PUBLIC,
    # What moderation hid reaches only those who moderate: not the council.
    "consultation:contribution-detail@hidden": OFFICE,  # issue 10.3 (today 200 for the council)
    "consultation:contribution-attachment@hidden": OFFICE,  # issue 10.3 (today 200 for the council)
    # Another organisation of the same family: its commitments are not the contributor's.
    "elaboration:commitment-edit@other-organisation": STAFF,
    # Amsterdam's commitment in Utrecht's address: not found.
    "elaboration:commitment-edit@other-organisations-commitment": {
        **STAFF,
        persona.CONTRIBUTOR: "404",
        persona.ADMIN: "404",
    },
    "elaboration:organisation-commitments@other-organisation": PUBLIC,
    # Amsterdam, in the coordinator's family: not Utrecht's contributor's.
    "monitoring:organisation-progress@other-organisation": COORDINATOR_COUNCIL_AND_OFFICE,
    "monitoring:report-create@other-organisation": STAFF,
    "organisations:adoption-edit@other-organisation": ANY_OFFICE,
    # A family the coordinator does not coordinate.
    "consultation:roundtable-edit@other-family": OFFICE,
    "consultation:roundtable-minutes@other-family": OFFICE,
    "consultation:roundtable-record@other-family": POST_ONLY,
    "consultation:coverage-family@other-family": OFFICE,
    "elaboration:elaboration-family@other-family": COUNCIL_AND_OFFICE,
    "elaboration:reminders-send@other-family": POST_ONLY,
    "monitoring:round-family@other-family": COUNCIL_AND_OFFICE,
    "monitoring:reminders-send@other-family": POST_ONLY,
    # Another reviewer's reaction: not found among the reviewer's own.
    "consultation:reviewer-reaction-edit@other-reviewer": {**NOBODY, persona.REVIEWER: "404"},
    # Objects of the programme that is not public, asked for in Digitaal 2017's address.
    "consultation:contribution-detail@other-programmes-object": OTHER_PROGRAMMES_OBJECT,
    "consultation:contribution-attachment@other-programmes-object": OTHER_PROGRAMMES_OBJECT,
    "synthesis:theme-detail@other-programmes-object": OTHER_PROGRAMMES_OBJECT,
    "synthesis:synthesis-run@other-programmes-object": OTHER_PROGRAMMES_OBJECT,
    "consultation:contribution-hide@other-programmes-object": POST_ONLY,
    "synthesis:theme-rename@other-programmes-object": POST_ONLY,
    "synthesis:contribution-dispose@other-programmes-object": answers("404"),
    "consultation:roundtable-edit@other-programmes-object": answers("404"),
    # The programme that is not public.
    "organisations:programme-detail@private-programme": PRIVATE_PROGRAMME,
    "consultation:version-list@private-programme": PRIVATE_PROGRAMME,
    "consultation:version-detail@private-programme": PRIVATE_PROGRAMME,
    "drafting:version-manage@private-programme": PRIVATE_PROGRAMME,
    "consultation:contribution-list@private-programme": PRIVATE_PROGRAMME,
    "api:programme-detail@private-programme": API_NOT_PUBLIC,
    "api:version-list@private-programme": API_NOT_PUBLIC,
    "monitoring:monitoring-home@private-programme": PRIVATE_PROGRAMME,
}

# --- POST: who may change something through each form ------------------------------------------

POST = {
    # Anyone: logging in and out, language, signing up and the links from its mails.
    **dict.fromkeys(
        [
            "login",
            "logout",
            "set_language",
            "admin:login",
            "consultation:reviewer-signup",
            "consultation:reviewer-login-link",
            "consultation:reviewer-confirm",
            "consultation:reviewer-login",
            "consultation:newsletter-subscribe",
            "consultation:newsletter-confirm",
            "consultation:newsletter-unsubscribe",
            "news:unsubscribe",
            "news:subscription",
        ],
        PUBLIC,
    ),
    # The reader-reviewer's own profile and reactions.
    **dict.fromkeys(
        [
            "consultation:reviewer-delete",
            "consultation:reviewer-react",
            "consultation:reviewer-reaction-edit",
        ],
        OWN_REVIEWER,
    ),
    # The reviewer says to be from Utrecht: Utrecht's contributor or the office confirms.
    "consultation:reviewer-claim-judge": may(persona.CONTRIBUTOR, persona.OFFICE),
    "organisations:adoption-edit": OWN_ORGANISATION_AND_ANY_OFFICE,
    "organisations:adoption-edit@other-organisation": ANY_OFFICE,
    "elaboration:commitment-create": OWN_ORGANISATION,
    "elaboration:commitment-edit": OWN_ORGANISATION,
    "elaboration:commitment-edit@other-organisation": STAFF,
    "monitoring:report-create": OWN_ORGANISATION,
    "monitoring:report-create@other-organisation": STAFF,
    "monitoring:round-create": OFFICE,
    "monitoring:round-close": OFFICE,
    "monitoring:reminders-send": COORDINATOR_AND_OFFICE,
    "news:post-create": OFFICE,
    "news:post-edit": OFFICE,
    "news:suggestion-publish": OFFICE,
    "news:suggestion-dismiss": OFFICE,
    "news:issue-create": OFFICE,
    "news:issue-edit": OFFICE,
    "news:issue-test": OFFICE,
    "news:issue-send": OFFICE,
    "monitoring:reminders-send@other-family": OFFICE,
    "consultation:reviewer-react@planned-draft": NOBODY,
    "consultation:reviewer-reaction-edit@other-reviewer": NOBODY,
    "elaboration:commitment-edit@other-organisations-commitment": NOBODY,
    # Round tables: the office, and the coordinator of a family that takes part.
    **dict.fromkeys(
        [
            "consultation:roundtable-create",
            "consultation:roundtable-edit",
            "consultation:roundtable-invitations",
            "consultation:roundtable-attendance",
            "consultation:roundtable-minutes",
        ],
        COORDINATOR_AND_OFFICE,
    ),
    "consultation:roundtable-record": OFFICE,
    "elaboration:reminders-send": COORDINATOR_AND_OFFICE,
    # ... but not of a family the coordinator does not coordinate.
    **dict.fromkeys(
        [
            "consultation:roundtable-edit@other-family",
            "consultation:roundtable-minutes@other-family",
            "consultation:roundtable-record@other-family",
            "elaboration:reminders-send@other-family",
        ],
        OFFICE,
    ),
    # The council: the office prepares, members propose and decide.
    "council:council-meeting-create": OFFICE,
    "council:council-item-add": OFFICE,
    "council:council-item-decide": COUNCIL,
    "council:council-recommendation-add": COUNCIL_AND_OFFICE,
    "council:council-recommendation-decide": COUNCIL,
    "council:council-meeting-hold": COUNCIL_AND_OFFICE,
    "council:council-meeting-adopt": COUNCIL,
    # Pages that read a form but change nothing for anyone.
    "synthesis:theme-detail": NOBODY,
    # Everything else that takes a form is the office's.
    **dict.fromkeys(
        [
            "drafting:version-manage",
            "drafting:version-edit",
            "drafting:version-move",
            "drafting:version-copy",
            "drafting:version-period",
            "drafting:version-import",
            "drafting:version-section-add",
            "drafting:version-section-edit",
            "drafting:version-section-move",
            "drafting:version-section-delete",
            "drafting:version-paragraph-add",
            "drafting:version-paragraph-edit",
            "drafting:version-paragraph-move",
            "drafting:version-paragraph-delete",
            "drafting:version-make-concept",
            "consultation:contribution-import",
            "consultation:contribution-position-paper",
            "consultation:contribution-hide",
            "consultation:contribution-unhide",
            "consultation:contribution-approve",
            "consultation:contribution-moderation",
            "synthesis:synthesis-run-list",
            "synthesis:synthesis-run-start",
            "synthesis:synthesis-run-cancel",
            "synthesis:theme-rename",
            "synthesis:theme-merge",
            "synthesis:theme-move",
            "synthesis:theme-thread",
            "synthesis:campaign-move",
            "synthesis:common-threads-settings",
            "synthesis:processing-open",
            "synthesis:theme-dispose",
            "synthesis:campaign-dispose",
            "synthesis:contribution-dispose",
            "drafting:step-create",
            "drafting:step-edit",
            "drafting:step-move",
            "drafting:step-delete",
            "drafting:main-activity-create",
            "drafting:main-activity-edit",
            "drafting:main-activity-move",
            "drafting:main-activity-delete",
            "drafting:paragraph-change-traced",
            "drafting:section-add-traced",
            "drafting:section-edit-traced",
            "drafting:section-remove-traced",
            "drafting:paragraph-add-traced",
            "drafting:paragraph-remove-traced",
        ],
        OFFICE,
    ),
    # The programme that is not public: only its office changes it, and only in its own address.
    "drafting:version-manage@private-programme": PRIVATE_PROGRAMME,
    **dict.fromkeys(
        [
            "consultation:contribution-hide@other-programmes-object",
            "synthesis:contribution-dispose@other-programmes-object",
            "synthesis:theme-rename@other-programmes-object",
            "consultation:roundtable-edit@other-programmes-object",
        ],
        NOBODY,
    ),
}


def expected_get() -> dict[str, dict[str, str]]:
    return {**GET, **VARIANTS}


def refused_post() -> dict[str, list[str]]:
    """{row key: the personas whose POST must be refused}, for every form someone may not use."""
    return {
        key: [p for p in persona.PERSONAS if rule[p] != "200"]
        for key, rule in POST.items()
        if any(rule[p] != "200" for p in persona.PERSONAS)
    }
