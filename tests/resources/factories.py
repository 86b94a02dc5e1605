import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from core.pdf import minimal_pdf
from resources.enums import Audience, ResourceFormat, ResourcePhase
from resources.models import ResourceAudience, ResourceFile, ResourceIndexPage, ResourcePage


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    title = "Materials"
    slug = "materials"

    class Meta:
        model = ResourceIndexPage


class ResourcePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Material {n}")
    slug = factory.Sequence(lambda n: f"material-{n}")
    summary = "A short lesson on staying safe."
    format = ResourceFormat.LESSON_PLAN
    phase = ResourcePhase.PRIMARY

    class Meta:
        model = ResourcePage
        skip_postgeneration_save = True

    @factory.post_generation
    def audiences(self, create, extracted, **kwargs):
        for value in extracted or [Audience.PRIMARY_PUPILS]:
            ResourceAudience.objects.create(page=self, audience=value)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            self.save()  # the cluster tag manager writes on save


class DocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Handout {n}")
    file = factory.LazyAttribute(lambda o: ContentFile(minimal_pdf(o.title), name="handout.pdf"))

    class Meta:
        model = Document


def attach_document(page, document=None):
    document = document or DocumentFactory()
    ResourceFile.objects.create(page=page, document=document, sort_order=0)
    return document
