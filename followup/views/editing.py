"""What the company and contact add and edit pages share: a form for the signed-in user, saved by a service
that may refuse, and the answer to a save from a stale page."""

import copy

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect

from followup.services.versions import ChangedElsewhere


def stale_edit_response(view, form, changed: ChangedElsewhere):
    """The form again, everything typed kept, with why nothing was saved: a conflict (409)."""
    form.show_current_version(changed.current_version)
    form.add_error(None, changed.message)
    response = view.form_invalid(form)
    response.status_code = 409
    return response


class ServiceFormMixin:
    """A page whose form a service saves (`save`): a stale page gets its form back with a 409, and a
    refusal (a name another request took a moment ago, a company that is not the user's) is said on the
    form."""

    request: HttpRequest

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except ChangedElsewhere as changed:
            return stale_edit_response(self, form, changed)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return HttpResponseRedirect(self.object.get_absolute_url())


class EditsACopyMixin:
    """The form edits a copy: self.object stays as stored, for the page heading and for the service to
    compare against."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}
