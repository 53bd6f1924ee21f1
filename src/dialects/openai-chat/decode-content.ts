/**
 * @module
 * Message content (a string or an array of parts) → canonical text and image parts. Part
 * types the canonical model cannot hold (`input_audio`, `file`, `refusal`, future ones) are
 * set aside verbatim with their position, so a same-dialect round trip restores them.
 */
import type { ImagePart, TextPart } from "../../core/types/message.ts";
import { imageSourceFromUrl } from "../internal/data-url.ts";
import { expectRecord, expectString, failField } from "./field-checks.ts";
import { makeExtras, omitKeys, type AsideItem } from "./wire-extras.ts";

export interface DecodedParts {
  parts: Array<TextPart | ImagePart>;
  aside: AsideItem[];
}

export function decodeTextPart(record: Record<string, unknown>, path: string): TextPart {
  const part: TextPart = { type: "text", text: expectString(record["text"], `${path}.text`) };
  const extras = makeExtras(omitKeys(record, ["type", "text"]));
  if (extras) part.extras = extras;
  return part;
}

function decodeImagePart(record: Record<string, unknown>, path: string): ImagePart {
  const imageUrl = expectRecord(record["image_url"], `${path}.image_url`);
  const url = expectString(imageUrl["url"], `${path}.image_url.url`);
  const part: ImagePart = { type: "image", source: imageSourceFromUrl(url) };
  // `detail` and any other image_url fields stay in extras, mirroring the wire object.
  const inner = omitKeys(imageUrl, ["url"]);
  const fields = omitKeys(record, ["type", "image_url"]);
  if (Object.keys(inner).length > 0) fields["image_url"] = inner;
  const extras = makeExtras(fields);
  if (extras) part.extras = extras;
  return part;
}

/** Decodes an array of content parts; images only where `allowImages` (user messages). */
export function decodeContentParts(content: unknown[], path: string, allowImages: boolean): DecodedParts {
  const decoded: DecodedParts = { parts: [], aside: [] };
  content.forEach((value, index) => {
    const partPath = `${path}[${index}]`;
    const record = expectRecord(value, partPath);
    const type = record["type"];
    if (type === "text") decoded.parts.push(decodeTextPart(record, partPath));
    else if (type === "image_url" && allowImages) decoded.parts.push(decodeImagePart(record, partPath));
    else if (typeof type === "string") decoded.aside.push({ index, item: value });
    else failField(`\`${partPath}.type\` must be a string.`, `${partPath}.type`);
  });
  return decoded;
}

/** True when the parts would be encoded as a plain string (one text part, no wire fields). */
export function isPlainSingleText(parts: ReadonlyArray<{ type: string; extras?: unknown }>): boolean {
  const only = parts[0];
  return parts.length === 1 && only !== undefined && only.type === "text" && only.extras === undefined;
}
