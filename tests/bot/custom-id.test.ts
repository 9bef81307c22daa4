import { describe, expect, it } from "vitest";
import { customId, parseCustomId } from "../../src/bot/custom-id.js";

describe("custom ids", () => {
  it("GIVEN a command and arguments WHEN built and parsed THEN the command and arguments come back", () => {
    const id = customId("ask", "up", "abc123");

    expect(id).toBe("ask:up:abc123");
    expect(parseCustomId(id)).toEqual({ command: "ask", args: ["up", "abc123"] });
  });

  it("GIVEN more than Discord's 100 characters WHEN built THEN it throws instead of sending a button Discord would reject", () => {
    expect(() => customId("sources", "page", 1, "x".repeat(100))).toThrow(/longer than 100/);
  });
});
