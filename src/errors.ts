/** Codes for mistakes a user can fix; every adapter (CLI, Discord) turns them into a friendly message, never a stack. */
export type UserErrorCode =
  | "EMPTY_QUESTION"
  | "QUESTION_TOO_LONG"
  | "BAD_OPTION"
  | "UNKNOWN_DOCUMENT"
  | "UNKNOWN_PARAGRAPH"
  | "RATE_LIMITED"
  | "NOT_ALLOWED"
  | "BAD_CONFIG"
  | "TOKEN_REJECTED"
  | "INTENTS_REJECTED"
  | "DISCORD_UNREACHABLE"
  | "UNKNOWN_COMMAND"
  | "UNKNOWN_ANSWER"
  | "THREAD_UNAVAILABLE"
  | "NO_BRIEFING"
  | "CHANNEL_UNAVAILABLE"
  | "BAD_FILE"
  | "MODEL_UNAVAILABLE"
  | "BAD_DATA_DIR"
  | "DATABASE_UNREADABLE";

export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    readonly code: UserErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
