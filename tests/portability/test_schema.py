"""Every field of every exported model is either in followup.json or listed as left out, with a reason."""

from followup.models import User
from followup.portability.schema import SECTIONS, USER_FIELDS, USER_NOT_EXPORTED


def _names(model) -> set[str]:
    return {f.name for f in model._meta.concrete_fields}


def test_each_model_field_is_exported_or_left_out_on_purpose():
    for section in SECTIONS:
        covered = set(section.fields) | set(section.links) | set(section.not_exported)
        missing = _names(section.model) - covered
        assert not missing, f"{section.model.__name__}: add {sorted(missing)} to portability/schema.py"
        assert not set(section.fields) - _names(section.model)


def test_each_user_field_is_exported_or_left_out_on_purpose():
    missing = _names(User) - set(USER_FIELDS) - set(USER_NOT_EXPORTED)
    assert not missing, f"User: add {sorted(missing)} to portability/schema.py"
