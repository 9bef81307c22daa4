import { describe, expect, it } from "vitest";
import { runLoad } from "../../bench/load-run.js";

describe("the bot under a burst of /ask", () => {
  // The stand-in refuses acknowledgements later than Discord's 3 s (10062 Unknown interaction), so "acknowledged" here
  // means acknowledged in time. The full run (200 at once, then 20/s for 60 s) is `npm run bench:load`.
  it("GIVEN 50 /ask from 50 users at the same moment WHEN the bot serves them THEN each is acknowledged within 3 s and answered exactly once", async () => {
    const result = await runLoad({ burst: 50, rate: 1, seconds: 0 });

    expect(result.sent).toBe(50);
    expect(result.errors).toEqual([]);
    expect(result.lateAcks).toBe(0);
    expect(result.unanswered).toBe(0);
    expect(result.answeredTwice).toBe(0);
    expect(result.notAnAnswer).toBe(0);
    expect(result.ack.max).toBeLessThanOrEqual(3000);
  }, 120_000);
});
