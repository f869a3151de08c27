"""Bad input: every malformed request gets a 4xx in the one error shape, never a 500, and
nothing already saved is lost. Also the cross-site refusal and the security headers
(shared/SECURITY.md); login throttling is in test_login_throttling.py."""

import datetime as dt
import io
import json
import logging
import re
import uuid

import pytest
from flask import request

from app.models import HourEntry, Week
from tests.conftest import PASSWORD, TODAY, another_app, assert_error, entry_body, module_app

HUGE = "9" * 25  # larger than any 64-bit integer a database can hold


shared_app, app = module_app(
    "bad_input",
    # A 500 must come back as an answer to assert on, not as an exception.
    PROPAGATE_EXCEPTIONS=False,
)


class Setup:
    def __init__(self, placement, student, trainer):
        self.placement = placement
        self.student = student
        self.trainer = trainer
        base = f"/api/placements/{placement.id}"
        self.entries_url = f"{base}/entries"
        self.weeks_url = f"{base}/weeks"
        # One entry this week (open), one last week (submitted, for the trainer's cases).
        self.entry = self._create(entry_body(TODAY, "08:00", "12:00", description="bewaard"))
        self._create(entry_body(TODAY - dt.timedelta(days=7), "08:00", "12:00"))
        submitted = student.post(f"{self.weeks_url}/2026-W46/submit")
        assert submitted.status_code == 200, submitted.get_json()

    def _create(self, body):
        response = self.student.post(self.entries_url, json=body)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    @property
    def entry_url(self):
        return f"/api/entries/{self.entry['id']}"


@pytest.fixture
def s(make_placement, login_as):
    placement = make_placement()
    return Setup(placement, login_as(placement.student), login_as(placement.praktijkopleider))


def saved_state():
    return (
        sorted(
            (str(e.id), e.version, e.date, e.start_time, e.end_time, e.description, e.deleted_at)
            for e in HourEntry.select()
        ),
        sorted((w.monday, w.status, w.version) for w in Week.select()),
    )


def _with(**changes):
    def body():
        b = entry_body(TODAY - dt.timedelta(days=1), "13:00", "14:00")
        for key, value in changes.items():
            if value is _DROP:
                b.pop(key)
            else:
                b[key] = value
        return b

    return body


_DROP = object()
MB = 1024 * 1024
V4 = "3f2b8c1e-5d4a-4b7e-9c0d-1a2b3c4d5e6f"

# (id, field at fault or None, expected status, expected error code, request kwargs or factory)
CREATE_CASES = [
    ("category-as-string", "category", 422, "validation_error", _with(category="1")),
    ("category-as-bool", "category", 422, "validation_error", _with(category=True)),
    ("category-as-float", "category", 422, "validation_error", _with(category=1.5)),
    ("category-zero", "category", 422, "validation_error", _with(category=0)),
    ("category-huge", "category", 422, "validation_error", _with(category=10**30)),
    ("unknown-category", "category", 422, "unknown_category", _with(category=99)),
    ("date-as-number", "date", 422, "validation_error", _with(date=20261117)),
    ("date-feb-30", "date", 422, "validation_error", _with(date="2026-02-30")),
    ("date-month-13", "date", 422, "validation_error", _with(date="2026-13-01")),
    ("date-with-time", "date", 422, "validation_error", _with(date="2026-11-17T10:00:00")),
    ("date-year-0", "date", 422, "validation_error", _with(date="0000-01-01")),
    ("date-null", "date", 422, "validation_error", _with(date=None)),
    ("date-in-future", "date", 422, "date_in_future", _with(date="2026-11-19")),
    ("date-outside-pok", "date", 422, "outside_pok_period", _with(date="2020-01-06")),
    ("time-25", "start_time", 422, "validation_error", _with(start_time="25:00")),
    ("time-minute-60", "end_time", 422, "validation_error", _with(end_time="12:60")),
    ("time-as-number", "start_time", 422, "validation_error", _with(start_time=830)),
    ("time-am", "start_time", 422, "validation_error", _with(start_time="8:30am")),
    ("end-before-start", "end_time", 422, "end_before_start", _with(end_time="12:00")),
    ("id-not-uuid", "id", 422, "validation_error", _with(id="not-a-uuid")),
    ("id-empty", "id", 422, "validation_error", _with(id="")),
    ("id-as-number", "id", 422, "validation_error", _with(id=12345)),
    ("id-nil", "id", 422, "validation_error", _with(id=str(uuid.UUID(int=0)))),
    ("id-braces", "id", 422, "validation_error", _with(id="{" + V4 + "}")),
    ("id-upper-case", "id", 422, "validation_error", _with(id=V4.upper())),
    ("id-no-dashes", "id", 422, "validation_error", _with(id=V4.replace("-", ""))),
    ("id-urn", "id", 422, "validation_error", _with(id="urn:uuid:" + V4)),
    ("id-newline", "id", 422, "validation_error", _with(id=V4 + "\n")),
    (
        "id-version-1",
        "id",
        422,
        "validation_error",
        _with(id="c232ab00-9414-11ec-b3c8-9f6bdeced846"),
    ),
    (
        "id-version-5",
        "id",
        422,
        "validation_error",
        _with(id=str(uuid.uuid5(uuid.NAMESPACE_URL, "x"))),
    ),
    ("id-variant-not-rfc", "id", 422, "validation_error", _with(id=V4[:19] + "c" + V4[20:])),
    ("description-as-number", "description", 422, "validation_error", _with(description=5)),
    ("description-too-long", "description", 422, "validation_error", _with(description="x" * 4001)),
    (
        "description-lone-surrogate",
        "description",
        422,
        "validation_error",
        _with(description="a\ud800"),
    ),
    ("missing-id", "id", 422, "validation_error", _with(id=_DROP)),
    ("missing-date", "date", 422, "validation_error", _with(date=_DROP)),
    ("missing-start", "start_time", 422, "validation_error", _with(start_time=_DROP)),
    ("missing-end", "end_time", 422, "validation_error", _with(end_time=_DROP)),
    ("missing-category", "category", 422, "validation_error", _with(category=_DROP)),
    ("unknown-field", "minutes", 422, "validation_error", _with(minutes=60)),
    ("unknown-field-placement", "placement_id", 422, "validation_error", _with(placement_id=1)),
]


@pytest.mark.parametrize(
    ("field", "status", "error", "make_body"),
    [pytest.param(*case[1:], id=case[0]) for case in CREATE_CASES],
)
def test_bad_create_bodies(s, field, status, error, make_body):
    before = saved_state()
    response = s.student.post(s.entries_url, json=make_body())
    assert_error(response, status, error, field)
    assert saved_state() == before


def test_empty_object_names_every_required_field(s):
    before = saved_state()
    body = assert_error(s.student.post(s.entries_url, json={}), 422, "validation_error")
    assert {"id", "date", "start_time", "end_time", "category"} <= set(body["errors"])
    assert saved_state() == before


def _v7():
    """A version 7 UUID (Python 3.11's uuid module has no uuid7): uuid4 with the version 7."""
    value = uuid.uuid4().int & ~(0xF << 76) | (7 << 76)
    return str(uuid.UUID(int=value))


def test_client_ids_of_version_4_and_7_are_taken(s):
    for made, start, end in ((str(uuid.uuid4()), "13:00", "14:00"), (_v7(), "14:00", "15:00")):
        response = s.student.post(
            s.entries_url, json=_with(id=made, start_time=start, end_time=end)()
        )
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["id"] == made


def test_a_refused_client_id_says_which_ids_are_taken(s):
    body = assert_error(s.student.post(s.entries_url, json=_with(id=str(uuid.UUID(int=0)))()), 422)
    assert "UUID van versie 4 of 7" in body["errors"]["id"][0]
    assert s.student.patch("/api/auth/me", json={"locale": "en"}).status_code == 200
    body = assert_error(s.student.post(s.entries_url, json=_with(id=V4.upper())()), 422)
    assert "UUID of version 4 or 7, in lower case" in body["errors"]["id"][0]


def test_the_openapi_document_gives_the_client_id_pattern(s):
    doc = s.student.get("/api/openapi.json").get_json()
    schema = doc["components"]["schemas"]["EntryCreate"]["properties"]["id"]
    assert schema["format"] == "uuid"
    assert re.fullmatch(schema["pattern"], str(uuid.uuid4()))
    assert not re.fullmatch(schema["pattern"], str(uuid.UUID(int=0)))


RAW_BODIES = [
    ("not-json-text-plain", "text/plain", b"hallo", 422),
    ("broken-json", "application/json", b'{"id": ', 400),
    ("json-array", "application/json", b"[{}]", 422),
    ("json-string", "application/json", b'"x"', 422),
    ("json-number", "application/json", b"5", 422),
    ("json-null", "application/json", b"null", 422),
    ("bad-utf8", "application/json", b'{"description": "\xff\xfe"}', 400),
    ("huge-json", "application/json", b'{"description": "' + b"x" * (MB + 10) + b'"}', 413),
    ("huge-text", "text/plain", b"x" * (MB + 1), 413),
]


@pytest.mark.parametrize(
    ("content_type", "data", "status"),
    [pytest.param(*case[1:], id=case[0]) for case in RAW_BODIES],
)
def test_bad_raw_bodies_on_every_writer(s, content_type, data, status):
    """Raw bodies that are not a JSON object, at the create, the update and the reject."""
    before = saved_state()
    targets = [
        (s.student, "post", s.entries_url, {}),
        (s.student, "patch", s.entry_url, {"If-Match": '"1"'}),
        (s.trainer, "post", f"{s.weeks_url}/2026-W46/reject", {}),
        (s.student, "post", "/api/auth/password", {}),
    ]
    for client, method, url, headers in targets:
        response = getattr(client, method)(
            url, data=data, content_type=content_type, headers=headers
        )
        if status == 400 and response.status_code == 422:
            status_here = 422  # either is a fine answer to a body that is not JSON at all
        elif isinstance(status, tuple):
            assert response.status_code in status
            status_here = response.status_code
        else:
            status_here = status
        assert_error(response, status_here)
    assert saved_state() == before


def test_huge_body_with_an_idempotency_key_is_refused_too(s):
    before = saved_state()
    response = s.student.post(
        s.entries_url,
        data=b'{"description": "' + b"x" * (MB + 10) + b'"}',
        content_type="application/json",
        headers={"Idempotency-Key": "op-1"},
    )
    assert_error(response, 413, "request_entity_too_large")
    assert saved_state() == before


# Shapes the standard library's JSON parser answers with an exception that is no JSON error.
BAD_JSON_SHAPES = [
    ("arrays-1000-deep", b"[" * 1000 + b"]" * 1000, "json_too_deep"),
    ("objects-100-deep", b'{"a": ' * 100 + b"1" + b"}" * 100, "json_too_deep"),
    (
        "number-4301-digits",
        b'{"email": ' + b"9" * 4301 + b', "password": "x"}',
        "json_number_too_long",
    ),
    ("negative-number-4301-digits", b"[-" + b"9" * 4301 + b"]", "json_number_too_long"),
]
PATH_VALUES = {"integer": 1, "string": "x"}


def _json_body_operations(doc):
    """Every operation of the OpenAPI document that takes a JSON body, present and future."""
    for path, operations in doc["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":  # the path's own parameters, not an operation
                continue
            content = (operation.get("requestBody") or {}).get("content", {})
            if any(kind == "application/json" or kind.endswith("+json") for kind in content):
                parameters = operations.get("parameters", []) + operation.get("parameters", [])
                yield method, path, [p for p in parameters if p["in"] == "path"]


def _fill(path, parameters, known):
    for parameter in parameters:
        name, schema = parameter["name"], parameter.get("schema", {})
        if name in known:
            value = known[name]
        elif schema.get("format") == "uuid":
            value = uuid.uuid4()
        elif schema.get("enum"):  # e.g. a conversation's line (#10)
            value = schema["enum"][0]
        else:
            value = PATH_VALUES[schema.get("type", "string")]
        path = path.replace("{" + name + "}", str(value))
    return path


def test_bad_json_shapes_on_every_body_endpoint(s, caplog):
    """Nesting and numbers that crashed the parser: a 400 in the error shape, on every
    operation the OpenAPI document lists with a JSON body, and nothing in the log."""
    doc = s.student.get("/api/openapi.json").get_json()
    operations = list(_json_body_operations(doc))
    assert len(operations) >= 6, operations
    known = {"placement_id": s.placement.id, "entry_id": s.entry["id"], "week": "2026-W46"}
    before = saved_state()
    caplog.set_level(logging.INFO)
    for method, path, parameters in operations:
        url = _fill(path, parameters, known)
        for name, data, code in BAD_JSON_SHAPES:
            response = s.student.open(
                url,
                method=method.upper(),
                data=data,
                content_type="application/json",
                headers={"If-Match": '"1"', "Idempotency-Key": f"op-{name}"},
            )
            try:
                assert_error(response, 400, code)
            except AssertionError as error:
                raise AssertionError(f"{method.upper()} {path}, {name}: {error}") from None
    assert saved_state() == before
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_bad_json_shapes_through_request_get_json_too(app):
    """A view that reads its body with Flask's request.get_json() (no @blp.arguments) goes
    through the same parser."""
    with another_app(app, PROPAGATE_EXCEPTIONS=False) as other:

        @other.post("/api/echo")
        def echo():
            return {"length": len(request.get_json())}

        client = other.test_client()
        assert client.post("/api/echo", json=[1, [2]]).get_json() == {"length": 2}
        for _name, data, code in BAD_JSON_SHAPES:
            response = client.post("/api/echo", data=data, content_type="application/json")
            assert_error(response, 400, code)
        assert_error(client.post("/api/echo", data=b"{", content_type="application/json"), 400)


def _chunked(client, url, data):
    """A body sent in chunks, without Content-Length, as gunicorn passes it on (its input is
    "terminated": the server, not the Content-Length, says where it ends)."""
    return client.post(
        url,
        input_stream=io.BytesIO(data),
        content_type="application/json",
        headers={"Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )


def test_a_chunked_body_over_the_limit_is_413(s):
    before = saved_state()
    body = b'{"description": "' + b"x" * (10 * MB) + b'"}'
    assert_error(_chunked(s.student, s.entries_url, body), 413, "request_entity_too_large")
    assert saved_state() == before


def test_a_chunked_body_within_the_limit_is_read_whole(s):
    body = _with(description="y" * 3000)()
    response = _chunked(s.student, s.entries_url, json.dumps(body).encode())
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["description"] == body["description"]


PATCH_CASES = [
    ("category-as-string", {"category": "1"}, "category", 422, "validation_error"),
    ("unknown-category", {"category": 99}, "category", 422, "unknown_category"),
    ("date-null", {"date": None}, "date", 422, "validation_error"),
    ("date-feb-30", {"date": "2026-02-30"}, "date", 422, "validation_error"),
    ("date-in-future", {"date": "2026-12-01"}, "date", 422, "date_in_future"),
    ("time-25", {"end_time": "25:00"}, "end_time", 422, "validation_error"),
    ("end-before-start", {"end_time": "07:00"}, "end_time", 422, "end_before_start"),
    ("unknown-field", {"version": 5}, "version", 422, "validation_error"),
    ("id-not-changeable", {"id": str(uuid.uuid4())}, "id", 422, "validation_error"),
    ("empty-object", {}, "_schema", 422, "validation_error"),
    ("array", [{"description": "x"}], "_schema", 422, "validation_error"),
    ("surrogate", {"description": "\udfff"}, "description", 422, "validation_error"),
    ("nul-character", {"description": "a\x00b"}, "description", 422, "validation_error"),
    ("into-submitted-week", {"date": "2026-11-10"}, None, 409, "week_locked"),
]


@pytest.mark.parametrize(
    ("body", "field", "status", "error"),
    [pytest.param(*case[1:], id=case[0]) for case in PATCH_CASES],
)
def test_bad_updates(s, body, field, status, error):
    before = saved_state()
    response = s.student.patch(s.entry_url, json=body, headers={"If-Match": '"1"'})
    assert_error(response, status, error, field)
    assert saved_state() == before


@pytest.mark.parametrize(
    ("headers", "status", "error"),
    [
        pytest.param({}, 428, "if_match_required", id="missing"),
        pytest.param({"If-Match": "garbage"}, 412, "version_mismatch", id="garbage"),
        pytest.param({"If-Match": '"-1"'}, 412, "version_mismatch", id="negative"),
        pytest.param({"If-Match": '"7"'}, 412, "version_mismatch", id="stale"),
        pytest.param({"If-Match": f'"{HUGE}"'}, 412, "version_mismatch", id="huge"),
        pytest.param({"If-Match": "*"}, 412, "version_mismatch", id="star"),
        pytest.param({"If-Match": f'"{"9" * 4301}"'}, 412, "version_mismatch", id="4301-digits"),
        pytest.param({"If-Match": '"\u00b2"'}, 412, "version_mismatch", id="superscript-two"),
    ],
)
def test_if_match_garbage_on_update_and_delete(s, headers, status, error):
    before = saved_state()
    patch = s.student.patch(s.entry_url, json={"description": "nieuw"}, headers=headers)
    assert_error(patch, status, error)
    delete = s.student.delete(s.entry_url, headers=headers)
    assert_error(delete, status, error)
    assert saved_state() == before
    assert s.student.get(s.entry_url).get_json()["description"] == "bewaard"


@pytest.mark.parametrize(
    "seen",
    ["garbage", f'"{HUGE}"', f'"{"9" * 4301}"', '"\u00b2"'],
    ids=["garbage", "huge", "4301-digits", "superscript-two"],
)
def test_if_match_garbage_on_a_decision(s, seen):
    before = saved_state()
    approve = s.trainer.post(f"{s.weeks_url}/2026-W46/approve", headers={"If-Match": seen})
    assert_error(approve, 412, "version_mismatch")
    assert saved_state() == before


def test_idempotency_key_too_long(s):
    before = saved_state()
    key = {"Idempotency-Key": "k" * 101}
    create = s.student.post(s.entries_url, json=_with()(), headers=key)
    assert_error(create, 422, "validation_error", "Idempotency-Key")
    patch = s.student.patch(
        s.entry_url, json={"description": "x"}, headers={**key, "If-Match": '"1"'}
    )
    assert_error(patch, 422, "validation_error", "Idempotency-Key")
    delete = s.student.delete(s.entry_url, headers={**key, "If-Match": '"1"'})
    assert_error(delete, 422, "validation_error", "Idempotency-Key")
    submit = s.student.post(f"{s.weeks_url}/2026-W47/submit", headers=key)
    assert_error(submit, 422, "validation_error", "Idempotency-Key")
    assert saved_state() == before


@pytest.mark.parametrize(
    "label",
    [
        "2026-W60",
        "2026-W00",
        "abc",
        "2026",
        "2026-47",
        "2025-W53",
        "10000-W01",
        "2026-W47-1",
        "%00",
    ],
)
def test_invalid_week_labels(s, label):
    before = saved_state()
    assert_error(s.student.get(f"{s.weeks_url}/{label}"), 422, "invalid_week", "week")
    assert_error(s.student.post(f"{s.weeks_url}/{label}/submit"), 422, "invalid_week", "week")
    assert_error(
        s.trainer.post(f"{s.weeks_url}/{label}/reject", json={"comment": "x"}),
        422,
        "invalid_week",
        "week",
    )
    assert saved_state() == before


def test_a_week_that_exists_in_that_year_is_fine(s):
    # 2026 has 53 ISO weeks (it starts on a Thursday); 2025 has 52.
    response = s.student.get(f"{s.weeks_url}/2026-W53")
    assert response.status_code == 200
    assert response.get_json()["week"] == "2026-W53"


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/sync/changes?since=-1", "since"),
        ("/api/sync/changes?since=abc", "since"),
        (f"/api/sync/changes?since={HUGE}", "since"),
        ("/api/sync/changes?limit=0", "limit"),
        ("/api/sync/changes?limit=100000", "limit"),
        ("/api/placements?page_size=10000", "page_size"),
        ("/api/placements?page_size=0", "page_size"),
        ("/api/placements?page=0", "page"),
        ("/api/placements?page=abc", "page"),
        ("/api/inbox/weeks?page_size=10000", "page_size"),
        ("{entries}?page_size=10000", "page_size"),
        ("{entries}?from=2026-13-01", "from"),
        ("{entries}?to=morgen", "to"),
        ("{weeks}?page_size=-5", "page_size"),
    ],
)
def test_bad_query_parameters(s, url, field):
    client = s.trainer if "inbox" in url else s.student
    url = url.format(entries=s.entries_url, weeks=s.weeks_url)
    assert_error(client.get(url), 422, "validation_error", field)


@pytest.mark.parametrize(
    "path", ["/api/placements?page={n}", "{entries}?page={n}", "{weeks}?page={n}"]
)
def test_page_far_past_the_end_is_empty_not_an_error(s, path):
    response = s.student.get(path.format(entries=s.entries_url, weeks=s.weeks_url, n=HUGE))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.get_json() == []


@pytest.mark.parametrize(
    "url",
    [
        f"/api/placements/{HUGE}",
        f"/api/placements/{HUGE}/entries",
        f"/api/placements/{HUGE}/weeks",
        f"/api/placements/{HUGE}/weeks/2026-W47",
        "/api/placements/-1",
        "/api/placements/abc",
        "/api/entries/not-a-uuid",
        f"/api/entries/{uuid.uuid4()}",
        "/api/nothing-here",
    ],
)
def test_unknown_or_malformed_ids_are_404(s, url):
    assert_error(s.student.get(url), 404, "not_found")


def test_writes_to_malformed_ids_are_404(s):
    before = saved_state()
    assert_error(s.student.post(f"/api/placements/{HUGE}/entries", json=_with()()), 404)
    assert_error(
        s.student.patch(
            "/api/entries/not-a-uuid", json={"description": "x"}, headers={"If-Match": '"1"'}
        ),
        404,
    )
    assert_error(s.student.post(f"/api/placements/{HUGE}/weeks/2026-W47/submit"), 404)
    assert saved_state() == before


def test_wrong_method_is_405_in_the_error_shape(s):
    assert_error(s.student.put(s.entries_url, json={}), 405, "method_not_allowed")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "x@example.nl"}, "password"),
        ({"password": "x"}, "email"),
        ({"email": 5, "password": "x"}, "email"),
        ({"email": "x@example.nl", "password": ["x"]}, "password"),
        ({"email": "x@example.nl", "password": "x" * 1025}, "password"),
        ({"email": "x" * 300, "password": "x"}, "email"),
        ({"email": "x@example.nl", "password": "x", "remember": True}, "remember"),
        ({"email": "\ud800@example.nl", "password": "x"}, "email"),
        ({"email": "x@example.nl", "password": "x\ud800"}, "password"),
    ],
)
def test_bad_login_bodies(app, body, field):
    client = app.test_client()
    assert_error(client.post("/api/auth/login", json=body), 422, "validation_error", field)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"locale": "de"}, "locale"),
        ({"locale": 1}, "locale"),
        ({}, "locale"),
        ({"locale": "en", "role": "coordinator"}, "role"),
        ({"locale": "en", "email": "x@example.nl"}, "email"),
    ],
)
def test_bad_settings_and_no_privilege_escalation(s, body, field):
    assert_error(s.student.patch("/api/auth/me", json=body), 422, "validation_error", field)
    me = s.student.get("/api/auth/me").get_json()
    assert (me["role"], me["locale"]) == ("student", "nl")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"current_password": PASSWORD, "new_password": "kort"}, "new_password"),
        ({"current_password": PASSWORD}, "new_password"),
        ({"current_password": PASSWORD, "new_password": 1234567890123}, "new_password"),
        (
            {"current_password": "fout", "new_password": "lang-genoeg-wachtwoord"},
            "current_password",
        ),
    ],
)
def test_bad_password_changes(s, body, field):
    assert_error(s.student.post("/api/auth/password", json=body), 422, None, field)
    assert s.student.get("/api/auth/me").status_code == 200


def test_reject_needs_a_real_comment(s):
    before = saved_state()
    reject = f"{s.weeks_url}/2026-W46/reject"
    assert_error(s.trainer.post(reject, json={}), 422, "validation_error", "comment")
    assert_error(s.trainer.post(reject, json={"comment": 5}), 422, "validation_error", "comment")
    assert_error(
        s.trainer.post(reject, json={"comment": "   "}), 422, "comment_required", "comment"
    )
    assert_error(
        s.trainer.post(reject, json={"comment": "x" * 4001}), 422, "validation_error", "comment"
    )
    assert_error(
        s.trainer.post(reject, json={"comment": "\ud800"}), 422, "validation_error", "comment"
    )
    assert saved_state() == before


# --- cross-site requests (SECURITY.md "CSRF") ----------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"},
        {"Origin": "https://evil.example"},
        {"Origin": "http://localhost.evil.example"},
        {"Origin": "null"},
        {"Origin": "https://localhost"},
        {"Origin": "http://["},
        {"Origin": "http://localhost/"},
    ],
    ids=[
        "sfs-cross-site",
        "sfs-same-site",
        "sfs-wins-over-origin",
        "origin-evil",
        "origin-lookalike",
        "origin-null",
        "origin-other-scheme",
        "origin-unparsable",
        "origin-with-path",
    ],
)
def test_cross_site_writes_are_refused(s, app, headers):
    before = saved_state()
    refusals = [
        s.student.post(s.entries_url, json=_with()(), headers=headers),
        s.student.patch(
            s.entry_url, json={"description": "x"}, headers={**headers, "If-Match": '"1"'}
        ),
        s.student.delete(s.entry_url, headers={**headers, "If-Match": '"1"'}),
        s.student.post(f"{s.weeks_url}/2026-W47/submit", headers=headers),
        s.student.post("/api/auth/logout", headers=headers),
        app.test_client().post(
            "/api/auth/login",
            json={"email": s.placement.student.email, "password": PASSWORD},
            headers=headers,
        ),
    ]
    for response in refusals:
        assert_error(response, 403, "cross_site_request")
    assert saved_state() == before
    # Still logged in: the cross-site logout did nothing.
    assert s.student.get("/api/auth/me").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "http://localhost"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
        {},
    ],
    ids=["sfs-same-origin", "sfs-none", "origin-same", "both-same", "no-browser-headers"],
)
def test_same_origin_writes_pass(s, headers):
    response = s.student.post(s.entries_url, json=_with()(), headers=headers)
    assert response.status_code == 201, response.get_json()


def test_the_origins_scheme_counts_on_any_port(s):
    """http://host:8000 and https://host:8000 are different origins (the host and port match)."""
    on_port = {"base_url": "http://localhost:8000"}
    refused = s.student.post(
        s.entries_url, json=_with()(), headers={"Origin": "https://localhost:8000"}, **on_port
    )
    assert_error(refused, 403, "cross_site_request")
    same = s.student.post(
        s.entries_url, json=_with()(), headers={"Origin": "http://localhost:8000"}, **on_port
    )
    assert same.status_code == 201, same.get_json()


def test_an_https_page_may_write_to_an_https_server(s):
    response = s.student.post(
        s.entries_url,
        json=_with()(),
        headers={"Origin": "https://localhost"},
        base_url="https://localhost",
    )
    assert response.status_code == 201, response.get_json()


def test_cross_site_reads_are_not_refused(s):
    response = s.student.get(s.entries_url, headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 200


# --- security headers ----------------------------------------------------------------------


def test_security_headers_on_api_answers(s, app):
    answers = [
        s.student.get("/api/auth/me"),
        s.student.get(s.entries_url),
        s.student.get(f"/api/entries/{uuid.uuid4()}"),  # an error answer too
        app.test_client().get("/api/placements"),  # 401
        s.student.post(s.entries_url, json=_with()()),
    ]
    for response in answers:
        headers = response.headers
        csp = headers["Content-Security-Policy"]
        for directive in (
            "default-src 'self'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
        ):
            assert directive in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in headers["Cache-Control"]
        assert headers.get("Referrer-Policy")
        assert headers["Content-Type"].startswith("application/json")
        assert "Strict-Transport-Security" not in headers  # plain http here


def test_hsts_over_https(s):
    response = s.student.get("/api/auth/me", base_url="https://localhost")
    assert "max-age=" in response.headers["Strict-Transport-Security"]


def test_session_cookie_flags(app, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    user = make_user()
    response = app.test_client().post(
        "/api/auth/login", json={"email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    cookies = response.headers.getlist("Set-Cookie")
    session = [c for c in cookies if c.startswith(app.config["SESSION_COOKIE_NAME"] + "=")]
    assert len(session) == 1
    flags = session[0].lower()
    assert "httponly" in flags and "samesite=lax" in flags and "secure" in flags
    assert not [c for c in cookies if c.startswith("remember_token")]
