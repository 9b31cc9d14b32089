"""Each newsletter subscription gets a random token for the links in its messages, in place of
a signed copy of its ids: existing subscriptions get theirs here, one each."""

from django.db import migrations, models

import koers.accounts.models


def give_each_a_token(apps, schema_editor):
    subscription = apps.get_model("accounts", "NewsletterSubscription")
    for row in subscription.objects.filter(token__isnull=True).only("pk").iterator():
        row.token = koers.accounts.models.new_subscription_token()
        row.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_newsletter_subscription")]

    operations = [
        migrations.AddField(
            model_name="newslettersubscription",
            name="token",
            field=models.CharField(max_length=43, null=True, editable=False),
        ),
        migrations.RunPython(give_each_a_token, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="newslettersubscription",
            name="token",
            field=models.CharField(
                default=koers.accounts.models.new_subscription_token,
                editable=False,
                max_length=43,
                unique=True,
            ),
        ),
    ]
