import { describe, expect, it } from "vitest";
import { limitProblems } from "../../../src/bot/limits.js";
import { renderSearch } from "../../../src/bot/render/search.js";
import { hit, TITLE } from "./fixtures.js";

describe("renderSearch", () => {
  it("GIVEN hits WHEN rendered THEN each is a field with rank, place and score, and its text as the value", () => {
    const message = renderSearch("Kursk", [hit(1, "Soldiers were sent to Kursk."), { ...hit(4, "Choe Son Hui spoke."), score: 0.5 }]);

    expect(message.embeds[0]?.fields).toEqual([
      { name: `1. ${TITLE}, ¶1 · score 0.900`, value: "Soldiers were sent to Kursk." },
      { name: `2. ${TITLE}, ¶4 · score 0.500`, value: "Choe Son Hui spoke." },
    ]);
  });

  it("GIVEN no hits WHEN rendered THEN it says nothing matched", () => {
    expect(renderSearch("zzz", []).embeds[0]?.description).toBe("**Query:** zzz\n\nNo passage matches.");
  });

  it("GIVEN ten long passages with long titles WHEN rendered THEN every hit is kept, excerpts shortened to fit the message", () => {
    const hits = Array.from({ length: 10 }, (_, i) => hit(i + 1, "A long sentence in the passage. ".repeat(80), "T".repeat(400)));

    const message = renderSearch("q".repeat(1000), hits);

    expect(limitProblems(message)).toEqual([]);
    expect(message.embeds[0]?.fields).toHaveLength(10);
  });
});
