"""Forms of the indicator review: open a review, change its details, record a partnership's
view of one line, propose an additional indicator, complete the review."""

from django import forms

from accord.common.forms import AccordForm, GovukFormMixin
from accord.reviews.models import IndicatorReview, MeasureRating, ReviewDecision, ReviewEntry
from accord.strategies.models import Commitment, Strategy

RATING_CHOICES = [("", "Not yet assessed"), *MeasureRating.choices]


class ReviewOpenForm(AccordForm):
    strategy = forms.ModelChoiceField(
        label="Strategy",
        queryset=Strategy.objects.live().order_by("title"),
        empty_label="Choose a strategy",
        help_text="Each outcome's indicators in use are listed for the partnership that leads it",
        error_messages={"required": "Choose the strategy whose indicators are reviewed"},
    )

    class Meta:
        model = IndicatorReview
        fields = ["title", "strategy", "due_on", "instructions", "source"]
        labels = {"due_on": "First cut due by"}
        help_texts = {
            "title": "For example, Performance information for the SCS delivery plan 2011–14",
            "due_on": "For example, 28 10 2010",
            "instructions": "What each thematic partnership is asked to do",
            "source": "The paper that asks for the review, for example seed 003, appendix 2",
        }
        error_messages = {"title": {"required": "Enter the title of the review"}}
        widgets = {"instructions": forms.Textarea, "source": forms.Textarea(attrs={"rows": 3})}


class ReviewChangeForm(AccordForm):
    class Meta:
        model = IndicatorReview
        fields = ["title", "due_on", "instructions", "source"]
        labels = {"due_on": "First cut due by"}
        error_messages = {"title": {"required": "Enter the title of the review"}}
        widgets = {"instructions": forms.Textarea, "source": forms.Textarea(attrs={"rows": 3})}


class EntryForm(AccordForm):
    """One indicator in place: how well it measures the outcome, retain or drop, and why."""

    rating = forms.ChoiceField(
        label="How effectively does it measure the outcome?",
        choices=RATING_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    decision = forms.ChoiceField(
        label="Do we want to retain it?",
        choices=[
            (ReviewDecision.RETAIN, "Retain"),
            (ReviewDecision.DROP, "Drop"),
            (ReviewDecision.UNDECIDED, "Not yet decided"),
        ],
        required=False,
        widget=forms.RadioSelect,
    )

    class Meta:
        model = ReviewEntry
        fields = ["rating", "decision", "comment"]
        labels = {"comment": "Comment"}
        help_texts = {
            "comment": "Why, and anything the partnership wants noted; needed when dropping "
            "an indicator",
        }
        widgets = {"comment": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radios with an empty choice: show "Not yet ..." as chosen rather than nothing.
        for name in ("rating", "decision"):
            self.fields[name].required = False
            if not self.is_bound and not self.initial.get(name):
                self.initial[name] = ""


class ProposalForm(AccordForm):
    """An additional indicator proposed for an outcome."""

    outcome = forms.ModelChoiceField(
        label="Outcome",
        queryset=Commitment.objects.none(),
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the outcome the indicator would measure"},
    )

    class Meta:
        model = ReviewEntry
        fields = ["outcome", "proposed_title", "comment"]
        labels = {
            "proposed_title": "What would the indicator measure?",
            "comment": "Comment",
        }
        help_texts = {
            "proposed_title": "A title, or what it would measure, for example Percentage of "
            "older people who feel they have a say in local services",
            "comment": "Where the data would come from, or why the partnership wants it",
        }
        error_messages = {
            "proposed_title": {"required": "Say what the additional indicator would measure"}
        }
        widgets = {"proposed_title": forms.Textarea(attrs={"rows": 2}), "comment": forms.Textarea}

    def __init__(self, *args, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["outcome"]
        field.queryset = Commitment.objects.filter(pk__in=[o.pk for o in outcomes])
        field.choices = [(o.pk, str(o)) for o in outcomes]
        self.fields["proposed_title"].required = True


class ProposalChangeForm(AccordForm):
    class Meta:
        model = ReviewEntry
        fields = ["proposed_title", "comment"]
        labels = {"proposed_title": "What would the indicator measure?", "comment": "Comment"}
        error_messages = {
            "proposed_title": {"required": "Say what the additional indicator would measure"}
        }
        widgets = {"proposed_title": forms.Textarea(attrs={"rows": 2}), "comment": forms.Textarea}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposed_title"].required = True


class ConfirmForm(GovukFormMixin, forms.Form):
    """A confirmation that carries the record's version."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
