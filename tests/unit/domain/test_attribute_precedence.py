"""B-4.7: config [DEFAULTS] → template attributes → (non-)working-hours attributes → tag-derived values."""

from datetime import datetime

from summit_connector.domain.attributes import Layer, ResolvedAttribute, resolve_attributes
from summit_connector.domain.template import Attribute, Rules, Template

from tests.unit.factories import attributes, incident_attributes, make_job, make_template, plan, working_hours

IN_HOURS = datetime(2024, 9, 23, 10, 0)
OUT_OF_HOURS = datetime(2024, 9, 23, 20, 0)
DEFAULTS = attributes(Priority_Name="P3")
BY_TAG = (Attribute("Priority_Name", "tag"),)


def layered_template(**overrides: object) -> Template:
    """Every layer sets Priority_Name; Monday 08:00–17:00 are working hours."""
    values: dict = dict(
        attributes=attributes(Priority_Name="template"),
        working_hours=working_hours(monday=("0800", "1700")),
        working_hours_attributes=attributes(Priority_Name="working"),
        non_working_hours_attributes=attributes(Priority_Name="non-working"),
    )
    return make_template(**{**values, **overrides})


def priority(template: Template, now: datetime = IN_HOURS, tags: tuple[Attribute, ...] = ()) -> ResolvedAttribute:
    return resolve_attributes(DEFAULTS, template, template.working_hours.contains(now), tags)["Priority_Name"]


def test_tag_values_beat_every_other_layer():
    resolved = priority(layered_template(), tags=BY_TAG)

    assert (resolved.value, resolved.layer) == ("tag", Layer.TAGS)


def test_working_hours_attributes_beat_template_attributes_in_working_hours():
    resolved = priority(layered_template(), IN_HOURS)

    assert (resolved.value, resolved.layer) == ("working", Layer.WORKING_HOURS)


def test_non_working_hours_attributes_beat_template_attributes_out_of_hours():
    resolved = priority(layered_template(), OUT_OF_HOURS)

    assert (resolved.value, resolved.layer) == ("non-working", Layer.NON_WORKING_HOURS)


def test_template_attributes_beat_config_defaults():
    resolved = priority(layered_template(working_hours_attributes=()))

    assert (resolved.value, resolved.layer) == ("template", Layer.TEMPLATE)


def test_config_defaults_stand_when_no_other_layer_sets_the_attribute():
    resolved = priority(make_template())

    assert (resolved.value, resolved.layer) == ("P3", Layer.DEFAULTS)


def test_the_hours_layer_that_does_not_apply_is_ignored():
    template = layered_template(working_hours_attributes=(), non_working_hours_attributes=attributes(Priority_Name="x"))

    assert priority(template, IN_HOURS).value == "template"


def test_layers_merge_by_attribute_name():
    template = make_template(
        attributes=attributes(Impact_Name="High"), non_working_hours_attributes=attributes(Urgency_Name="Low"),
    )

    resolved = resolve_attributes(DEFAULTS, template, template.working_hours.contains(OUT_OF_HOURS), BY_TAG)

    assert {name: a.value for name, a in resolved.items()} == {
        "Priority_Name": "tag", "Impact_Name": "High", "Urgency_Name": "Low",
    }


def test_the_incident_carries_every_layer_with_tags_on_top():
    template = layered_template(
        rules=Rules(include_category_name_tag=True), attributes=attributes(Category_Name="Batch", Priority_Name="P2"),
    )

    result = plan(make_job(tags=("CATNAME_Payroll",)), template, now=OUT_OF_HOURS)

    final = incident_attributes(result)
    assert (final["Category_Name"], final["Priority_Name"], final["Sup_Function"]) == ("Payroll", "non-working", "IT")
