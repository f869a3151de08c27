"""The evidence endpoints' rows of the authorization matrix (the same actors and world as
tests/api/test_authorization.py), kept here so that file's route check knows them.

Rule (issue 9): nothing a student makes is seen by anyone else until shared. A handed-in
STARRT is shared with the placement's trainer and docent (not the coordinator); a note with
whom its visibility says; drafts, goals and moments with nobody: for everyone else they do not
exist (404). What someone may read but not change answers 403.
"""

# fmt: off
# Expected status per actor, in the order of tests/api/test_authorization.py ACTORS:
#                         student trainer docent coord  oc_tr  sc_tr  un_doc oi_co  o_stud anon
_LIST =                   (200,    200,    200,   200,   404,   404,   404,   404,   404,   401)
_CREATE =                 (201,    403,    403,   403,   404,   404,   404,   404,   404,   401)
_OWN = {200: (200,        404,    404,   404,   404,   404,   404,   404,   404,   401),
        204: (204,        404,    404,   404,   404,   404,   404,   404,   404,   401)}
MATRIX = {
    "werkprocessen":      _LIST,
    "coverage":           _LIST,
    "timeline":           _LIST,
    "sync_changes":       (200,    200,    200,   200,   200,   200,   200,   200,   200,   401),
    "list_starrts":       _LIST,
    "starrt_progress":    _LIST,
    "create_starrt":      _CREATE,
    "get_starrt":         (200,    200,    200,   404,   404,   404,   404,   404,   404,   401),
    "get_draft_starrt":   _OWN[200],
    "patch_starrt":       _OWN[200],
    "delete_starrt":      _OWN[204],
    "submit_starrt":      _OWN[200],
    "rate_starrt":        (403,    200,    403,   404,   404,   404,   404,   404,   404,   401),
    "list_notes":         _LIST,
    "create_note":        _CREATE,
    "get_note_self":      _OWN[200],
    "get_note_docent":    (200,    404,    200,   404,   404,   404,   404,   404,   404,   401),
    "get_note_all":       (200,    200,    200,   404,   404,   404,   404,   404,   404,   401),
    "patch_note":         (200,    403,    403,   404,   404,   404,   404,   404,   404,   401),
    "delete_note":        _OWN[204],
    "list_goals":         _LIST,
    "create_goal":        _CREATE,
    "get_goal":           _OWN[200],
    "patch_goal":         _OWN[200],
    "delete_goal":        _OWN[204],
    "list_moments":       _LIST,
    "create_moment":      _CREATE,
    "get_moment":         _OWN[200],
    "patch_moment":       _OWN[200],
    "delete_moment":      _OWN[204],
}
# fmt: on

_P = "/api/placements/<int:placement_id>"
EVIDENCE_ROUTES = {
    ("GET", f"{_P}/werkprocessen"),
    ("GET", f"{_P}/coverage"),
    ("GET", f"{_P}/timeline"),
    ("GET", f"{_P}/starrts"),
    ("POST", f"{_P}/starrts"),
    ("GET", f"{_P}/starrts/progress"),
    ("GET", "/api/starrts/<uuid:starrt_id>"),
    ("PATCH", "/api/starrts/<uuid:starrt_id>"),
    ("DELETE", "/api/starrts/<uuid:starrt_id>"),
    ("POST", "/api/starrts/<uuid:starrt_id>/submit"),
    ("POST", "/api/starrts/<uuid:starrt_id>/rate"),
    ("GET", f"{_P}/notes"),
    ("POST", f"{_P}/notes"),
    ("GET", "/api/notes/<uuid:note_id>"),
    ("PATCH", "/api/notes/<uuid:note_id>"),
    ("DELETE", "/api/notes/<uuid:note_id>"),
    ("GET", f"{_P}/learning-goals"),
    ("POST", f"{_P}/learning-goals"),
    ("GET", "/api/learning-goals/<uuid:goal_id>"),
    ("PATCH", "/api/learning-goals/<uuid:goal_id>"),
    ("DELETE", "/api/learning-goals/<uuid:goal_id>"),
    ("GET", f"{_P}/learning-moments"),
    ("POST", f"{_P}/learning-moments"),
    ("GET", "/api/learning-moments/<uuid:moment_id>"),
    ("PATCH", "/api/learning-moments/<uuid:moment_id>"),
    ("DELETE", "/api/learning-moments/<uuid:moment_id>"),
}

# Which records of each kind an actor sees (lists, the feed, the timeline), by (placement, tag).
_STUDENT_OWN = {
    "starrt": {"submitted", "draft"},
    "note": {"self", "docent", "all"},
    "learning_goal": {"goal"},
    "learning_moment": {"moment"},
}
_TRAINER = {"starrt": {"submitted"}, "note": {"all"}}
_DOCENT = {"starrt": {"submitted"}, "note": {"docent", "all"}}
_SEES_BY_ROLE = {
    "student": ("P", _STUDENT_OWN),
    "trainer": ("P", _TRAINER),
    "docent": ("P", _DOCENT),
    "other_company_trainer": ("Q", _TRAINER),
    "same_company_trainer": ("R", _TRAINER),
    "unassigned_docent": ("QR", _DOCENT),
    "other_student": ("Q", _STUDENT_OWN),
}


def sees(actor, kind):
    keys, tags = _SEES_BY_ROLE.get(actor, ("", {}))
    return {(key, tag) for key in keys for tag in tags.get(kind, ())}


def requests(w):
    """endpoint -> (method, url, keyword arguments) against placement P."""
    pid = w.p.id
    shared, draft = w.rid("starrt", "submitted"), w.rid("starrt", "draft")
    v1, v2 = {"If-Match": '"1"'}, {"If-Match": '"2"'}
    goal, moment = w.rid("learning_goal", "goal"), w.rid("learning_moment", "moment")
    new_id = "5f0c8c7e-3d1b-4c39-9d0e-6f1b2a3c4d5e"
    p = f"/api/placements/{pid}"
    return {
        "werkprocessen": ("GET", f"{p}/werkprocessen", {}),
        "coverage": ("GET", f"{p}/coverage", {}),
        "timeline": ("GET", f"{p}/timeline", {}),
        "sync_changes": ("GET", "/api/sync/changes?since=0", {}),
        "list_starrts": ("GET", f"{p}/starrts", {}),
        "starrt_progress": ("GET", f"{p}/starrts/progress", {}),
        "create_starrt": ("POST", f"{p}/starrts", {"json": {"id": new_id, "title": "Nieuw"}}),
        "get_starrt": ("GET", f"/api/starrts/{shared}", {}),
        "get_draft_starrt": ("GET", f"/api/starrts/{draft}", {}),
        "patch_starrt": (
            "PATCH",
            f"/api/starrts/{draft}",
            {"json": {"actie": "gewijzigd"}, "headers": v1},
        ),
        "delete_starrt": ("DELETE", f"/api/starrts/{draft}", {"headers": v1}),
        "submit_starrt": ("POST", f"/api/starrts/{draft}/submit", {"headers": v1}),
        "rate_starrt": (
            "POST",
            f"/api/starrts/{shared}/rate",
            {"json": {"rating": "V", "initials": "MB"}, "headers": v2},
        ),
        "list_notes": ("GET", f"{p}/notes", {}),
        "create_note": ("POST", f"{p}/notes", {"json": {"id": new_id, "text": "Nieuw"}}),
        "get_note_self": ("GET", f"/api/notes/{w.rid('note', 'self')}", {}),
        "get_note_docent": ("GET", f"/api/notes/{w.rid('note', 'docent')}", {}),
        "get_note_all": ("GET", f"/api/notes/{w.rid('note', 'all')}", {}),
        "patch_note": (
            "PATCH",
            f"/api/notes/{w.rid('note', 'all')}",
            {"json": {"visibility": "self"}, "headers": v1},
        ),
        "delete_note": ("DELETE", f"/api/notes/{w.rid('note', 'self')}", {"headers": v1}),
        "list_goals": ("GET", f"{p}/learning-goals", {}),
        "create_goal": ("POST", f"{p}/learning-goals", {"json": {"id": new_id, "title": "Doel"}}),
        "get_goal": ("GET", f"/api/learning-goals/{goal}", {}),
        "patch_goal": (
            "PATCH",
            f"/api/learning-goals/{goal}",
            {"json": {"reached": True}, "headers": v1},
        ),
        "delete_goal": ("DELETE", f"/api/learning-goals/{goal}", {"headers": v1}),
        "list_moments": ("GET", f"{p}/learning-moments", {}),
        "create_moment": (
            "POST",
            f"{p}/learning-moments",
            {"json": {"id": new_id, "date": "2026-11-17", "text": "Nieuw"}},
        ),
        "get_moment": ("GET", f"/api/learning-moments/{moment}", {}),
        "patch_moment": (
            "PATCH",
            f"/api/learning-moments/{moment}",
            {"json": {"text": "gewijzigd"}, "headers": v1},
        ),
        "delete_moment": ("DELETE", f"/api/learning-moments/{moment}", {"headers": v1}),
    }
