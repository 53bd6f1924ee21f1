import assert from "node:assert/strict";
import { test } from "node:test";
import { dropStreamOptions } from "../../../src/providers/hooks/drop-stream-options.ts";
import { hookContext } from "./context.ts";

const drop = dropStreamOptions.body!;

test("stream_options is removed, stream stays", () => {
  const body = { model: "mistral-small-latest", stream: true, stream_options: { include_usage: true } };
  assert.deepEqual(drop(body, hookContext({ stream: true })), { model: "mistral-small-latest", stream: true });
  assert.deepEqual(body.stream_options, { include_usage: true });
});

test("a body without stream_options is returned as is", () => {
  const body = { stream: false };
  assert.equal(drop(body, hookContext()), body);
});
