"""Tokens made by DRF's authtoken (stored in plain text in `authtoken_token`) become hashed ApiTokens.

Partners keep their token: only its SHA-256 is kept, and the plain table is dropped so no readable
token stays in the database. A database that never had authtoken has nothing to do.
"""

import hashlib
from datetime import UTC, datetime

from django.db import migrations
from django.utils import timezone
from django.utils.dateparse import parse_datetime

LEGACY_TABLE = "authtoken_token"


def hash_plain_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if LEGACY_TABLE not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("api", "ApiToken")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id, created FROM {schema_editor.quote_name(LEGACY_TABLE)}")
        rows = cursor.fetchall()
    for key, user_id, created in rows:
        if isinstance(created, str):
            created = parse_datetime(created)
        if not isinstance(created, datetime):
            created = timezone.now()
        elif timezone.is_naive(created):
            created = created.replace(tzinfo=UTC)
        ApiToken.objects.update_or_create(
            user_id=user_id, defaults={"digest": hashlib.sha256(key.encode()).hexdigest(), "created_at": created}
        )
    schema_editor.execute(f"DROP TABLE {schema_editor.quote_name(LEGACY_TABLE)}")
    # authtoken is no longer installed: forget its migrations, so adding it back would start afresh.
    schema_editor.execute("DELETE FROM django_migrations WHERE app = 'authtoken'")


class Migration(migrations.Migration):
    dependencies = [("api", "0001_api_token_hashed")]

    # Irreversible by design: the plain tokens are gone.
    operations = [migrations.RunPython(hash_plain_tokens, migrations.RunPython.noop)]
