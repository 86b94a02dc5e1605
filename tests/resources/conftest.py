import pytest

from resources.workflow import APPROVERS_GROUP, ensure_approval_workflow
from tests.factories import UserFactory

from .factories import ResourceIndexPageFactory


@pytest.fixture
def library(home_page):
    return ResourceIndexPageFactory(parent=home_page)


@pytest.fixture
def workflow(library):
    return ensure_approval_workflow(library)[0]


@pytest.fixture
def approver(workflow):
    from django.contrib.auth.models import Group

    user = UserFactory(first_name="Bea", last_name="Board")
    user.groups.add(Group.objects.get(name=APPROVERS_GROUP))
    return user


@pytest.fixture
def partner(db):
    return UserFactory()
