"""Self-healing creates (B-15.2): whether Summit's incident list shows the incident an uncertain create made.

The create is looked for by its correlation value when the template has a `correlation` block, else by its exact
Symptom and Caller with a Logged_Time no earlier than five minutes before it was sent. Exactly one match is
adopted; no match once `settleSeconds` have passed means the create did not land, and it is sent again, once;
anything else (too soon, several matches, a list that cannot be read, sent again already) keeps it uncertain.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from summit_connector.domain.incident import ListedIncident, NewIncident
from summit_connector.domain.template import Correlation, CustomAttribute

LOGGED_EARLY = timedelta(minutes=5)
"""Summit's clock may run behind ours: an incident logged up to this long before the send still matches."""


class Settling(StrEnum):
    """Why an uncertain create stays uncertain (`outbox` says which), or that it was sent again."""

    NONE = ""
    TOO_SOON = "too-soon"
    SEVERAL = "several-matches"
    UNREADABLE = "list-unreadable"
    RESENT = "resent"


class SettleVerdict(StrEnum):
    ADOPT = "adopt"
    RESEND = "resend"
    STAY = "stay"


@dataclass(frozen=True)
class LookedFor:
    """What the lost create carried: when it was sent, its correlation `(group, name, value)` (None without a
    block), its Symptom (the description) and its Caller_EmailID."""

    sent_at: datetime
    correlation: tuple[str, str, str] | None
    symptom: str
    caller_email: str


@dataclass(frozen=True)
class Settlement:
    verdict: SettleVerdict
    settling: Settling
    reason: str
    ticket: str = ""
    matches: tuple[str, ...] = ()


def correlation_value(job_key: str, intent_id: int) -> str:
    """Unique to one create: the job and the journal's intent for that create (B-9.1)."""
    return f"{job_key}#{intent_id}"


def correlated(incident: NewIncident, correlation: Correlation, value: str) -> NewIncident:
    """The create with its correlation entry among its CustomFields (B-15.2); as it is without a block."""
    if not correlation.on:
        return incident
    entry = CustomAttribute(correlation.group_name, correlation.name, value)
    return replace(incident, custom_fields=(*incident.custom_fields, entry))


def matches(looked_for: LookedFor, listed: Sequence[ListedIncident]) -> tuple[ListedIncident, ...]:
    if looked_for.correlation is not None:
        group, name, value = looked_for.correlation
        return tuple(incident for incident in listed if incident.custom_value(group, name) == value)
    earliest = looked_for.sent_at - LOGGED_EARLY
    return tuple(incident for incident in listed
                 if incident.symptom == looked_for.symptom
                 and incident.caller_email.casefold() == looked_for.caller_email.casefold()
                 and incident.logged_time is not None and incident.logged_time >= earliest)


def decide_settlement(looked_for: LookedFor, listed: Sequence[ListedIncident] | None, now: datetime,
                      correlation: Correlation, resent_before: bool) -> Settlement:
    """`listed` is None when Summit's list could not be read."""
    if listed is None:
        return Settlement(SettleVerdict.STAY, Settling.UNREADABLE,
                          "Summit's incident list could not be read; it is looked for again at the next replay")
    found = matches(looked_for, listed)
    tickets = tuple(sorted((incident.ticket for incident in found), key=lambda ticket: (len(ticket), ticket)))
    if len(found) == 1:
        return Settlement(SettleVerdict.ADOPT, Settling.NONE, f"Summit's incident list shows incident {tickets[0]} "
                          "made by this create", tickets[0], tickets)
    if found:
        return Settlement(SettleVerdict.STAY, Settling.SEVERAL, f"Summit's incident list shows {len(found)} "
                          f"incidents that could be this create's ({', '.join(tickets)}): adopt the right one",
                          matches=tickets)
    waited = now - looked_for.sent_at
    if waited.total_seconds() <= correlation.settle_seconds:
        return Settlement(SettleVerdict.STAY, Settling.TOO_SOON, "Summit's incident list shows no incident of this "
                          f"create yet; looked for again after {correlation.settle_seconds} s")
    if resent_before:
        return Settlement(SettleVerdict.STAY, Settling.RESENT, "the create was sent again once already and Summit's "
                          "incident list shows none of it: check Summit, then adopt or create")
    return Settlement(SettleVerdict.RESEND, Settling.RESENT, "Summit's incident list shows no incident of this "
                      f"create {int(waited.total_seconds())} s after it was sent: it did not land; sent again")
