"""Forms for papers: the cover sheet, a new file version and the list's filters. They parse
input; the services decide and save."""

from django import forms

from accord.accounts.permissions import body_roles
from accord.bodies.models import Body
from accord.bodies.selectors import visible_bodies
from accord.common.forms import AccordForm, GovukFormMixin, style_widgets
from accord.memberships.models import SECRETARY_ROLES
from accord.memberships.selectors import people_for_choice
from accord.papers.models import Paper, PaperPurpose
from accord.papers.services import PAPER_FIELDS
from accord.papers.uploads import PAPER_TYPES, accepted_types_sentence


def is_manager(user) -> bool:
    return bool(user.is_authenticated and (getattr(user, "is_manager", False) or user.is_superuser))


def bodies_for_papers(user):
    """The bodies whose papers this user keeps: every live body for a manager, otherwise the
    bodies they support as secretary."""
    live = Body.objects.live().order_by("name")
    if is_manager(user):
        return live
    mine = [pk for pk, roles in body_roles(user).items() if roles & SECRETARY_ROLES]
    return live.filter(pk__in=mine)


class PaperForm(AccordForm):
    """The cover sheet of seed 003, field by field."""

    class Meta:
        model = Paper
        fields = PAPER_FIELDS
        labels = {
            "title": "Report title",
            "description": "Description",
            "purpose": "For",
            "purpose_text": "Document purpose",
            "circulation": "Circulation list",
            "decision_required": "Decision or action required",
            "author": "Author",
            "author_text": "Author (as written on the paper)",
            "contact_details": "Contact details",
            "published_on": "Publication date",
            "target_audience": "Target audience",
            "cross_reference": "Cross reference",
            "body": "Body",
            "is_public": "The public may read this paper",
            "is_illustrative": "This is an illustrative example, not a real paper",
            "source": "Source",
        }
        help_texts = {
            "title": "For example, West Cheshire Sustainable Community Strategy Delivery Plan "
            "2011-2014",
            "purpose": "What the meeting is asked to do with it",
            "purpose_text": "What the report sets out, as the cover sheet says it",
            "circulation": "For example, West Cheshire Together",
            "decision_required": "For example, Partners are asked to support the overall approach",
            "author": "If the author is not listed, write their name or job title below",
            "author_text": "For example, a job title, or a name not yet in Accord",
            "contact_details": "A telephone number or email address",
            "published_on": "For example, 29 7 2010",
            "target_audience": "For example, West Cheshire Together Network",
            "cross_reference": "For example, Local Government and Public Involvement in Health Act",
            "body": "The body whose paper it is",
            "is_public": "Untick for a paper only the body's members may read",
            "is_illustrative": "Illustrative examples are labelled as such wherever they appear",
            "source": "Where this record comes from, for example the agenda pack it was in",
        }
        error_messages = {"title": {"required": "Enter the report title"}}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "purpose_text": forms.Textarea(attrs={"rows": 5}),
            "circulation": forms.Textarea(attrs={"rows": 2}),
            "decision_required": forms.Textarea(attrs={"rows": 5}),
            "contact_details": forms.Textarea(attrs={"rows": 2}),
            "target_audience": forms.Textarea(attrs={"rows": 2}),
            "cross_reference": forms.Textarea(attrs={"rows": 2}),
            "source": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["purpose"].choices = [("", "Not stated"), *PaperPurpose.choices]
        self.fields["author"].queryset = people_for_choice()
        self.fields["author"].empty_label = "Not listed"
        bodies = bodies_for_papers(user)
        current = self.instance.body_id if self.instance.pk else None
        if current:
            # The paper's own body stays choosable even if it is no longer live.
            bodies = Body.objects.filter(pk__in=[*bodies.values_list("pk", flat=True), current])
            bodies = bodies.order_by("name")
        self.fields["body"].queryset = bodies
        self.fields["body"].empty_label = "None (a partnership-wide paper)"
        # Only a manager may file a paper under no body: anyone else keeps the papers of the
        # bodies they support.
        self.fields["body"].required = not is_manager(user)
        self.fields["body"].error_messages["required"] = "Choose the body whose paper it is"

    def clean_body(self):
        body = self.cleaned_data.get("body")
        unchanged = self.instance.pk and body is not None and body.pk == self.instance.body_id
        if body is not None and not unchanged and not self.user.has_perm("papers.add_paper", body):
            raise forms.ValidationError("You cannot add papers to that body")
        return body


class PaperFileForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="File",
        help_text=f"A {accepted_types_sentence()}",
        error_messages={
            "required": "Choose a file to upload",
            "empty": "The file is empty",
            "invalid": "Choose a file to upload",
        },
    )
    note = forms.CharField(
        label="Note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What changed in this version, for example Figures corrected after the meeting",
    )

    accept = ",".join(f".{ext}" for ext in PAPER_TYPES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class PaperFilterForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        label="Body", required=False, queryset=Body.objects.none(), empty_label="All bodies"
    )
    purpose = forms.ChoiceField(
        label="For", required=False, choices=[("", "Any purpose"), *PaperPurpose.choices]
    )
    archived = forms.BooleanField(label="Include archived papers", required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = visible_bodies(user).live().order_by("name")
        if not is_manager(user):
            # Only managers see archived papers, so only they are offered them.
            del self.fields["archived"]
        style_widgets(self)
