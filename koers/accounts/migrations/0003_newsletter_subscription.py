"""The newsletter subscription moves from consultation to accounts (ADR 0013).

The table and its rows stay where they are: only Django's idea of which app owns the model
changes (SeparateDatabaseAndState); the new fields are real columns.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_login_attempts_and_labels_in_dutch"),
        ("organisations", "0002_labels_in_dutch"),
        ("consultation", "0002_full_text_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="NewsletterSubscription",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mailadres")),
                        ("confirmed_at", models.DateTimeField(blank=True, null=True)),
                        ("unsubscribed_at", models.DateTimeField(blank=True, null=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "programme",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="subscriptions",
                                to="organisations.programme",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "consultation_newslettersubscription",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("programme", "email"), name="unique_subscription"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AddField(
            model_name="newslettersubscription",
            name="families",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                to="organisations.family",
                verbose_name="gevolgde families",
            ),
        ),
        migrations.AddField(
            model_name="newslettersubscription",
            name="format",
            field=models.CharField(
                choices=[("html", "opgemaakt (HTML)"), ("plain", "platte tekst")],
                default="html",
                max_length=10,
                verbose_name="vorm",
            ),
        ),
        migrations.AddField(
            model_name="newslettersubscription",
            name="bouncing_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
