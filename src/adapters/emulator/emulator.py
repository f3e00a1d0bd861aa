"""The Emulator: OpCon and Summit on two loopback servers, sharing one inspectable state."""

from collections.abc import Callable, Iterable
from copy import deepcopy
from datetime import date, datetime
from functools import partial
from types import TracebackType
from typing import Any
from urllib.parse import unquote

from summit_connector.adapters.emulator.control import handle_control, is_control
from summit_connector.adapters.emulator.context import Context, EmulatorSettings
from summit_connector.adapters.emulator.exchange import DROP, Request, Response
from summit_connector.adapters.emulator.faults import Faults
from summit_connector.adapters.emulator.opcon.rest_api import opcon_app
from summit_connector.adapters.emulator.records import DEFAULT_MACHINE, EXIT_CODE_1, Incident, LoggedRequest
from summit_connector.adapters.emulator.samples import SAMPLE_DATE, SampleJob, Samples, sample_job, seed_samples
from summit_connector.adapters.emulator.server import Endpoint
from summit_connector.adapters.emulator.state import EmulatorState
from summit_connector.adapters.emulator.summit.web_service import service_name, summit_app

_APPS = {"opcon": opcon_app, "summit": summit_app}


class Emulator:
    """See the package docstring for the whole contract."""

    def __init__(self, opcon_token: str = "sandbox-token", summit_api_key: str = "sandbox-key",
                 summit_prefix: str = "api_integration", *, settings: EmulatorSettings | None = None,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        self.opcon_token = opcon_token
        self.summit_api_key = summit_api_key
        self.summit_prefix = summit_prefix
        self.state = EmulatorState(clock)
        self.settings = settings or EmulatorSettings()
        self._initial_settings = deepcopy(self.settings)
        self.samples: Samples | None = None
        self.faults = Faults(self._set_available)
        self._context = Context(self.state, self.settings, opcon_token, summit_api_key, summit_prefix, clock)
        self._endpoints = {api: Endpoint(partial(self._serve, api)) for api in _APPS}
        self._started = False

    def start(self, host: str = "127.0.0.1", opcon_port: int = 0, summit_port: int = 0) -> None:
        if self._started:
            raise RuntimeError("the emulator is already running")
        self._endpoints["opcon"].start(host, opcon_port)
        try:
            self._endpoints["summit"].start(host, summit_port)
        except OSError:
            self._endpoints["opcon"].stop()
            raise
        self._started = True

    def stop(self) -> None:
        """Stops both servers; requests hanging on an injected fault are woken and dropped."""
        self._started = False
        self.faults.cancel_timers()
        for endpoint in self._endpoints.values():
            endpoint.stop()

    def __enter__(self) -> "Emulator":
        if not self._started:
            self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()

    @property
    def opcon_url(self) -> str:
        return self._url("opcon")

    @property
    def summit_url(self) -> str:
        return self._url("summit")

    def view_url(self, ticket_no: str | int) -> str:
        return f"{self.summit_url}/MDLIncidentMgmt/IM_TicketDetail.aspx?ID={ticket_no}"

    def add_schedule(self, day: date | str, master_id: int, instance: int, name: str) -> str:
        """Returns the daily schedule id `yyyyMMdd|masterId|instance`."""
        return self.state.add_schedule(day, master_id, instance, name)

    def add_job(self, schedule_id: str, name: str, uid: int | None = None, job_number: int | None = None,
                tags: tuple[str, ...] | list[str] = (), incident_ticket_id: str = "", documentation: str = "",
                job_output: dict[str, str] | None = None, **extra: Any) -> str:
        """Returns the daily job id. Unset uid/job_number are numbered automatically; `extra` sets
        `incident_ticket_url`, `job_type` ("Windows", "UNIX"), `machine` (the primary machine), `start_machine`
        (default: the primary machine) or `termination`."""
        return self.state.add_job(schedule_id, name, uid=uid, job_number=job_number, documentation=documentation,
                                  tags=tags, incident_ticket_id=incident_ticket_id,
                                  job_output=dict(job_output or {}), **extra)

    def add_failed_job(self, schedule: str, day: date | str, master_id: int, instance: int, job: str, *,
                       tags: Iterable[str] = (), start_machine: str | None = DEFAULT_MACHINE,
                       primary_machine: str | None = DEFAULT_MACHINE, termination: str = EXIT_CODE_1,
                       status: str = "Failed", **fields: Any) -> SampleJob:
        """A failed job in the Daily that no Notification Manager run reported (what `reconcile` finds, B-15.1);
        no request is made and nothing is recorded but the job (and its schedule, unless the Daily has it).

        `start_machine=None` leaves the job without a start machine, `primary_machine=None` without a primary one;
        `status` is a status description or category (`"Finished Ok"` for a job that did not fail); `fields` are
        further job fields (incident_ticket_id, documentation, job_output, job_type, uid, job_number). Returns the
        job as Notification Manager would have passed it (`.agent`: start machine, else primary, else `N/A`)."""
        job_id = self.state.add_failed_job(schedule, day, master_id, instance, job, tags=tags,
                                           start_machine=start_machine, primary_machine=primary_machine,
                                           termination=termination, status=status, **fields)
        return sample_job(self.state.jobs[job_id])

    def add_incident(self, ticket_no: str | int, status: str, fields: dict[str, Any] | None = None) -> Incident:
        return self.state.add_incident(ticket_no, status, fields)

    def set_incident_status(self, ticket_no: str | int, status: str) -> None:
        self.state.set_incident_status(ticket_no, status)

    def set_incident_fields(self, ticket_no: str | int, **fields: Any) -> None:
        self.state.set_incident_fields(ticket_no, **fields)

    def seed_samples(self, day: date = SAMPLE_DATE) -> Samples:
        """Loads the sample Daily (see `Samples`); also kept as `self.samples`."""
        self.samples = seed_samples(self.state, day)
        return self.samples

    def reset(self) -> None:
        """Back to as constructed: faults cleared, settings restored, state emptied; samples seeded again if they
        were."""
        self.faults.clear()
        for name, value in vars(deepcopy(self._initial_settings)).items():
            setattr(self.settings, name, value)
        self.state.clear()
        if self.samples is not None:
            self.seed_samples(self.samples.date)

    def _url(self, api: str) -> str:
        endpoint = self._endpoints[api]
        if not endpoint.port:
            raise RuntimeError("the emulator has not been started")
        return endpoint.url

    def _set_available(self, api: str, up: bool) -> None:
        if not self._started:
            return
        if up:
            self._endpoints[api].restart()
        else:
            self._endpoints[api].stop()

    def _serve(self, api: str, request: Request) -> Response:
        if api == "opcon" and is_control(request):
            return handle_control(self, request)
        self.state.record(LoggedRequest(api, request.method, request.target, request.loggable_body()))
        service = service_name(request) if api == "summit" else ""
        plan = self.faults.take(api, f"{unquote(request.target)} {service}".rstrip(), service)
        if plan.hang and self._endpoints[api].closing.wait(plan.hang):
            return DROP
        if plan.failure and not plan.failure.after:
            return self._injected(plan.failure.response())
        with self.state.lock:
            response = _APPS[api](self._context, request)
        return self._injected(plan.failure.response()) if plan.failure else response

    def _injected(self, response: Response) -> Response:
        self.state.count("faults")
        return response
