from django.db import migrations


class Migration(migrations.Migration):
    """`status` is the case's word (written by workflow.py only); an e-mail has a delivery state."""

    dependencies = [("notifications", "0002_staff_notices_and_retries")]

    operations = [migrations.RenameField(model_name="outboundemail", old_name="status", new_name="delivery")]
