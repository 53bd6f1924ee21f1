/**
 * @module
 * `route()`: the one-call face of the library, over a Router built lazily from the
 * environment and shared by every call in the process (so health state is shared too).
 */
import type { RouteInput } from "./input.ts";
import type { RouteResponse } from "./route-response.ts";
import { Router, type RouteOptions, type RouterStreamEvent } from "./router.ts";

let sharedRouter: Router | undefined;

/** The process-wide router `route()` uses; configure it once with `setDefaultRouter`. */
export function defaultRouter(): Router {
  sharedRouter ??= new Router();
  return sharedRouter;
}

export function setDefaultRouter(router: Router): void {
  sharedRouter = router;
}

export function route(input: RouteInput, options: RouteOptions = {}): Promise<RouteResponse> {
  return defaultRouter().route(input, options);
}

export function stream(input: RouteInput, options: RouteOptions = {}): AsyncGenerator<RouterStreamEvent> {
  return defaultRouter().stream(input, options);
}
