/**
 * @module
 * The dotted name of a config field, as errors print it: `providers.openai.keys[1]`.
 */

export type FieldPath = readonly (string | number)[];

const plainKey = /^[A-Za-z_][\w-]*$/;

/** Keys that are not plain identifiers (model names with dots, say) are quoted: `fallbacks["gpt-4.1"][0]`. */
export function formatField(path: FieldPath): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (plainKey.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}
