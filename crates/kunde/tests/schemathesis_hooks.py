"""Schemathesis hooks for crates/kunde/tests/schemathesis.rs.

Random keys and touchpoint ids only ever reach the refusals. These hooks give the generated
requests what a real client has, without making any invalid request valid:

- a snippet request whose `key` is a string gets the demo business's real publishable key
  (`KUNDE_ST_PUBLISHABLE_KEY`); the document lets `key` be any string, so a request that breaks
  the document breaks it elsewhere and still does after the swap;
- a `touchpoint_id` that already has a valid form (an integer of at least 1, or a string of
  digits) names one of the demo business's touchpoints (`KUNDE_ST_TOUCHPOINTS`), so events are
  stored rather than refused as unknown; any other value is left as generated;
- every request comes through the test's stand-in proxy with a client address of its own
  (`X-Forwarded-For`; the server runs with `KUNDE_TRUST_PROXY=true`), as a site's many
  visitors do: the snippet's limit of 120 requests a minute per client stays as it is for real
  clients, and the fuzzer is not turned away after its first 120 requests;
- every answer's operation and status is appended to `KUNDE_ST_LOG`, so the test can check
  that the snippet endpoint really stored events.
"""

import itertools
import os
import threading

import schemathesis

KEY = os.environ["KUNDE_ST_PUBLISHABLE_KEY"]
TOUCHPOINTS = [int(t) for t in os.environ["KUNDE_ST_TOUCHPOINTS"].split(",")]
LOG = os.environ["KUNDE_ST_LOG"]
SNIPPET = "/api/v1/snippet/events"

_clients = itertools.count(1)
_lock = threading.Lock()


def _touchpoint(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value >= 1:
        return TOUCHPOINTS[value % len(TOUCHPOINTS)]
    # JSON Schema's integer includes 5.0; keep the form, change the number.
    if isinstance(value, float) and value.is_integer() and 1 <= value < 1e18:
        return float(TOUCHPOINTS[int(value) % len(TOUCHPOINTS)])
    if isinstance(value, str) and value and value.isascii() and value.isdigit():
        return str(TOUCHPOINTS[int(value) % len(TOUCHPOINTS)])
    return value


def _drops_a_header(case):
    """A case made to leave out a required header (such as `Authorization`): it is sent as
    generated, so the server's refusal is what is checked."""
    data = getattr(getattr(case.meta, "phase", None), "data", None)
    scenario = getattr(getattr(data, "scenario", None), "value", None)
    location = getattr(getattr(data, "parameter_location", None), "value", None)
    return scenario == "missing_parameter" and location == "header"


@schemathesis.hook
def before_call(context, case, kwargs):
    if _drops_a_header(case):
        return
    body = case.body
    if isinstance(body, dict):
        if case.operation.path == SNIPPET and isinstance(body.get("key"), str):
            body["key"] = KEY
        events = body.get("events")
        if isinstance(events, list):
            for event in events:
                if isinstance(event, dict) and "touchpoint_id" in event:
                    event["touchpoint_id"] = _touchpoint(event["touchpoint_id"])
    n = next(_clients)
    address = f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
    if case.headers is None:
        case.headers = {}
    case.headers["X-Forwarded-For"] = address


@schemathesis.hook
def after_call(context, case, response):
    with _lock:
        with open(LOG, "a", encoding="utf-8") as f:
            f.write(f"{case.operation.method.upper()} {case.operation.path} {response.status_code}\n")
