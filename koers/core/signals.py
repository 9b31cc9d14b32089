from django.dispatch import Signal

# Sent by koers.core.workers.recover() before the tasks of dead workers go back to the queue:
# each app ends its own work whose worker died (a synthesis run without a heartbeat is marked
# failed). Receivers take no arguments but `sender` and must be cheap: this runs every few seconds.
recovering = Signal()

# Sent by a write of many contributions at once that no model signal sees (an import), with
# `programme_id` and `contributions`, a queryset of the new ones, once their links to paragraphs are
# written: the synthesis counts them in its tally (koers.synthesis.tally), which the lower app that
# wrote them does not know, and the consultation in its voices and reactions per paragraph.
input_written = Signal()
