"""No user can see or change another user's rows through any URL that takes an object id.

The test walks the URL resolver, so a URL added later is covered without editing this file; a URL whose
arguments it cannot fill makes it fail, so nothing escapes silently.

How URL arguments are filled (the mapping rule):

- `pk` or `id`: a row of the model whose plural name is the URL's namespace (interviews:detail → an
  Interview, companies:edit → a Company, letters:edit → a Letter, reminders:snooze → a Reminder).
- `<model>_id` or `<model>_pk` (interview_id, contact_id, letter_id, …): a row of the model of that name
  in the followup, letters or reminders app.
- Any other argument must have a sample value in NON_ID_KWARG_SAMPLES (for example a letter kind).

Every row used belongs to the first user (through its user field, or a foreign key to a row that has
one), who records an interview with a participant exactly as the
app does (so the letters and reminders apps create their rows through their signal listeners). When a
model has no row after that, a factory for it in tests/factories.py is used; failing that, the test
fails and says which model needs one. The second user then opens each URL with GET and POST and must
get 404 (or 405 where the view does not take that method at all, which reveals nothing either), and
no row of either user in any model of those apps may change. As a check on the mapping itself, the owner's GET must
not be 404.

Signed links under /r/ (namespace "signed", string tokens) are out of scope here: they have their own
tests.
"""

import inspect

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import RoutePattern

from followup import signals
from followup.models import Interview
from tests import factories
from tests.factories import ContactFactory, InterviewFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

NAMESPACES = ("interviews", "contacts", "companies", "settings", "letters", "reminders")
DATA_APPS = ("followup", "letters", "reminders")
# Sample values for URL arguments that are not object ids. Add one here when a URL gains such an argument.
NON_ID_KWARG_SAMPLES = {"kind": "thank_you"}


def walk(patterns, namespace=None, converters=None):
    """Yields (namespace, name, {kwarg: converter}) for every URL pattern, however deeply included."""
    converters = converters or {}
    for entry in patterns:
        here = dict(converters)
        pattern = entry.pattern
        if isinstance(pattern, RoutePattern):
            here.update(pattern.converters)
        else:
            here.update(dict.fromkeys(pattern.regex.groupindex))
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from walk(entry.url_patterns, inner, here)
        elif isinstance(entry, URLPattern):
            yield namespace, entry.name, here


def is_id_kwarg(name: str, converter) -> bool:
    return isinstance(converter, IntConverter) or name in ("pk", "id") or name.endswith(("_id", "_pk"))


def data_models():
    return [model for label in DATA_APPS for model in apps.get_app_config(label).get_models()]


def model_for(namespace: str, kwarg: str):
    """The model whose id a URL argument carries, by the rule in the module docstring; None if unknown."""
    models = data_models()
    if kwarg in ("pk", "id"):
        matches = [m for m in models if str(m._meta.verbose_name_plural).lower() == namespace]
        matches = matches or [m for m in models if f"{m._meta.model_name}s" == namespace]
    else:
        stem = kwarg.rsplit("_", 1)[0]
        matches = [m for m in models if m._meta.model_name == stem.replace("_", "")]
    return matches[0] if len(matches) == 1 else None


def factory_for(model):
    for _, candidate in inspect.getmembers(factories, inspect.isclass):
        meta = getattr(candidate, "_meta", None)
        if getattr(meta, "model", None) is model:
            return candidate
    return None


def owned_rows(model, user):
    """The rows of `model` that belong to `user`: through its own user field, or one hop away through a
    foreign key to a model that has one (a participant through its interview). None if neither."""
    fields = model._meta.fields
    if any(f.name == "user" for f in fields):
        return model._base_manager.filter(user=user)
    for f in fields:
        if f.many_to_one and any(g.name == "user" for g in f.related_model._meta.fields):
            return model._base_manager.filter(**{f"{f.name}__user": user})
    return None


def snapshot(*users) -> dict:
    """Every row, all columns, of every model of the data apps that belongs to one of `users`.

    Limited to these users' rows so that tests running at the same time against the shared test
    database cannot disturb it; models that belong to nobody (the scheduler's heartbeat) are left out.
    """
    out = {}
    for model in data_models():
        for user in users:
            rows = owned_rows(model, user)
            if rows is not None:
                out[(model._meta.label, user.pk)] = list(rows.order_by("pk").values_list())
    return out


def id_urls():
    """(url name, {kwarg: model or sample}) for every pattern in NAMESPACES that takes an object id."""
    problems, found = [], []
    for namespace, name, converters in walk(get_resolver().url_patterns):
        top = (namespace or "").split(":")[0]
        if top not in NAMESPACES:
            continue
        if not any(is_id_kwarg(k, c) for k, c in converters.items()):
            continue
        label = f"{namespace}:{name}" if name else f"{namespace}:<unnamed {list(converters)}>"
        if not name:
            problems.append(f"{label}: give the URL pattern a name so it can be reversed")
            continue
        plan = {}
        for kwarg, converter in converters.items():
            if is_id_kwarg(kwarg, converter):
                model = model_for(namespace.split(":")[-1], kwarg)
                if model is None:
                    problems.append(
                        f"{label}: cannot tell which model the argument {kwarg!r} is an id of; name it "
                        "pk/id (for the namespace's own model) or <model>_id, or extend the mapping rule"
                    )
                plan[kwarg] = model
            elif kwarg in NON_ID_KWARG_SAMPLES:
                plan[kwarg] = NON_ID_KWARG_SAMPLES[kwarg]
            else:
                problems.append(
                    f"{label}: add a sample value for the argument {kwarg!r} to NON_ID_KWARG_SAMPLES"
                )
                plan[kwarg] = None
        found.append((label, plan))
    return found, problems


def build_owner_world(owner):
    """The first user's rows: a company, a contact, an interview with them, and what other apps add."""
    contact = ContactFactory(user=owner)
    interview = InterviewFactory(user=owner, company=contact.company)
    ParticipantFactory(interview=interview, contact=contact)
    signals.interview_changed.send(
        sender=Interview,
        interview=interview,
        created=True,
        changes={"people", "times", "decision_date", "status", "details"},
    )


def row_id(model, owner, problems) -> int | None:
    rows = owned_rows(model, owner)
    if rows is None:
        problems.append(
            f"cannot tell who owns a {model._meta.label} row: give it a user field or a foreign key"
        )
        return None
    row = rows.order_by("pk").first()
    if row is None:
        factory = factory_for(model)
        if factory is not None:
            fields = {f.name for f in model._meta.fields}
            row = factory(user=owner) if "user" in fields else factory()
    if row is None:
        problems.append(
            f"no {model._meta.label} row exists for the owner: add a factory for it to tests/factories.py "
            "or make recording an interview create one"
        )
        return None
    return row.pk


def test_every_url_with_an_object_id_is_404_for_another_user(client):
    owner = UserFactory()
    intruder = UserFactory()
    build_owner_world(owner)

    urls, problems = id_urls()
    names = {label for label, _ in urls}
    # The walk itself works: the core's own detail pages are among what it found.
    assert {"companies:detail", "contacts:edit", "companies:delete"} <= names, names

    ids = {}
    resolved = []
    for label, plan in urls:
        kwargs = {}
        for kwarg, target in plan.items():
            if target is None:
                continue
            if isinstance(target, str):
                kwargs[kwarg] = target
            else:
                if target not in ids:
                    ids[target] = row_id(target, owner, problems)
                kwargs[kwarg] = ids[target]
        if len(kwargs) == len(plan) and None not in kwargs.values():
            resolved.append((label, reverse(label, kwargs=kwargs)))
    assert not problems, "URLs the isolation test cannot cover:\n" + "\n".join(problems)

    client.force_login(intruder)
    before = snapshot(owner, intruder)
    leaks = []
    for label, url in resolved:
        statuses = {method: getattr(client, method)(url).status_code for method in ("get", "post")}
        for method, status in statuses.items():
            if status not in (404, 405):
                leaks.append(f"{method.upper()} {url} ({label}) answered {status} to another user")
        if set(statuses.values()) == {405}:
            leaks.append(f"{url} ({label}) answered neither GET nor POST, so nothing was checked")
    assert not leaks, "\n".join(leaks)
    after = snapshot(owner, intruder)
    changed = sorted({label for label, _ in before if before[label, _] != after[label, _]})
    assert not changed, f"another user's requests changed rows of: {', '.join(changed)}"

    # The mapping found real rows: their owner does not get 404 for them.
    client.force_login(owner)
    wrong = [f"{url} ({label})" for label, url in resolved if client.get(url).status_code == 404]
    assert not wrong, "the owner got 404, so the id mapping is wrong for:\n" + "\n".join(wrong)
