/**
 * @module
 * Prints one routed answer for `chat` and `vision`: the text on stdout (as it arrives when
 * streaming), the route summary on stderr. A stream that breaks after it started ends with
 * a clear message and exit 1, never as if the answer were complete.
 */
import type { RouteInput } from "../routing/input.ts";
import type { RouteResponse } from "../routing/route-response.ts";
import type { RouteOptions, Router } from "../routing/router.ts";
import type { CommandContext, ExitCode } from "./command.ts";
import { formatRouteSummary } from "./format-route-summary.ts";

/** The answer of one routed request, as `chat` and `vision` print it. */
export async function printRoutedAnswer(options: { router: Router; input: RouteInput; routeOptions: RouteOptions; stream: boolean; context: CommandContext }): Promise<ExitCode> {
  const { router, input, routeOptions, context } = options;
  if (!options.stream) {
    const response = await router.route(input, routeOptions);
    context.stdout.write(`${response.content}\n`);
    context.stderr.write(`${formatRouteSummary(response)}\n`);
    return 0;
  }
  let route: RouteResponse | undefined;
  let broken = false;
  for await (const event of router.stream(input, routeOptions)) {
    if (event.type === "text-delta") context.stdout.write(event.text);
    else if (event.type === "error") {
      broken = true;
      context.stdout.write("\n");
      context.stderr.write(`llmux: the stream broke after the answer had started: ${event.error.message}\n`);
    } else if (event.type === "route") route = event.response;
  }
  if (!broken) context.stdout.write("\n");
  if (route) context.stderr.write(`${formatRouteSummary(route)}\n`);
  return broken ? 1 : 0;
}
