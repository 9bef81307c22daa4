import { DiscordAPIError, DiscordjsError, DiscordjsErrorCodes } from "discord.js";
import { UserError } from "../errors.js";

const TOKEN_FIX = "copy a fresh token from https://discord.com/developers/applications → your application → Bot → Reset Token into DISCORD_TOKEN";

function networkCause(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const cause = (error as { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown }).code;
  if (typeof code === "string" && /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
  return error.message === "fetch failed" ? "fetch failed" : undefined;
}

/**
 * Turns what discord.js throws while connecting into a message an operator can act on; anything unrecognised is
 * returned unchanged, to be reported as an internal error.
 */
export function explainDiscordError(error: unknown, apiUrl: string): unknown {
  const rejectedToken =
    (error instanceof DiscordjsError && error.code === DiscordjsErrorCodes.TokenInvalid) ||
    (error instanceof DiscordAPIError && error.status === 401);
  if (rejectedToken) return new UserError("TOKEN_REJECTED", `Discord rejected the token: ${TOKEN_FIX}.`);
  if (error instanceof Error && error.message === "Used disallowed intents") {
    return new UserError(
      "INTENTS_REJECTED",
      "Discord refused a privileged intent the bot asked for: enable it under Bot → Privileged Gateway Intents in the Developer Portal.",
    );
  }
  const cause = networkCause(error);
  if (cause !== undefined) {
    return new UserError("DISCORD_UNREACHABLE", `could not reach Discord at ${apiUrl} (${cause}): check the network, or DISCORD_API_URL.`);
  }
  return error;
}
