import factory
import wagtail_factories

from ltc_portal.models import StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Guidance page {n}")
    slug = factory.Sequence(lambda n: f"guidance-{n}")
    body = "<p>Plain guidance for partners.</p>"

    class Meta:
        model = StandardPage
