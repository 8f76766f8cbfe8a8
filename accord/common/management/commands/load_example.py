"""`accord load-example`: load the example partnership (Cheshire West and Chester, 2007–2012)."""

from django.core.management.base import BaseCommand

from accord.bodies.models import Body
from accord.common.example import ExampleAlreadyLoaded, load_example


class Command(BaseCommand):
    help = (
        "Load the example partnership from the seed papers. Does nothing if the database "
        "already has bodies."
    )

    def handle(self, *args, **options):
        if Body.objects.exists():
            self.stdout.write("The example partnership is already loaded: nothing to do.")
            return
        try:
            counts = load_example(by=None)
        except ExampleAlreadyLoaded:
            self.stdout.write("The example partnership is already loaded: nothing to do.")
            return
        self.stdout.write("Loaded the example partnership:")
        width = max(len(name) for name in counts)
        for name, count in counts.items():
            self.stdout.write(f"  {name.ljust(width)}  {count:>4}")
