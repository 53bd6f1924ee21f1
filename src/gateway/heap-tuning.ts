/**
 * @module
 * The V8 settings the gateway makes for its own process at start. A gateway's heap is many
 * short-lived requests in flight at once, and two of V8's defaults suit it badly.
 */
import { setFlagsFromString } from "node:v8";

/**
 * - Allocation-site pretenuring is off. Once most objects from one literal survive a minor GC,
 *   V8 allocates the rest straight into the old generation. A request's bookkeeping is such
 *   a literal: it lives as long as the request. In the old generation it points at the
 *   request's young objects, and every minor GC keeps those alive and promotes them, until a
 *   full GC finds them dead. Measured at 64 concurrent requests: a sixth of the young
 *   generation was promoted at every minor GC, and minor GC pauses took 3.8 ms instead of 0.9;
 *   with pretenuring off, almost nothing is promoted and full GCs become rare.
 * - `server.memory: lean` caps how far the heap may grow past what is live after a full GC
 *   (V8 allows up to 4× for speed; lean allows 1.3×). With little promoted, that costs a few
 *   more full GCs (about 1% of CPU at 64 concurrent requests) and keeps peak RSS near
 *   140 MiB instead of 185 (docs/performance.md). `throughput` leaves it to V8, or to the
 *   command line.
 *
 * Both are read by the GC as it runs, so setting them at start (before any request) works
 * like passing them on the command line.
 */
export function tuneHeap(memory: "throughput" | "lean"): void {
  setFlagsFromString("--no-allocation-site-pretenuring");
  if (memory === "lean") setFlagsFromString("--heap-growing-percent=30");
}
