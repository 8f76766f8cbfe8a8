"""factory_boy factories for actions."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from accord.actions.models import Action, ActionNote, ActionStatus
from accord.common.factories import BodyFactory, PersonFactory


class ActionFactory(DjangoModelFactory):
    """An open, illustrative action of a body with a named owner; pass origin=<agenda item>."""

    class Meta:
        model = Action

    title = factory.Sequence(lambda n: f"Test action {n}")
    owner = factory.SubFactory(PersonFactory)
    body = factory.SubFactory(BodyFactory)
    due_on = dt.date(2009, 5, 18)
    status = ActionStatus.OPEN
    is_illustrative = True


class ActionNoteFactory(DjangoModelFactory):
    class Meta:
        model = ActionNote

    action = factory.SubFactory(ActionFactory)
    written_on = dt.date(2009, 5, 1)
    text = "Work has started."
