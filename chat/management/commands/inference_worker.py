from django.core.management.base import BaseCommand

from chat.generation import startup


class Command(BaseCommand):
    help = (
        "Run the inference worker of the scaled mode (REDIS_URL set): load the model, publish its status, "
        "and answer the jobs on the inference channel. One per GPU machine."
    )

    def handle(self, *args, **options) -> None:
        startup.start_inference()
        self.stdout.write("Inference worker started: loading the model and serving the inference channel.")
        startup.inference_worker().run()
