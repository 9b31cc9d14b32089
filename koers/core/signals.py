from django.dispatch import Signal

# Sent by koers.core.workers.recover() before the tasks of dead workers go back to the queue:
# each app ends its own work whose worker died (a synthesis run without a heartbeat is marked
# failed). Receivers take no arguments but `sender` and must be cheap: this runs every few seconds.
recovering = Signal()
