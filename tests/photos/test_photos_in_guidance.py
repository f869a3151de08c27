"""A photo the student shares in a guidance question: its docent may fetch its image and
thumbnail (the question shows the item as it was); the trainer, who cannot read the School
line, and anyone else still get 404, and the photo's record stays the student's."""

import uuid

from tests.conftest import module_app
from tests.photos import images
from tests.photos.upload import upload

shared_app, app = module_app("photos_guidance")


def test_a_photo_in_a_guidance_question_reaches_the_docent_only(make_placement, login_as):
    placement = make_placement()
    student = login_as(placement.student)
    docent, trainer = login_as(placement.docent), login_as(placement.praktijkopleider)
    shared = upload(student, placement.id, images.phone_jpeg()).get_json()
    other = upload(student, placement.id, images.phone_png()).get_json()
    files = [f"/api/photos/{shared['id']}/{what}" for what in ("image", "thumbnail")]
    assert [docent.get(url).status_code for url in files] == [404, 404]

    asked = student.post(
        f"/api/placements/{placement.id}/guidance-questions",
        json={
            "id": str(uuid.uuid4()),
            "question": "Is dit goed aangesloten?",
            "answer_mode": "written",
            "items": [{"kind": "photo", "id": shared["id"]}],
        },
    )
    assert asked.status_code == 201, asked.get_json()

    for url in files:
        answer = docent.get(url)
        assert answer.status_code == 200 and answer.mimetype == "image/jpeg"
        assert "private" in answer.headers["Cache-Control"]
        assert trainer.get(url).status_code == 404
    # Only what was shared: the other photo, and the shared one's live record, stay the student's.
    assert docent.get(f"/api/photos/{other['id']}/image").status_code == 404
    assert docent.get(f"/api/photos/{shared['id']}").status_code == 404
    assert login_as(make_placement().docent).get(files[0]).status_code == 404
