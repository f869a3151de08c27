"""Photos a student takes as evidence: the image pipeline (pipeline.py) and where the files go
(files.py). The record kind itself follows docs/ADDING_A_RECORD_KIND.md: app/models/photos.py,
app/services/photos.py, app/api/photos/."""
