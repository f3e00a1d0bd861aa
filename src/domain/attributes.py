"""Attribute precedence (B-4.7, B-11.1, B-16.2): config defaults → template attributes → the trigger's block
attributes → (non-)working-hours → documentation routing → tags."""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from summit_connector.domain.template import Attribute, Template


class Layer(StrEnum):
    DEFAULTS = "Connector.config [DEFAULTS]"
    TEMPLATE = "template attributes"
    TRIGGER = "template triggers block attributes"
    WORKING_HOURS = "template workingHoursAttributes"
    NON_WORKING_HOURS = "template nonWorkingHoursAttributes"
    DOCUMENTATION = "documentation"
    """B-16.2: the documentationRouting block, by working hours and whether a runbook was found."""
    TAGS = "job tags"


@dataclass(frozen=True)
class ResolvedAttribute:
    name: str
    value: str
    layer: Layer


def hours_layer(template: Template, in_working_hours: bool) -> tuple[Layer, tuple[Attribute, ...]]:
    if in_working_hours:
        return Layer.WORKING_HOURS, template.working_hours_attributes
    return Layer.NON_WORKING_HOURS, template.non_working_hours_attributes


def resolve_attributes(
    defaults: Iterable[Attribute],
    template: Template,
    in_working_hours: bool,
    tag_attributes: Iterable[Attribute],
    trigger_attributes: Iterable[Attribute] = (),
    documentation_attributes: Iterable[Attribute] = (),
) -> dict[str, ResolvedAttribute]:
    """Every attribute with the highest layer that set it; insertion order is first appearance."""
    hours, hours_attributes = hours_layer(template, in_working_hours)
    layers = [
        (Layer.DEFAULTS, defaults),
        (Layer.TEMPLATE, template.attributes),
        (Layer.TRIGGER, trigger_attributes),
        (hours, hours_attributes),
        (Layer.DOCUMENTATION, documentation_attributes),
        (Layer.TAGS, tag_attributes),
    ]
    resolved: dict[str, ResolvedAttribute] = {}
    for layer, attributes in layers:
        for attribute in attributes:
            resolved[attribute.name] = ResolvedAttribute(attribute.name, attribute.value, layer)
    return resolved
