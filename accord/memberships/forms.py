"""Forms for memberships: they parse input; the services decide and save."""

from django import forms

from accord.bodies.models import Body, Post
from accord.common.forms import AccordForm, GovukDateField, GovukFormMixin, style_widgets
from accord.memberships.models import Membership
from accord.memberships.selectors import people_for_choice
from accord.memberships.services import MEMBERSHIP_FIELDS
from accord.organisations.models import Organisation


class MembershipForm(AccordForm):
    class Meta:
        model = Membership
        fields = [f for f in MEMBERSHIP_FIELDS if f != "body"]
        labels = {
            "person": "Person",
            "role": "Role",
            "post": "Seat",
            "on_behalf_of": "On behalf of",
            "nominated_by": "Nominated by",
            "has_vote": "Has a vote",
            "start_date": "Start date",
            "end_date": "End date",
            "notes": "Notes",
        }
        help_texts = {
            "person": "If the person is not listed, add them on the people pages first.",
            "post": "The seat by office this person fills, if any.",
            "on_behalf_of": "The organisation this person represents on the body.",
            "nominated_by": "The organisation that nominated them, if different.",
            "has_vote": "Untick for advisers, observers and others without a vote.",
            "start_date": "For example, 27 4 2009",
            "end_date": "Leave blank if the membership is still going.",
            "source": "The paper this comes from, for example: Thematic Leads minutes, "
            "27 April 2009.",
        }
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "source": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {"person": {"required": "Choose the person who is a member"}}

    def __init__(self, *args, body: Body, **kwargs):
        super().__init__(*args, **kwargs)
        self.body = body
        self.fields["person"].queryset = people_for_choice()
        self.fields["person"].empty_label = "Choose a person"
        self.fields["role"].choices = [c for c in self.fields["role"].choices if c[0]]
        posts = Post.objects.live().filter(body=body).order_by("position", "label")
        self.fields["post"].queryset = posts
        self.fields["post"].empty_label = "No particular seat"
        organisations = Organisation.objects.live().order_by("name")
        for name in ("on_behalf_of", "nominated_by"):
            self.fields[name].queryset = organisations
            self.fields[name].empty_label = "None"
        if not posts.exists():
            del self.fields["post"]


class MembershipEndForm(GovukFormMixin, forms.Form):
    end_date = GovukDateField(
        label="Date the membership ended",
        required=True,
        help_text="The last day they were a member, for example 31 3 2010",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["end_date"].error_messages["required"] = "Enter the date the membership ended"
        style_widgets(self)
