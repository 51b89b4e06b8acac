"""The "About me" form: the limits and their messages are the model's, the labels and help are the page's."""

from django import forms

from accounts.models import HealthProfile


class HealthProfileForm(forms.ModelForm):
    class Meta:
        model = HealthProfile
        fields = ["age", "sex", "conditions", "medications", "allergies", "notes", "enabled"]
        labels = {"enabled": "Give this to the assistant with every question"}
        help_texts = {
            "sex": "As you would tell a doctor.",
            "conditions": "Diagnoses you live with, one a line.",
            "medications": "With the dose and how often, one a line.",
            "allergies": "To medicines, foods or anything else, one a line.",
            "notes": "Anything else worth knowing: a pregnancy, past operations, family history.",
        }
        widgets = {
            "age": forms.NumberInput(attrs={"min": 0, "max": HealthProfile.AGE_MAX}),
            "sex": forms.TextInput(),
            "conditions": forms.Textarea(attrs={"rows": 3}),
            "medications": forms.Textarea(attrs={"rows": 3}),
            "allergies": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
