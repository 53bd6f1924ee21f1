/**
 * Seeded mutations of a valid JSON body: wrong types at any depth, missing and unexpected
 * keys, odd strings and numbers. Each mutation keeps the value JSON (the point is what the
 * decoders make of well-formed JSON they did not expect).
 */
import type { Random } from "../../src/chaos/create-random.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Slot {
  /** Sets the value at this place. */
  set(value: Json): void;
  /** Removes it (array element or object key); undefined for the root. */
  remove?(): void;
  value: Json;
}

const oddValues: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  "",
  "x",
  "🙂\u202e\u0000",
  "\ud800",
  [],
  {},
  [null],
  { type: null },
  { type: "text" },
  [[[]]],
  { "": "" },
  JSON.parse('{"__proto__":{"polluted":true}}') as Json,
];

const knownKeys = [
  "model", "messages", "content", "role", "type", "text", "stream", "tools", "tool_choice", "system", "max_tokens",
  "max_completion_tokens", "temperature", "stop", "contents", "parts", "generationConfig", "systemInstruction",
  "functionCall", "functionResponse", "tool_calls", "images", "options", "format", "image_url", "source", "input",
  "response_format", "thinking", "stream_options", "n", "models", "fallbacks", "__proto__", "constructor",
];

function collect(root: { value: Json }): Slot[] {
  const slots: Slot[] = [];
  const visit = (value: Json, set: (next: Json) => void, remove?: () => void): void => {
    const slot: Slot = { value, set, ...(remove ? { remove } : {}) };
    slots.push(slot);
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, (next) => (value[index] = next), () => value.splice(index, 1)));
    } else if (value !== null && typeof value === "object") {
      for (const key of Object.keys(value)) visit(value[key] as Json, (next) => (value[key] = next), () => delete value[key]);
    }
  };
  visit(root.value, (next) => (root.value = next));
  return slots;
}

function randomValue(random: Random, depth = 0): Json {
  const roll = random.below(10);
  if (roll < 6 || depth > 2) return structuredClone(random.pick(oddValues));
  if (roll < 8) return Array.from({ length: random.below(3) }, () => randomValue(random, depth + 1));
  return { [random.pick(knownKeys)]: randomValue(random, depth + 1) };
}

function mutateOnce(root: { value: Json }, random: Random): void {
  const slots = collect(root);
  const slot = random.pick(slots);
  switch (random.below(6)) {
    case 0:
    case 1:
      slot.set(randomValue(random));
      return;
    case 2:
      if (slot.remove) slot.remove();
      else slot.set(randomValue(random));
      return;
    case 3: {
      const objects = slots.filter((candidate) => candidate.value !== null && typeof candidate.value === "object" && !Array.isArray(candidate.value));
      if (objects.length === 0) {
        slot.set(randomValue(random));
        return;
      }
      const target = random.pick(objects).value as { [key: string]: Json };
      target[random.pick(knownKeys)] = randomValue(random);
      return;
    }
    case 4:
      slot.set(random.below(2) === 0 ? [slot.value] : { value: slot.value });
      return;
    default:
      if (typeof slot.value === "string") slot.set(random.pick(["", slot.value.repeat(50), `${slot.value}\u0000`, "\u00ff\u00fe"]));
      else if (typeof slot.value === "number") slot.set(random.pick([-slot.value, slot.value * 1e12, 0.000001, -0]));
      else slot.set(String(JSON.stringify(slot.value) ?? "null"));
  }
}

/** 1 to 3 mutations of a deep copy of `body`. */
export function mutateJson(body: unknown, random: Random): unknown {
  const root = { value: structuredClone(body) as Json };
  const count = 1 + random.below(3);
  for (let index = 0; index < count; index++) mutateOnce(root, random);
  return root.value;
}
