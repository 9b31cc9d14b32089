"""Routes of the one editor of the agenda: the office's versions and text, the structure, the traced changes and the comparison (namespace `drafting`)."""

from django.urls import path

from .views.structure import (
    agenda_structure,
    family_chapter,
    main_activity_delete,
    main_activity_edit,
    main_activity_move,
    make_concept,
    step_delete,
    step_edit,
    step_move,
)
from .views.text import (
    paragraph_add_traced,
    paragraph_remove_traced,
    section_edit_traced,
    section_remove_traced,
)
from .views.trace import paragraph_change_traced, version_compare, version_trace
from .views.versions import (
    paragraph_delete,
    paragraph_edit,
    paragraph_move,
    section_delete,
    section_edit,
    section_move,
    version_copy,
    version_edit,
    version_import,
    version_manage,
    version_move,
    version_period,
)

AGENDA = "programmas/<slug:slug>/agenda"
OFFICE = AGENDA + "/<int:number>/beheer"
VERSION = "programmas/<slug:slug>/versies/<int:number>"

app_name = "drafting"

urlpatterns = [
    # views.versions
    path(AGENDA + "/beheer", version_manage, name="version-manage"),
    path(OFFICE, version_edit, name="version-edit"),
    path(OFFICE + "/status", version_move, name="version-move"),
    path(OFFICE + "/kopie", version_copy, name="version-copy"),
    path(OFFICE + "/consultatie", version_period, name="version-period"),
    path(OFFICE + "/importeren", version_import, name="version-import"),
    path(OFFICE + "/hoofdstukken/nieuw", section_edit, name="version-section-add"),
    path(OFFICE + "/hoofdstukken/<uuid:anchor>", section_edit, name="version-section-edit"),
    path(
        OFFICE + "/hoofdstukken/<uuid:anchor>/verplaatsen",
        section_move,
        name="version-section-move",
    ),
    path(
        OFFICE + "/hoofdstukken/<uuid:anchor>/verwijderen",
        section_delete,
        name="version-section-delete",
    ),
    path(
        OFFICE + "/hoofdstukken/<uuid:section_anchor>/alineas/nieuw",
        paragraph_edit,
        name="version-paragraph-add",
    ),
    path(OFFICE + "/alineas/<uuid:anchor>", paragraph_edit, name="version-paragraph-edit"),
    path(
        OFFICE + "/alineas/<uuid:anchor>/verplaatsen", paragraph_move, name="version-paragraph-move"
    ),
    path(
        OFFICE + "/alineas/<uuid:anchor>/verwijderen",
        paragraph_delete,
        name="version-paragraph-delete",
    ),
    # views.structure
    path(VERSION + "/stappen", agenda_structure, name="agenda-structure"),
    path(VERSION + "/stappen/nieuw", step_edit, name="step-create"),
    path(VERSION + "/stappen/<uuid:anchor>", step_edit, name="step-edit"),
    path(VERSION + "/stappen/<uuid:anchor>/verplaatsen", step_move, name="step-move"),
    path(VERSION + "/stappen/<uuid:anchor>/verwijderen", step_delete, name="step-delete"),
    path(VERSION + "/hoofdactiviteiten/nieuw", main_activity_edit, name="main-activity-create"),
    path(
        VERSION + "/hoofdactiviteiten/<uuid:anchor>", main_activity_edit, name="main-activity-edit"
    ),
    path(
        VERSION + "/hoofdactiviteiten/<uuid:anchor>/verplaatsen",
        main_activity_move,
        name="main-activity-move",
    ),
    path(
        VERSION + "/hoofdactiviteiten/<uuid:anchor>/verwijderen",
        main_activity_delete,
        name="main-activity-delete",
    ),
    path(VERSION + "/families/<slug:family_slug>", family_chapter, name="agenda-family-chapter"),
    path(VERSION + "/concept", make_concept, name="version-make-concept"),
    # views.text
    path(VERSION + "/hoofdstukken/nieuw", section_edit_traced, name="section-add-traced"),
    path(
        VERSION + "/hoofdstukken/<uuid:anchor>/wijzigen",
        section_edit_traced,
        name="section-edit-traced",
    ),
    path(
        VERSION + "/hoofdstukken/<uuid:anchor>/verwijderen",
        section_remove_traced,
        name="section-remove-traced",
    ),
    path(
        VERSION + "/hoofdstukken/<uuid:anchor>/alinea-toevoegen",
        paragraph_add_traced,
        name="paragraph-add-traced",
    ),
    path(
        VERSION + "/alineas/<uuid:anchor>/verwijderen",
        paragraph_remove_traced,
        name="paragraph-remove-traced",
    ),
    # views.trace
    path("programmas/<slug:slug>/versies/vergelijk", version_compare, name="version-compare"),
    path(VERSION + "/herkomst", version_trace, name="version-trace"),
    path(
        VERSION + "/alineas/<uuid:anchor>/wijzigen",
        paragraph_change_traced,
        name="paragraph-change-traced",
    ),
]
