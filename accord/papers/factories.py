"""factory_boy factories for papers."""

import datetime as dt
import hashlib

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from accord.common.factories import BodyFactory
from accord.papers.models import Paper, PaperFile, PaperPurpose

PDF_BYTES = b"%PDF-1.4\n% illustrative test paper\n%%EOF\n"


class PaperFactory(DjangoModelFactory):
    """A public, illustrative paper for a body."""

    class Meta:
        model = Paper

    title = factory.Sequence(lambda n: f"Test report {n}")
    purpose = PaperPurpose.INFORMATION
    body = factory.SubFactory(BodyFactory)
    published_on = dt.date(2009, 4, 20)
    is_public = True
    is_illustrative = True


class PaperFileFactory(DjangoModelFactory):
    """Version 1 of a small PDF file (written to MEDIA_ROOT: use the `settings` fixture to point
    it at a temporary directory)."""

    class Meta:
        model = PaperFile

    paper = factory.SubFactory(PaperFactory)
    revision = 1
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="test.pdf"))
    original_name = "report.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    sha256 = hashlib.sha256(PDF_BYTES).hexdigest()
