/** `data:<mime>;base64,<data>` URLs, which OpenAI uses for inline images. */
import type { ImageSource } from "../../core/types/message.ts";

const dataUrlPattern = /^data:([^;,]+);base64,(.*)$/s;

/** An image URL as a canonical source: inline data for data URLs, a URL otherwise. */
export function imageSourceFromUrl(url: string): ImageSource {
  const match = dataUrlPattern.exec(url);
  if (match) return { kind: "base64", mediaType: match[1] ?? "application/octet-stream", data: match[2] ?? "" };
  return { kind: "url", url };
}

export function imageSourceToUrl(source: ImageSource): string {
  return source.kind === "url" ? source.url : `data:${source.mediaType};base64,${source.data}`;
}
