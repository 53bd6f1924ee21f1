/**
 * @module
 * Reads a body as text, at most `limitBytes` of it, for error answers: an upstream that
 * sends megabytes with a 500 (or never ends) must not hold the call up.
 */

export const defaultErrorBodyLimit = 64 * 1024;

/**
 * Stops reading (and closes the body) once `limitBytes` arrived. A body that breaks
 * half-way yields what came before the break: the status already says what failed.
 */
export async function readBodyText(body: AsyncIterable<Uint8Array>, limitBytes: number = defaultErrorBodyLimit): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const iterator = body[Symbol.asyncIterator]();
  try {
    while (size < limitBytes) {
      const next = await iterator.next();
      if (next.done) break;
      const room = limitBytes - size;
      const chunk = next.value.byteLength > room ? next.value.subarray(0, room) : next.value;
      chunks.push(chunk);
      size += chunk.byteLength;
    }
  } catch {
    // Keep what was read before the cut.
  } finally {
    await iterator.return?.().catch(() => undefined);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  // A cut inside a multi-byte character decodes to U+FFFD; drop that stub.
  return new TextDecoder().decode(bytes).replace(/\uFFFD$/, "");
}
