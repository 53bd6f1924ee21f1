/**
 * @module
 * The Node flags llmux's gateway runs with, as `npm start` passes them: a young generation of
 * at most 8 MiB per semi-space. Under load V8 otherwise grows it to 64 MiB or more, which
 * roughly doubles the peak RSS for no gain in throughput.
 */
export const llmuxRuntimeFlags: readonly string[] = ["--max-semi-space-size=8"];
