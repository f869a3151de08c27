"""Privacy by design: one registry of the personal data every model holds, and what is built
on it: the export (AVG art. 15 and 20), erasure (art. 17), retention (art. 5(1)(e)) and the
audit log.

    registry.py       the declarations' types and the lookup; a model with no declaration fails
                      tests/privacy/test_registry.py
    declarations/     one module per domain of app/models/: what each model holds of whom, its
                      export, erase and retention; found by existing
    export.py         the ZIP (one JSON file per kind, plus the kinds' files), made in the
                      request for small dossiers and by `flask run-exports` for large ones
    erasure.py        one user's erasure: every declaration's erase handler, files after commit
    retention.py      every retention rule, in batches (`flask apply-retention`)

Nothing here imports app.models at import time, so a model module may declare itself
(`registry.declare(...)`) right under its class, as docs/ADDING_A_RECORD_KIND.md shows.
"""
