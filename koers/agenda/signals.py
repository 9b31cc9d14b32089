"""Signals the later stages listen to, so they can follow the agenda without it importing them."""

from django.dispatch import Signal

# Sent by services.move_version once the move is committed: sender=AgendaVersion,
# version=the version in its new state, previous=its former state, by=the person (or None).
version_moved = Signal()

# Sent by services.move_section / move_paragraph when an item changed place: sender=Section or
# Paragraph, item=it, direction="omhoog"/"omlaag", by=the person (or None). The trace (koers.drafting)
# records the move in a version based on another.
text_moved = Signal()
