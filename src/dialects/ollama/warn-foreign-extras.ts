/**
 * @module
 * Extras another dialect left on a canonical object cannot be expressed on Ollama's wire:
 * they are dropped, and the drop is reported.
 */
import type { Extras } from "../../core/types/message.ts";
import type { Warning } from "../../core/types/response.ts";
import { foreignExtras } from "../internal/extras.ts";

export function warnForeignExtras(extras: Extras | undefined, warnings: Warning[], path: string | undefined): void {
  for (const dialect of foreignExtras("ollama", extras)) {
    const keys = Object.keys(extras?.[dialect] ?? {}).join(", ");
    const warning: Warning = {
      code: "dropped-extras",
      message: `Ollama cannot express ${dialect} fields (${keys}); they were dropped.`,
    };
    if (path !== undefined) warning.path = path;
    warnings.push(warning);
  }
}
