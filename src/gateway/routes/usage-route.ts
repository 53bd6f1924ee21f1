/**
 * @module
 * `GET /usage?period=1h|24h|7d|30d|all|SINCE..UNTIL&group_by=model|provider|key|gateway-key|route-mode|day`
 * (admin): the usage store's summary rows as JSON, or with `format=table` the same plain-text
 * table `llmux usage` prints. Defaults: the last 24 hours, grouped by model.
 */
import { InvalidRequestError, NotFoundError } from "../../core/errors.ts";
import { formatUsageTable, parseUsageGroupBy, parseUsagePeriod } from "../../usage/index.ts";
import type { Handler } from "../context.ts";
import { sendJson, sendText } from "../http/respond.ts";

const formats = ["json", "table"] as const;

export const usageRoute: Handler = async function usage(_request, response, context, runtime) {
  const query = context.url.searchParams;
  // Read the query first: a bad value is the caller's mistake whether or not usage is on.
  const periodText = query.get("period") || "24h";
  const groupByText = query.get("group_by") || query.get("groupBy") || "model";
  const period = parseUsagePeriod(periodText);
  const groupBy = parseUsageGroupBy(groupByText);
  const format = query.get("format") || "json";
  if (!(formats as readonly string[]).includes(format)) {
    throw new InvalidRequestError(`Unknown format "${format}". Use json or table.`, { param: "format" });
  }
  if (!runtime.usage) {
    throw new NotFoundError("Usage recording is off in this gateway (usage.enabled: false), so there is no usage to show.");
  }
  const rows = await runtime.usage.summarize({ period, groupBy });
  if (format === "table") {
    sendText(response, 200, `${formatUsageTable(rows, { groupLabel: groupBy.toUpperCase() })}\n`, "text/plain; charset=utf-8", { "x-request-id": context.requestId });
    return;
  }
  sendJson(response, 200, { period: periodText, groupBy, rows }, { "x-request-id": context.requestId });
};
