"""Forms for actions: change one, report progress, complete, drop with a reason, reopen, and
the list's filters. They parse input; the services decide and save."""

from django import forms

from accord.accounts.permissions import body_roles
from accord.actions.models import Action, ActionStatus
from accord.bodies.models import Body
from accord.bodies.selectors import visible_bodies
from accord.common.forms import AccordForm, GovukDateField, GovukFormMixin, style_widgets
from accord.memberships.models import SECRETARY_ROLES
from accord.memberships.selectors import people_for_choice
from accord.organisations.models import Organisation
from accord.people.models import Person

# Status moves only through complete, drop and reopen, which record the date and reason.
EDIT_FIELDS = [
    "title",
    "description",
    "owner",
    "owner_text",
    "organisation",
    "body",
    "due_on",
    "is_illustrative",
    "source",
]


def is_manager(user) -> bool:
    return bool(user.is_authenticated and (getattr(user, "is_manager", False) or user.is_superuser))


class ActionForm(AccordForm):
    class Meta:
        model = Action
        fields = EDIT_FIELDS
        labels = {
            "title": "What is to be done",
            "description": "Details",
            "owner": "Owner",
            "owner_text": "Owner (as recorded)",
            "organisation": "Organisation",
            "body": "Body",
            "due_on": "Due date",
            "is_illustrative": "This is an illustrative example, not a real action",
            "source": "Source",
        }
        help_texts = {
            "title": "For example, Circulate the draft delivery plan to all partners",
            "owner": "The person responsible. If they are not listed, write who it is below",
            "owner_text": "For example, All Chairs and Vice Chairs",
            "organisation": "The organisation responsible, if any",
            "body": "The body whose matters-arising list it sits on",
            "due_on": "For example, 18 5 2009",
            "source": "Where this comes from, for example the minutes it was recorded in",
        }
        error_messages = {"title": {"required": "Enter what is to be done"}}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "source": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["owner"].queryset = people_for_choice()
        self.fields["owner"].empty_label = "Not listed"
        self.fields["organisation"].queryset = Organisation.objects.live().order_by("name")
        self.fields["organisation"].empty_label = "None"
        bodies = Body.objects.live()
        if not is_manager(user):
            mine = [pk for pk, roles in body_roles(user).items() if roles & SECRETARY_ROLES]
            bodies = bodies.filter(pk__in=mine)
        current = self.instance.body_id if self.instance.pk else None
        if current:
            bodies = Body.objects.filter(pk__in=[*bodies.values_list("pk", flat=True), current])
        self.fields["body"].queryset = bodies.order_by("name")
        self.fields["body"].empty_label = "None"
        self.fields["body"].required = not is_manager(user)
        self.fields["body"].error_messages["required"] = "Choose the body the action belongs to"

    def clean_body(self):
        body = self.cleaned_data.get("body")
        unchanged = self.instance.pk and body is not None and body.pk == self.instance.body_id
        if (
            body is not None
            and not unchanged
            and not self.user.has_perm("actions.add_action", body)
        ):
            raise forms.ValidationError("You cannot move actions to that body")
        return body


class NoteForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Progress",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text="What has been done, and what is still to do",
        error_messages={"required": "Enter the progress note"},
    )
    written_on = GovukDateField(
        label="Date of the note",
        required=False,
        help_text="Leave blank for today, or give the date, for example 1 5 2009",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class CompleteForm(GovukFormMixin, forms.Form):
    # Named after the model field, so a rule broken on it is shown beside it.
    closed_on = GovukDateField(
        label="Date it was done",
        required=False,
        help_text="Leave blank for today, or give the date, for example 18 5 2009",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class DropForm(CompleteForm):
    drop_reason = forms.CharField(
        label="Why is this action being dropped?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="The reason stays on the action's page and in the minutes' matters arising",
        error_messages={"required": "Enter why the action is being dropped"},
    )

    field_order = ["drop_reason", "closed_on", "version"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["closed_on"].label = "Date it was dropped"


class ConfirmForm(GovukFormMixin, forms.Form):
    """A confirmation that carries the record's version."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


STATUS_CHOICES = [("", "Any status"), *ActionStatus.choices]


class ActionFilterForm(GovukFormMixin, forms.Form):
    body = forms.ModelChoiceField(
        label="Body", required=False, queryset=Body.objects.none(), empty_label="All bodies"
    )
    owner = forms.ModelChoiceField(
        label="Owner", required=False, queryset=Person.objects.none(), empty_label="Anyone"
    )
    status = forms.ChoiceField(label="Status", required=False, choices=STATUS_CHOICES)
    outstanding = forms.BooleanField(label="Outstanding only (open or in progress)", required=False)
    overdue = forms.BooleanField(label="Overdue only", required=False)
    mine = forms.BooleanField(label="My actions only", required=False)

    def __init__(self, *args, user, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = visible_bodies(user).live().order_by("name")
        self.fields["owner"].queryset = owners
        if not getattr(user, "person_id", None):
            del self.fields["mine"]
        style_widgets(self)
