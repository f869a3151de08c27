// A photo made ready on the phone: turned the right way up (EXIF orientation applied while
// decoding), scaled to about 1600 pixels on the long side, encoded as a JPEG (a canvas writes
// no metadata), and its SHA-256, which the server checks.
export const LONG_SIDE = 1600;
export const QUALITY = 0.85;
// The thumbnail kept on the phone (thumbs.js): the server's size for its own.
export const THUMB_SIDE = 400;

// The size that fits within `longSide` on the long side, never larger than it was.
export function fitWithin(width, height, longSide = LONG_SIDE) {
  const scale = Math.min(1, longSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function scaledJpeg(file, longSide = LONG_SIDE) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    // A format this browser cannot decode (HEIC outside Safari): the server decodes and
    // cleans it, so the file goes as it is.
    return { blob: file, width: null, height: null };
  }
  const { width, height } = fitWithin(bitmap.width, bitmap.height, longSide);
  const canvas = typeof OffscreenCanvas === 'undefined'
    ? Object.assign(document.createElement('canvas'), { width, height })
    : new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close?.();
  const blob = canvas.convertToBlob
    ? await canvas.convertToBlob({ type: 'image/jpeg', quality: QUALITY })
    : await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  return { blob, width, height };
}

export const hex = (bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(blob) {
  return hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
}
