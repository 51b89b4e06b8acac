import json as jsonlib
from pathlib import Path

from django.core.management.base import BaseCommand

from chat.benchmarks.privacy import Shape, run


class Command(BaseCommand):
    help = (
        "What encryption at rest costs: chat page, sidebar and search for a person with 10,000 messages and "
        "100 MB of files, sealed against the same data plain, in one run; export time and peak memory."
    )

    def add_arguments(self, parser):
        parser.add_argument("--messages", type=int, default=Shape.messages)
        parser.add_argument("--files-mb", type=int, default=Shape.files_mb)
        parser.add_argument("--repeats", type=int, default=Shape.repeats)
        parser.add_argument("--quota-export-mb", type=int, default=500, help="Also export this much; 0 skips.")
        parser.add_argument("--json", type=Path, help="Also write the figures to this JSON file.")

    def handle(self, *args, messages, files_mb, repeats, quota_export_mb, json=None, **options):
        results = run(Shape(messages=messages, files_mb=files_mb, repeats=repeats), quota_export_mb=quota_export_mb)
        width = max(len(name) for name in results)
        for name, value in results.items():
            self.stdout.write(f"{name.ljust(width)}  {value:.3f}" if isinstance(value, float) else f"{name}  {value}")
        if json:
            json.write_text(jsonlib.dumps(results, indent=2) + "\n")
