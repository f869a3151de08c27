"""The authorization world of tests/api/test_authorization.py, with evidence in every placement
(made through the services, as a phone would): a handed-in and a draft STARRT, a note of each
visibility, a learning goal and a learning moment, each carrying its placement's marker."""

import uuid

from app.models import LearningGoal, LearningMoment, Note, Starrt
from app.services import learning, notes, starrts
from tests.api.test_authorization import World, marker
from tests.conftest import TODAY

FULL = {
    "situatie": "Op de werkvloer",
    "taak": "Een taak",
    "actie": "Gedaan",
    "resultaat": "Het werkt",
    "reflectie": "Ging goed",
    "transfer": "Overal toe te passen",
}


def _id():
    return uuid.uuid4()


class EvidenceWorld(World):
    def __init__(self, app, *args):
        super().__init__(app, *args)
        self.records = {"starrt": {}, "note": {}, "learning_goal": {}, "learning_moment": {}}
        with app.app_context():
            for key, placement in self.placements.items():
                self._fill(key, placement)

    def _fill(self, key, placement):
        student, pid, mark = placement.student, placement.id, marker(key)
        r = self.records
        for submit in (True, False):
            data = {"id": _id(), "title": f"STARRT {mark}", "werkprocessen": ["B1-K1-W1"], **FULL}
            starrt, _ = starrts.create_starrt(student, pid, data)
            if submit:
                starrts.submit_starrt(student, starrt.id, starrt.version)
            r["starrt"][(key, "submitted" if submit else "draft")] = str(starrt.id)
        for visibility in ("self", "docent", "all"):
            data = {"id": _id(), "text": f"Notitie {mark}", "visibility": visibility}
            r["note"][(key, visibility)] = str(notes.create_note(student, pid, data)[0].id)
        goal, _ = learning.create_goal(
            student, pid, {"id": _id(), "title": f"Doel {mark}", "criteria": ""}
        )
        r["learning_goal"][(key, "goal")] = str(goal.id)
        moment = {"id": _id(), "date": TODAY, "text": f"Geleerd {mark}", "goal_id": goal.id}
        r["learning_moment"][(key, "moment")] = str(
            learning.create_moment(student, pid, moment)[0].id
        )

    def rid(self, kind, tag, key="P"):
        return self.records[kind][(key, tag)]

    def snapshot(self):
        return (
            super().snapshot(),
            sorted(
                (str(s.id), s.version, s.status, s.rating, s.actie, s.deleted_at is None)
                for s in Starrt.select()
            ),
            sorted(
                (str(n.id), n.version, n.text, n.visibility, n.deleted_at) for n in Note.select()
            ),
            sorted(
                (str(g.id), g.version, g.title, g.reached_at, g.deleted_at)
                for g in LearningGoal.select()
            ),
            sorted((str(m.id), m.version, m.text, m.deleted_at) for m in LearningMoment.select()),
        )
