"""The newsletter subscription now belongs to accounts (ADR 0013); its table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("consultation", "0002_full_text_search"),
        ("accounts", "0003_newsletter_subscription"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="NewsletterSubscription")],
            database_operations=[],
        ),
    ]
