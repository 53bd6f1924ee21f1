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

/**
 * Reads a successful answer's whole body as text. Unlike `readBodyText`, a transport failure
 * while reading is thrown (a cut answer is a failed call, not a short one), and a body past
 * `limitBytes` is an error rather than a truncation.
 */
export async function readWholeBody(body: AsyncIterable<Uint8Array>, limitBytes: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > limitBytes) throw new RangeError(`the answer is larger than ${limitBytes} bytes`);
    chunks.push(chunk);
  }
  if (chunks.length === 1) {
    const only = chunks[0] as Uint8Array;
    return Buffer.from(only.buffer, only.byteOffset, only.byteLength).toString("utf8");
  }
  return Buffer.concat(chunks, size).toString("utf8");
}
