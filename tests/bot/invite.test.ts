import { describe, expect, it } from "vitest";
import { BOT_PERMISSIONS, inviteUrl } from "../../src/bot/invite.js";

describe("inviteUrl", () => {
  it("GIVEN an application id WHEN the invite URL is built THEN it asks for the bot and commands scopes and the documented permissions", () => {
    // The README's invite URL carries this number: change both together.
    expect(BOT_PERMISSIONS).toBe(377957207040n);
    expect(inviteUrl("123456789012345678")).toBe(
      "https://discord.com/oauth2/authorize?client_id=123456789012345678&scope=bot+applications.commands&permissions=377957207040",
    );
  });
});
