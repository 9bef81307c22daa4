import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { useBotHarness } from "../bot/harness.js";

const harness = useBotHarness();
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("secrets", () => {
  it("GIVEN Discord failing the answer's edit until discord.js gives up WHEN the error is logged with its request URL THEN neither the bot token nor the interaction token is in any log line", async () => {
    const h = await harness.start();
    h.standin.failNext({ method: "PATCH", path: "/webhooks/:appId/:token/messages/:messageId", status: 500, times: 4 });

    const id = h.standin.sendSlashCommand({ name: "ask", options: { question: "How many North Korean soldiers were sent to Kursk?" } });
    await h.standin.waitForInteractionResponse(id, { until: (r) => r.followups.length > 0, timeoutMs: 15_000 });

    const interactionToken = h.standin.requests.find((r) => r.route === "/interactions/:interactionId/:token/callback")!.path.split("/")[3]!;
    const failure = h.rawLogs.find((line) => line.includes('"interaction failed"'));
    expect(failure).toContain("/webhooks/");
    expect(failure).toContain("[redacted]");
    for (const line of h.rawLogs) {
      expect(line).not.toContain(interactionToken);
      expect(line).not.toContain(h.standin.token);
    }
  });

  it("GIVEN the repository WHEN git decides what to track THEN .env and the data and index folders are ignored", () => {
    for (const file of [".env", "data/sitrep.db", ".sitrep/index/manifest.json"]) {
      expect(() => execFileSync("git", ["check-ignore", "--quiet", "--no-index", file], { cwd: ROOT }), file).not.toThrow();
    }
  });
});
