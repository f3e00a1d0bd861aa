"""Attribute precedence (B-4.7): config defaults → template attributes → (non-)working-hours → tags."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from summit_connector.domain.template import Attribute, Template


class Layer(StrEnum):
    DEFAULTS = "Connector.config [DEFAULTS]"
    TEMPLATE = "template attributes"
    WORKING_HOURS = "template workingHoursAttributes"
    NON_WORKING_HOURS = "template nonWorkingHoursAttributes"
    TAGS = "job tags"


@dataclass(frozen=True)
class ResolvedAttribute:
    name: str
    value: str
    layer: Layer


def hours_layer(template: Template, now: datetime) -> tuple[Layer, tuple[Attribute, ...]]:
    if template.working_hours.contains(now):
        return Layer.WORKING_HOURS, template.working_hours_attributes
    return Layer.NON_WORKING_HOURS, template.non_working_hours_attributes


def resolve_attributes(
    defaults: Iterable[Attribute],
    template: Template,
    now: datetime,
    tag_attributes: Iterable[Attribute],
) -> dict[str, ResolvedAttribute]:
    """Every attribute with the highest layer that set it; insertion order is first appearance."""
    hours, hours_attributes = hours_layer(template, now)
    layers = [
        (Layer.DEFAULTS, defaults),
        (Layer.TEMPLATE, template.attributes),
        (hours, hours_attributes),
        (Layer.TAGS, tag_attributes),
    ]
    resolved: dict[str, ResolvedAttribute] = {}
    for layer, attributes in layers:
        for attribute in attributes:
            resolved[attribute.name] = ResolvedAttribute(attribute.name, attribute.value, layer)
    return resolved
