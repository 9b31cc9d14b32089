"""Signals other apps listen to, so they can follow the consultation without it importing them."""

from django.dispatch import Signal

# Sent by versions.copy_version after the text is copied: sender=AgendaVersion,
# original=the version copied, copy=the new version, by=the person (or None). The agenda copies
# its steps and main activities on it, in the same transaction.
version_copied = Signal()

# Sent by services.move_version once the move is committed: sender=AgendaVersion,
# version=the version in its new state, previous=its former state, by=the person (or None).
version_moved = Signal()

# Sent by versions.move_section / move_paragraph when an item changed place: sender=Section or
# Paragraph, item=it, direction="omhoog"/"omlaag", by=the person (or None). The agenda's trace
# records the move in a version based on another.
text_moved = Signal()
