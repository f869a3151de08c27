// A file input (camera or gallery): each picked photo is added; `then` gets the last id.
// The photo code (scaling, hashing, the outbox step) loads on the first pick, not with the page:
// Start offers the camera but most visits never use it. The service worker precaches every
// module, so the import works offline too.
export function wirePicker(input, then, onError) {
  input.addEventListener('change', async () => {
    const files = [...(input.files || [])];
    input.value = '';
    if (!files.length) return;
    let addPhoto;
    try {
      ({ addPhoto } = await import('./photo-actions.js'));
    } catch (err) {
      onError?.(err);
      return;
    }
    let last = null;
    for (const file of files) {
      try { last = (await addPhoto(file)).id; } catch (err) { onError?.(err); }
    }
    if (last) then(last);
  });
}
