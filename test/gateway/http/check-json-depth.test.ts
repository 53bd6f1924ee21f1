import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidRequestError } from "../../../src/core/errors.ts";
import { checkJsonDepth } from "../../../src/gateway/http/check-json-depth.ts";

const bytes = (text: string): Uint8Array => Buffer.from(text, "utf8");

test("nesting up to the limit passes; one level more is the caller's error", () => {
  checkJsonDepth(bytes(`${"[".repeat(4)}${"]".repeat(4)}`), 4);
  assert.throws(() => checkJsonDepth(bytes(`${"[".repeat(5)}${"]".repeat(5)}`), 4), InvalidRequestError);
  assert.throws(() => checkJsonDepth(bytes(`{"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`)), /deeper than 256 levels/);
});

test("brackets inside strings, escaped quotes included, do not count", () => {
  checkJsonDepth(bytes(JSON.stringify({ text: "[[[[[[{{{{{{", quoted: '\\"[[[[[[', tail: "\\" })), 2);
  assert.throws(() => checkJsonDepth(bytes(JSON.stringify({ text: "\\", deep: [[[]]] })), 3), InvalidRequestError);
});
