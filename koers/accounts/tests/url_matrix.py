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
    # Programmes and the register
    "programme-detail": PUBLIC,
    "organisation-list": PUBLIC,
    "organisation-detail": PUBLIC,
    "adoption-edit": OWN_ORGANISATION_AND_ANY_OFFICE,
    "facility-list": PUBLIC,
    # The agenda text (consultation)
    "version-list": PUBLIC,
    "version-manage": OFFICE,
    "version-detail": PUBLIC,
    "version-paragraph-reactions": PUBLIC,
    "version-edit": OFFICE,
    "version-move": POST_ONLY,
    "version-copy": POST_ONLY,
    "version-period": OFFICE,
    "version-import": OFFICE,
    "version-section-add": OFFICE,
    "version-section-edit": OFFICE,
    "version-section-move": POST_ONLY,
    "version-section-delete": OFFICE,
    "version-paragraph-add": OFFICE,
    "version-paragraph-edit": OFFICE,
    "version-paragraph-move": POST_ONLY,
    "version-paragraph-delete": OFFICE,
    # Round tables
    "roundtable-list": PUBLIC,
    "roundtable-create": COORDINATOR_AND_OFFICE,
    "roundtable-detail": PUBLIC,
    "roundtable-ics": PUBLIC,
    "roundtable-edit": COORDINATOR_AND_OFFICE,
    "roundtable-invitations": COORDINATOR_AND_OFFICE,
    "roundtable-attendance": COORDINATOR_AND_OFFICE,
    "roundtable-minutes": COORDINATOR_AND_OFFICE,
    "roundtable-record": POST_ONLY,
    # Reader-reviewers and the newsletter
    "reviewer-signup": PUBLIC,
    "reviewer-signup-sent": PUBLIC,
    "reviewer-confirm": BAD_LINK,
    "reviewer-login-link": PUBLIC,
    "reviewer-login-link-sent": PUBLIC,
    "reviewer-login": BAD_LINK,
    "reviewer-profile": OWN_REVIEWER,
    "reviewer-data": OWN_REVIEWER,
    "reviewer-delete": OWN_REVIEWER,
    "reviewer-react": OWN_REVIEWER,
    "reviewer-reaction-edit": OWN_REVIEWER,
    "reviewer-dispositions": OWN_REVIEWER,
    # Claims to speak for an organisation: the office, and contributors (each sees their own).
    "reviewer-claims": may(persona.CONTRIBUTOR, persona.OFFICE),
    "reviewer-claim-judge": POST_ONLY,
    "newsletter-subscribe": PUBLIC,
    "newsletter-sent": PUBLIC,
    "newsletter-confirm": BAD_LINK,
    "newsletter-unsubscribe": BAD_LINK,
    # Contributions
    "contribution-list": COUNCIL_AND_OFFICE,
    "contribution-export": COUNCIL_AND_OFFICE,
    "contribution-moderation": OFFICE,
    "contribution-import": OFFICE,
    # The check report of an import lives in the office's session: none in this one.
    "contribution-import-report": {**OFFICE, persona.OFFICE: "404", persona.ADMIN: "404"},
    "contribution-import-result": OFFICE,
    "contribution-position-paper": OFFICE,
    "contribution-detail": COUNCIL_AND_OFFICE,
    "contribution-attachment": COUNCIL_AND_OFFICE,
    "contribution-hide": POST_ONLY,
    "contribution-unhide": POST_ONLY,
    "contribution-approve": POST_ONLY,
    # Coverage: the office, and the coordinator for their own family
    "coverage-programme": COORDINATOR_AND_OFFICE,
    "coverage-programme-export": COORDINATOR_AND_OFFICE,
    "coverage-family": COORDINATOR_AND_OFFICE,
    "coverage-family-export": COORDINATOR_AND_OFFICE,
    # Synthesis: the office works, the council reads along
    "synthesis-run-list": COUNCIL_AND_OFFICE,
    "synthesis-run-start": COUNCIL_AND_OFFICE,  # the same address as the list
    "synthesis-run": COUNCIL_AND_OFFICE,
    "synthesis-run-cancel": POST_ONLY,
    "theme-list": COUNCIL_AND_OFFICE,
    "theme-detail": COUNCIL_AND_OFFICE,
    "theme-rename": POST_ONLY,
    "theme-merge": POST_ONLY,
    "theme-move": POST_ONLY,
    "theme-thread": POST_ONLY,
    "campaign-list": COUNCIL_AND_OFFICE,
    "campaign-detail": COUNCIL_AND_OFFICE,
    "campaign-move": POST_ONLY,
    "common-threads": COUNCIL_AND_OFFICE,
    "common-threads-settings": POST_ONLY,
    "common-threads-export": COUNCIL_AND_OFFICE,
    # Processing: the office decides; the council and the coordinators read
    "processing-overview": COORDINATOR_COUNCIL_AND_OFFICE,
    "processing-open": COORDINATOR_COUNCIL_AND_OFFICE,
    "dispositions-export": COORDINATOR_COUNCIL_AND_OFFICE,
    "theme-dispose": OFFICE,
    "campaign-dispose": OFFICE,
    "contribution-dispose": COUNCIL_AND_OFFICE,  # the council reads the decisions' history
    # The structured agenda and its trace
    "agenda-structure": PUBLIC,
    "step-create": OFFICE,
    "step-edit": OFFICE,
    "step-move": POST_ONLY,
    "step-delete": OFFICE,
    "main-activity-create": OFFICE,
    "main-activity-edit": OFFICE,
    "main-activity-move": POST_ONLY,
    "main-activity-delete": OFFICE,
    "agenda-family-chapter": PUBLIC,
    "version-make-concept": POST_ONLY,
    "version-compare": PUBLIC,
    "version-trace": PUBLIC,
    "paragraph-change-traced": OFFICE,
    "section-add-traced": OFFICE,
    "section-edit-traced": OFFICE,
    "section-remove-traced": OFFICE,
    "paragraph-add-traced": OFFICE,
    "paragraph-remove-traced": OFFICE,
    # The council
    "council-meetings": COUNCIL_AND_OFFICE,
    "council-meeting-create": POST_ONLY,
    "council-meeting": COUNCIL_AND_OFFICE,
    "council-item-add": POST_ONLY,
    "council-item-decide": POST_ONLY,
    "council-recommendation-add": POST_ONLY,
    "council-recommendation-decide": POST_ONLY,
    "council-meeting-hold": POST_ONLY,
    "council-meeting-adopt": POST_ONLY,
    "council-decisions": PUBLIC,
    # Elaboration
    "elaboration-home": PUBLIC,
    "elaboration-family": COORDINATOR_COUNCIL_AND_OFFICE,
    "reminders-send": POST_ONLY,
    "organisation-commitments": PUBLIC,
    "commitment-create": OWN_ORGANISATION,
    "commitment-edit": OWN_ORGANISATION,
    # Documents of the adopted version
    "response-report": PUBLIC,
    "response-report-download": PUBLIC,
    "response-report-family": PUBLIC,
    "response-report-family-download": PUBLIC,
    "agenda-document": PUBLIC,
    "agenda-document-download": PUBLIC,
    # Logging in and out, language
    "login": PUBLIC,
    "logout": POST_ONLY,
    "set_language": answers("302"),  # back to where one came from; it changes only on POST
    # The API: public programmes only, the same answer for everyone
    "api-openapi": PUBLIC,
    "api-programme-list": PUBLIC,
    "api-programme-detail": PUBLIC,
    "api-organisation-list": PUBLIC,
    "api-organisation-detail": PUBLIC,
    "api-facility-list": PUBLIC,
    "api-facility-detail": PUBLIC,
    "api-family-list": PUBLIC,
    "api-family-detail": PUBLIC,
    "api-facility-adoption-list": PUBLIC,
    "api-version-list": PUBLIC,
    "api-version-detail": PUBLIC,
    "api-roundtable-list": PUBLIC,
    "api-contribution-list": PUBLIC,
    "api-theme-list": PUBLIC,
    "api-theme-detail": PUBLIC,
    "api-campaign-list": PUBLIC,
    "api-synthesis-run-list": PUBLIC,
    "api-disposition-list": PUBLIC,
    "api-step-list": PUBLIC,
    "api-change-list": PUBLIC,
    "api-commitment-list": PUBLIC,
    "api-council-meeting-list": PUBLIC,
    "api-council-meeting-detail": PUBLIC,
    # The admin's front door (the rest of /beheer/ is Django's own)
    "admin:index": may(refused="login"),
    "admin:login": {**PUBLIC, persona.ADMIN: "302"},  # staff go straight to the index
}

VARIANTS = {
    # A draft whose consultation opens in 30 days is not public yet, on every page and in the
    # API alike, as a draft without a consultation period is not.
    "version-detail@planned-draft": NOT_PUBLIC_YET,  # issue 10.1 (today 200 for everyone)
    "version-paragraph-reactions@planned-draft": NOT_PUBLIC_YET,  # issue 10.1 (today 200)
    "agenda-structure@planned-draft": NOT_PUBLIC_YET,
    "version-trace@planned-draft": NOT_PUBLIC_YET,
    "version-compare@planned-draft": NOT_PUBLIC_YET,
    "agenda-document@planned-draft": NOT_PUBLIC_YET,
    "response-report@planned-draft": NOT_PUBLIC_YET,
    "api-version-detail@planned-draft": API_NOT_PUBLIC,
    # Reviewers react only while the consultation is open.
    "reviewer-react@planned-draft": NOBODY,
    "api-step-list@planned-draft": API_NOT_PUBLIC,
    "version-detail@unplanned-draft": NOT_PUBLIC_YET,
    "agenda-structure@unplanned-draft": NOT_PUBLIC_YET,
    "api-version-detail@unplanned-draft": API_NOT_PUBLIC,
    # The open draft and a concept are public.
    "version-detail@open-draft": PUBLIC,
    "version-detail@concept": PUBLIC,
    "agenda-structure@concept": PUBLIC,
    "api-version-detail@open-draft": PUBLIC,
    # What moderation hid reaches only those who moderate: not the council.
    "contribution-detail@hidden": OFFICE,  # issue 10.3 (today 200 for the council)
    "contribution-attachment@hidden": OFFICE,  # issue 10.3 (today 200 for the council)
    # Another organisation of the same family: its commitments are not the contributor's.
    "commitment-edit@other-organisation": STAFF,
    # Amsterdam's commitment in Utrecht's address: not found.
    "commitment-edit@other-organisations-commitment": {
        **STAFF,
        persona.CONTRIBUTOR: "404",
        persona.ADMIN: "404",
    },
    "organisation-commitments@other-organisation": PUBLIC,
    "adoption-edit@other-organisation": ANY_OFFICE,
    # A family the coordinator does not coordinate.
    "roundtable-edit@other-family": OFFICE,
    "roundtable-minutes@other-family": OFFICE,
    "roundtable-record@other-family": POST_ONLY,
    "coverage-family@other-family": OFFICE,
    "elaboration-family@other-family": COUNCIL_AND_OFFICE,
    "reminders-send@other-family": POST_ONLY,
    # Another reviewer's reaction: not found among the reviewer's own.
    "reviewer-reaction-edit@other-reviewer": {**NOBODY, persona.REVIEWER: "404"},
    # Objects of the programme that is not public, asked for in Digitaal 2017's address.
    "contribution-detail@other-programmes-object": OTHER_PROGRAMMES_OBJECT,
    "contribution-attachment@other-programmes-object": OTHER_PROGRAMMES_OBJECT,
    "theme-detail@other-programmes-object": OTHER_PROGRAMMES_OBJECT,
    "synthesis-run@other-programmes-object": OTHER_PROGRAMMES_OBJECT,
    "contribution-hide@other-programmes-object": POST_ONLY,
    "theme-rename@other-programmes-object": POST_ONLY,
    "contribution-dispose@other-programmes-object": answers("404"),
    "roundtable-edit@other-programmes-object": answers("404"),
    # The programme that is not public.
    "programme-detail@private-programme": PRIVATE_PROGRAMME,
    "version-list@private-programme": PRIVATE_PROGRAMME,
    "version-detail@private-programme": PRIVATE_PROGRAMME,
    "version-manage@private-programme": PRIVATE_PROGRAMME,
    "contribution-list@private-programme": PRIVATE_PROGRAMME,
    "api-programme-detail@private-programme": API_NOT_PUBLIC,
    "api-version-list@private-programme": API_NOT_PUBLIC,
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
            "reviewer-signup",
            "reviewer-login-link",
            "reviewer-confirm",
            "reviewer-login",
            "newsletter-subscribe",
            "newsletter-confirm",
            "newsletter-unsubscribe",
        ],
        PUBLIC,
    ),
    # The reader-reviewer's own profile and reactions.
    **dict.fromkeys(["reviewer-delete", "reviewer-react", "reviewer-reaction-edit"], OWN_REVIEWER),
    # The reviewer says to be from Utrecht: Utrecht's contributor or the office confirms.
    "reviewer-claim-judge": may(persona.CONTRIBUTOR, persona.OFFICE),
    "adoption-edit": OWN_ORGANISATION_AND_ANY_OFFICE,
    "adoption-edit@other-organisation": ANY_OFFICE,
    "commitment-create": OWN_ORGANISATION,
    "commitment-edit": OWN_ORGANISATION,
    "commitment-edit@other-organisation": STAFF,
    "reviewer-react@planned-draft": NOBODY,
    "reviewer-reaction-edit@other-reviewer": NOBODY,
    "commitment-edit@other-organisations-commitment": NOBODY,
    # Round tables: the office, and the coordinator of a family that takes part.
    **dict.fromkeys(
        [
            "roundtable-create",
            "roundtable-edit",
            "roundtable-invitations",
            "roundtable-attendance",
            "roundtable-minutes",
        ],
        COORDINATOR_AND_OFFICE,
    ),
    "roundtable-record": OFFICE,
    "reminders-send": COORDINATOR_AND_OFFICE,
    # ... but not of a family the coordinator does not coordinate.
    **dict.fromkeys(
        [
            "roundtable-edit@other-family",
            "roundtable-minutes@other-family",
            "roundtable-record@other-family",
            "reminders-send@other-family",
        ],
        OFFICE,
    ),
    # The council: the office prepares, members propose and decide.
    "council-meeting-create": OFFICE,
    "council-item-add": OFFICE,
    "council-item-decide": COUNCIL,
    "council-recommendation-add": COUNCIL_AND_OFFICE,
    "council-recommendation-decide": COUNCIL,
    "council-meeting-hold": COUNCIL_AND_OFFICE,
    "council-meeting-adopt": COUNCIL,
    # Pages that read a form but change nothing for anyone.
    "theme-detail": NOBODY,
    # Everything else that takes a form is the office's.
    **dict.fromkeys(
        [
            "version-manage",
            "version-edit",
            "version-move",
            "version-copy",
            "version-period",
            "version-import",
            "version-section-add",
            "version-section-edit",
            "version-section-move",
            "version-section-delete",
            "version-paragraph-add",
            "version-paragraph-edit",
            "version-paragraph-move",
            "version-paragraph-delete",
            "version-make-concept",
            "contribution-import",
            "contribution-position-paper",
            "contribution-hide",
            "contribution-unhide",
            "contribution-approve",
            "synthesis-run-list",
            "synthesis-run-start",
            "synthesis-run-cancel",
            "theme-rename",
            "theme-merge",
            "theme-move",
            "theme-thread",
            "campaign-move",
            "common-threads-settings",
            "processing-open",
            "theme-dispose",
            "campaign-dispose",
            "contribution-dispose",
            "step-create",
            "step-edit",
            "step-move",
            "step-delete",
            "main-activity-create",
            "main-activity-edit",
            "main-activity-move",
            "main-activity-delete",
            "paragraph-change-traced",
            "section-add-traced",
            "section-edit-traced",
            "section-remove-traced",
            "paragraph-add-traced",
            "paragraph-remove-traced",
        ],
        OFFICE,
    ),
    # The programme that is not public: only its office changes it, and only in its own address.
    "version-manage@private-programme": PRIVATE_PROGRAMME,
    **dict.fromkeys(
        [
            "contribution-hide@other-programmes-object",
            "contribution-dispose@other-programmes-object",
            "theme-rename@other-programmes-object",
            "roundtable-edit@other-programmes-object",
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
