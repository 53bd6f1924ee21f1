/**
 * @module
 * The four separate upstream timeouts. They fail differently: no connection is a
 * `connection` failure (the upstream was never reached); the others are `timeout`s.
 */

export interface UpstreamTimeouts {
  /** TCP (and TLS) connection establishment. */
  connectMs: number;
  /** Request sent → response headers. For a non-streaming call this spans the whole generation. */
  firstByteMs: number;
  /** Longest silence between two body chunks. */
  idleMs: number;
  /** Whole exchange, headers and body, from the call to the last byte. */
  totalMs: number;
}

export const defaultTimeouts: Readonly<UpstreamTimeouts> = {
  connectMs: 10_000,
  firstByteMs: 120_000,
  idleMs: 60_000,
  totalMs: 600_000,
};

export function resolveTimeouts(timeouts: Partial<UpstreamTimeouts> | undefined): UpstreamTimeouts {
  return { ...defaultTimeouts, ...timeouts };
}
