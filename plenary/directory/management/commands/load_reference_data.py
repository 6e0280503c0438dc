from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plenary.directory import reference_data


class Command(BaseCommand):
    help = "Load countries, UN groupings and IPU member parliaments from the shipped reference data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=reference_data.DATA_DIR,
            help="Folder holding the reference CSV files (default: the copy shipped with plenary).",
        )

    def handle(self, *args, data_dir, **options):
        try:
            report = reference_data.load(data_dir)
        except reference_data.ReferenceDataError as error:
            raise CommandError(f"Nothing was loaded. {error}") from None
        for note in report.skipped:
            self.stdout.write(f"skipped {note}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Countries: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged; parliaments created: {report.parliaments_created}, "
                f"renamed from an earlier default name: {report.parliaments_renamed}."
            )
        )
