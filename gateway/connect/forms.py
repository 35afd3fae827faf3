"""Forms of the hosted pages."""

from __future__ import annotations

from django import forms


class ClientCredentialsForm(forms.Form):
    """The client id and secret of the end user's own app (e.g. a custom connection). The
    secret is never rendered back into the page."""

    client_id = forms.CharField(max_length=200, strip=True)
    client_secret = forms.CharField(
        max_length=500, strip=True, widget=forms.PasswordInput(render_value=False)
    )
