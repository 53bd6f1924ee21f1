/**
 * @module
 * Ollama images are bare base64 with no MIME type; other dialects need one, so it is read
 * from the file's magic bytes.
 */

const signatures: Array<{ mediaType: string; matches: (bytes: Uint8Array) => boolean }> = [
  { mediaType: "image/png", matches: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { mediaType: "image/jpeg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mediaType: "image/gif", matches: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x38 },
  {
    mediaType: "image/webp",
    // "RIFF", four size bytes, then "WEBP".
    matches: (b) =>
      b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50,
  },
];

/** The image type of base64 data; `application/octet-stream` when the bytes are not a known image. */
export function sniffImageType(base64: string): string {
  // 16 base64 characters decode to the 12 bytes the longest signature needs.
  const bytes = Buffer.from(base64.slice(0, 16), "base64");
  return signatures.find((signature) => signature.matches(bytes))?.mediaType ?? "application/octet-stream";
}
