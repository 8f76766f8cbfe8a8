"""Forms for bodies: they parse input; the services decide and save."""

from django import forms

from accord.areas.models import Area
from accord.bodies.models import Body
from accord.bodies.selectors import body_choices
from accord.bodies.services import BODY_FIELDS
from accord.common.forms import AccordForm, GovukDateField, GovukFormMixin, style_widgets


class BodyForm(AccordForm):
    class Meta:
        model = Body
        fields = [f for f in BODY_FIELDS if f != "ended_on"]
        labels = {
            "name": "Name",
            "short_name": "Short name",
            "parent": "Reports to",
            "purpose": "Purpose",
            "terms_of_reference": "Terms of reference",
            "area": "Area footprint",
            "allows_co_chairs": "The terms of reference allow co-chairs",
            "established_on": "Date established",
            "is_published": "Publish this body",
            "source": "Source",
        }
        help_texts = {
            "short_name": "For example: LSP, APB. Used where space is short.",
            "parent": "The body this one reports to. Leave blank for the top of the framework.",
            "purpose": "One or two sentences: what the body is for.",
            "meeting_cycle": "How often it meets, as its terms of reference say.",
            "established_on": "For example, 1 4 2009",
            "is_published": "Published bodies, their members and history are shown to the public.",
            "source": "The paper this comes from and its date, for example: Partnership "
            "bulletin, January 2009.",
        }
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "name": {"required": "Enter the body's name"},
            "kind": {"required": "Choose what kind of body this is"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = body_choices(exclude_pk=self.instance.pk)
        self.fields["parent"].empty_label = "None – it reports to no other body"
        self.fields["area"].queryset = Area.objects.live().order_by("kind", "name")
        self.fields["area"].empty_label = "Not recorded"
        self.fields["kind"].choices = [("", "Choose a kind of body")] + list(
            self.fields["kind"].choices
        )[1:]


class BodyEndForm(GovukFormMixin, forms.Form):
    """Record that a body ended and what replaced it."""

    ended_on = GovukDateField(
        label="Date it ended",
        required=True,
        help_text="The last day the body was in being, for example 31 3 2009",
    )
    successors = forms.ModelMultipleChoiceField(
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Which bodies replaced it?",
        help_text="Select all that apply. Each must be established by the day after this "
        "body ends.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ended_on"].error_messages["required"] = "Enter the date the body ended"
        self.fields["successors"].queryset = (
            Body.objects.live().exclude(pk=body.pk).filter(ended_on__isnull=True)
            | Body.objects.filter(pk__in=body.successors.values("pk"))
        ).order_by("name")
        if not self.is_bound:
            self.initial.setdefault("ended_on", body.ended_on)
            self.initial.setdefault(
                "successors", list(body.successors.values_list("pk", flat=True))
            )
        style_widgets(self)
