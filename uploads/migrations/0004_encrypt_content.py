"""File names, hashes, extracted text and the files on disk are sealed at rest; what was stored before is sealed here.

Rows and files are re-sealed one by one and atomically (see healthassistant.encryption.rewrap),
so an interrupted run resumes where it stopped, and a reverse migration opens them again.
"""

from django.db import migrations

import healthassistant.encryption.fields
from healthassistant.encryption import rewrap
from uploads.resealing import reseal_upload_files, unseal_upload_files


def seal_existing(apps, schema_editor):
    upload = apps.get_model("uploads", "Upload")
    for column in rewrap.sealed_columns([upload]):
        rewrap.reseal_column(column)
    reseal_upload_files(upload)


def forget_plain_pages(apps, schema_editor):
    rewrap.forget_plain_pages([apps.get_model("uploads", "Upload")._meta.db_table])


def open_existing(apps, schema_editor):
    upload = apps.get_model("uploads", "Upload")
    for column in rewrap.sealed_columns([upload]):
        rewrap.unseal_column(column)
    unseal_upload_files(upload)


class Migration(migrations.Migration):
    # Not one transaction: each row and file is sealed and committed on its own, so a long run can be
    # interrupted and resumed, and PostgreSQL never alters a table with row updates pending in it.
    atomic = False

    dependencies = [("uploads", "0003_upload_share_patient_details")]

    operations = [
        migrations.AlterField(
            model_name="upload",
            name="original_name",
            field=healthassistant.encryption.fields.EncryptedTextField(
                help_text="Sanitised (at most 255 characters); for display only."
            ),
        ),
        migrations.AlterField(
            model_name="upload",
            name="sha256",
            field=healthassistant.encryption.fields.EncryptedTextField(help_text="Of the original file's bytes, in hex."),
        ),
        migrations.AlterField(
            model_name="upload",
            name="extracted_text",
            field=healthassistant.encryption.fields.EncryptedTextField(blank=True),
        ),
        migrations.RunPython(seal_existing, open_existing),
        migrations.RunPython(forget_plain_pages, migrations.RunPython.noop),
    ]
