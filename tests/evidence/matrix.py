"""The evidence endpoints' rows of the authorization matrix (the same actors and world as
tests/api/test_authorization.py), kept here so that file's route check knows them."""

# fmt: off
# Expected status per actor, in the order of tests/api/test_authorization.py ACTORS:
#                         student trainer docent coord  oc_tr  sc_tr  un_doc oi_co  o_stud anon
MATRIX = {
    "werkprocessen":      (200,    200,    200,   200,   404,   404,   404,   404,   404,   401),
}
# fmt: on

EVIDENCE_ROUTES = {
    ("GET", "/api/placements/<int:placement_id>/werkprocessen"),
}


def requests(world):
    """endpoint -> (method, url, keyword arguments) against placement P."""
    pid = world.p.id
    return {
        "werkprocessen": ("GET", f"/api/placements/{pid}/werkprocessen", {}),
    }
