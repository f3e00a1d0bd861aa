"""`summit-connector agent-down -a MACHINE -t T` (B-13.4): Notification Manager's machine trigger for an agent whose
connection is lost. One incident for the agent, which takes its jobs' failures; a second run updates it while it is
open. `agent-up -a MACHINE -t T`: the agent is reachable again; its incident is annotated (or resolved, per the
template's `recovery` block) and takes no more failures."""

from summit_connector.domain.grouping import names_agent
from summit_connector.entrypoints.arguments import ArgumentError, joined
from summit_connector.entrypoints.exit_codes import ExitCode
from summit_connector.entrypoints.invocation import Invocation
from summit_connector.entrypoints.run import Run, Subject, acting
from summit_connector.entrypoints.views.agent_lines import agent_line
from summit_connector.entrypoints.views.outcomes import as_json


def run(invocation: Invocation) -> ExitCode:
    args = invocation.args
    agent = joined(args.agent)
    if not names_agent(agent):
        raise ArgumentError(f"-a/--agent: {args.command} needs the agent's name, got {agent!r}")
    subject = Subject(agent=agent)
    return acting(invocation, args.command, subject, lambda run: _agent(run, subject, joined(args.template)))


def _agent(run: Run, subject: Subject, template: str) -> ExitCode:
    scope = run.root.templates().named(template)
    use_case = scope.agent_down() if run.command == "agent-down" else scope.agent_up()
    outcome = use_case(subject.agent)
    run.remember(subject, ExitCode.OK, outcome)
    run.told(outcome, agent_line(subject.agent, outcome), as_json(outcome) if run.invocation.args.json else None)
    return ExitCode.OK
