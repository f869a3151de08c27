"""Photos on the phone (#9): one taken offline shows at once from the phone's own copy, is
scaled and turned the right way up, and reaches the server exactly once when the network is
back, also when the server's answer is lost; the quick action on Start opens it for a caption."""

import hashlib
import uuid
from urllib.parse import urlencode

import pytest
from e2e_steps import (
    IDB_COUNTS,
    api_session,
    controlled,
    eventually,
    login,
    meta,
    ready,
    start_student,
    wait_outbox,
)

from app.models import Photo, Programme
from app.services import werkprocessen
from app.storage import storage
from tests.photos import images
from tests.photos.test_pipeline import _no_metadata

pytestmark = pytest.mark.e2e


def stored(page, store):
    """How many rows one IndexedDB store holds ('blobs': uploads waiting, 'thumbs')."""
    return page.evaluate(IDB_COUNTS)[store]


LOADED = "img => img.complete && img.naturalWidth > 0"


def photo_file(orientation=6):
    """A phone camera's JPEG: 2400 x 1800 pixels stored, shown upright as 1800 x 2400, with GPS."""
    return {
        "name": "IMG_2041.jpg",
        "mimeType": "image/jpeg",
        "buffer": images.phone_jpeg(size=(2400, 1800), orientation=orientation),
    }


def server_photos(placement):
    return list(Photo.select().where(Photo.placement == placement.id))


def tile_src(page):
    return page.locator("#photo-list .photo-tile img").first.get_attribute("src") or ""


@pytest.fixture
def software_school(school):
    """The placement's programme is one with werkprocessen (the demo KD for crebo 25998)."""
    Programme.update(crebo="25998").where(
        Programme.id == school["placement"].programme_id
    ).execute()
    return school


def test_a_photo_taken_offline_shows_at_once_and_is_uploaded_once(server, software_school, phone):
    school = software_school
    page = phone.new_page()
    start_student(page, school)
    eventually(lambda: meta(page, "werkprocessen"), message="werkprocessen on the phone")
    page.goto("/photos")
    ready(page)
    phone.set_offline(True)

    page.locator("#photo-camera").set_input_files(photo_file())

    page.locator("#photo-edit:not([hidden])").wait_for()
    page.locator("#photo-list .photo-tile img").first.wait_for()
    assert page.locator("#photo-list .photo-tile").count() == 1
    assert tile_src(page).startswith("blob:")  # the phone's own copy, no network needed
    page.get_by_label("Wat zie je op de foto?").fill("Patchkast na het patchen")
    page.get_by_label("B1-K1-W4 Test software").check()
    page.get_by_role("button", name="Opslaan").click()
    page.locator("#photo-list .photo-caption", has_text="Patchkast").wait_for()
    (op,) = wait_outbox(page, lambda ops: len(ops) == 1 and "werkprocessen=" in ops[0]["url"])
    assert op["kind"] == "photo.create" and op["bodyBlob"]
    assert stored(page, "blobs") == 1 and stored(page, "thumbs") == 1
    page.reload()  # still there offline, from IndexedDB
    ready(page)
    assert tile_src(page).startswith("blob:")
    # In the timeline at once too, with the picture from the phone's own copy.
    page.goto("/evidence")
    ready(page)
    item = page.locator(".tl-item", has_text="Patchkast na het patchen")
    item.wait_for()
    eventually(lambda: (item.locator("img").get_attribute("src") or "").startswith("blob:"))
    page.goto("/photos")
    ready(page)
    assert server_photos(school["placement"]) == []

    phone.set_offline(False)
    wait_outbox(page, lambda ops: ops == [], timeout=30_000)
    (photo,) = server_photos(school["placement"])
    assert photo.caption == "Patchkast na het patchen"
    assert werkprocessen.tags_for("photo", [photo.id])[str(photo.id)] == ["B1-K1-W4"]
    # Scaled on the phone to 1600 on the long side, the right way up (EXIF orientation 6).
    assert (photo.width, photo.height) == (1200, 1600)
    with storage(server.app).open(photo.image_key) as fh:
        _no_metadata(fh.read())
    # The full copy is let go once uploaded; the thumbnail made on the phone stays, so the
    # photo still shows with no signal.
    eventually(lambda: stored(page, "blobs") == 0, message="the phone's full copy let go")
    assert stored(page, "thumbs") == 1
    phone.set_offline(True)
    page.reload()
    ready(page)
    shown = page.locator("#photo-list img").first
    eventually(lambda: shown.evaluate(LOADED), message="the thumbnail shown offline")
    assert tile_src(page).startswith("blob:")


def test_photos_from_another_device_show_offline_and_go_at_log_out(
    server, school, phone, playwright_instance
):
    student = api_session(playwright_instance, server.url, school["student"])
    pid = school["placement"].id
    ids = []
    for n, day in enumerate(("2026-11-16", "2026-11-17")):
        body = images.phone_jpeg(size=(1200, 900), orientation=1)
        query = {
            "id": str(uuid.uuid4()),
            "sha256": hashlib.sha256(body).hexdigest(),
            "taken_at": f"{day}T09:00:00Z",
            "caption": f"Van de tablet {n}",
        }
        made = student.post(
            f"/api/placements/{pid}/photos?{urlencode(query)}",
            data=body,
            headers={"Content-Type": "image/jpeg"},
        )
        assert made.status == 201, made.text()
        ids.append(query["id"])
    page = phone.new_page()
    start_student(page, school)
    eventually(lambda: stored(page, "thumbs") == 2, message="both thumbnails kept")
    assert stored(page, "blobs") == 0

    phone.set_offline(True)
    page.goto("/photos")
    ready(page)
    tiles = page.locator("#photo-list .photo-tile img")
    eventually(
        lambda: tiles.count() == 2 and all(tiles.nth(i).evaluate(LOADED) for i in range(2)),
        message="both tiles drawn offline",
    )
    assert tile_src(page).startswith("blob:")
    # Opened offline: the full photo cannot come, its thumbnail shows instead.
    page.goto(f"/photos?id={ids[0]}")
    ready(page)
    big = page.locator("#photo-big")
    eventually(lambda: big.evaluate(LOADED), message="the open photo drawn offline")
    assert big.get_attribute("src").startswith("blob:")
    page.goto("/evidence")
    ready(page)
    item = page.locator(".tl-item", has_text="Van de tablet 1").locator("img")
    eventually(lambda: item.evaluate(LOADED), message="the timeline's picture offline")

    phone.set_offline(False)
    page.goto("/account")
    ready(page)
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/login")
    ready(page)
    assert not (page.evaluate(IDB_COUNTS) or {}).get("thumbs")


def test_a_lost_answer_to_the_upload_still_makes_one_photo(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    page.goto("/photos")
    ready(page)
    server.dropper.arm("POST", "/photos")

    page.locator("#photo-gallery").set_input_files(photo_file(orientation=1))

    eventually(lambda: server.dropper.dropped, message="the upload's answer lost")
    wait_outbox(page, lambda ops: ops == [], timeout=40_000)
    assert [d[:2] for d in server.dropper.dropped] == [
        ("POST", f"/api/placements/{school['placement'].id}/photos")
    ]
    posts = [s for s in server.dropper.seen if s[0] == "POST" and s[1].endswith("/photos")]
    assert len(posts) == 2  # the lost one and its replay
    (photo,) = server_photos(school["placement"])
    assert (photo.width, photo.height) == (1600, 1200)
    assert len(storage(server.app).keys(f"photos/{school['placement'].id}/")) == 2


def test_the_quick_action_on_start_takes_a_photo_and_opens_it(server, school, phone):
    page = phone.new_page()
    start_student(page, school)
    assert page.locator("label[for=home-photo]").inner_text() == "Foto maken"
    page.locator("#home-photo").set_input_files(photo_file())
    page.wait_for_url("**/photos?id=*")
    ready(page)
    page.locator("#photo-edit:not([hidden])").wait_for()
    assert page.locator("#photo-big").get_attribute("src")
    eventually(lambda: server_photos(school["placement"]), message="the upload")
    wait_outbox(page, lambda ops: ops == [], timeout=30_000)
    assert len(server_photos(school["placement"])) == 1


def test_the_photo_pages_pass_axe_and_fit_at_double_text_size(server, software_school, phone):
    from test_a11y import audit, fits_at_double_text_size  # the same checks as every page

    page = phone.new_page()
    start_student(page, software_school)
    eventually(lambda: meta(page, "werkprocessen"), message="werkprocessen on the phone")
    problems = []
    audit(page, "/photos", problems)  # none yet
    page.locator("#photo-gallery").set_input_files(photo_file())
    page.locator("#photo-edit:not([hidden])").wait_for()
    page.locator("#photo-list .photo-tile img").first.wait_for()
    audit(page, None, problems)  # the gallery and the open photo
    assert fits_at_double_text_size(page)
    audit(page, "/home", problems)  # the quick action
    assert not problems, "\n\n".join(problems)


def test_a_photo_in_a_submitted_starrt_shows_on_the_trainer_s_phone(
    server, software_school, new_phone, playwright_instance
):
    school = software_school
    page = new_phone().new_page()
    start_student(page, school)
    page.goto("/photos")
    ready(page)
    page.locator("#photo-gallery").set_input_files(photo_file())
    eventually(lambda: server_photos(school["placement"]), message="the upload")
    (photo,) = server_photos(school["placement"])
    student = api_session(playwright_instance, server.url, school["student"])
    starrt = {
        "id": str(uuid.uuid4()),
        "title": "Netwerkkast gepatcht",
        **dict.fromkeys(("situatie", "taak", "actie", "resultaat", "reflectie", "transfer"), "x"),
        "werkprocessen": ["B1-K1-W4"],
        "evidence": [{"kind": "photo", "id": str(photo.id)}],
    }
    made = student.post(f"/api/placements/{school['placement'].id}/starrts", data=starrt)
    assert made.status == 201, made.text()
    done = student.post(f"/api/starrts/{starrt['id']}/submit", headers={"If-Match": '"1"'})
    assert done.status == 200, done.text()

    trainer = new_phone().new_page()
    login(trainer, school["trainer"], "/trainer")
    controlled(trainer)
    trainer.goto(f"/starrt?id={starrt['id']}")
    ready(trainer)
    shown = trainer.locator(".starrt-photo img")
    eventually(lambda: shown.count() == 1, message="the photo with the STARRT")
    eventually(lambda: shown.evaluate(LOADED), message="the trainer's phone loads the photo")
    # The server's thumbnail, kept on the trainer's phone too once fetched.
    src = shown.get_attribute("src")
    assert src.startswith("blob:") or "/thumbnail" in src, src
    eventually(lambda: stored(trainer, "thumbs") == 1, message="the trainer's phone keeps it")
