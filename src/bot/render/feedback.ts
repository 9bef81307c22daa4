import type { Vote, VoteOutcome } from "../feedback-store.js";

const EMOJI: Record<Vote, string> = { up: "👍", down: "👎" };

/** The private acknowledgement of a 👍/👎 press. */
export function voteAcknowledgement(vote: Vote, outcome: VoteOutcome): string {
  switch (outcome) {
    case "recorded":
      return `Thanks, your ${EMOJI[vote]} is recorded. It helps the team see which answers work.`;
    case "changed":
      return `Changed your vote on this answer to ${EMOJI[vote]}.`;
    case "unchanged":
      return `You already voted ${EMOJI[vote]} on this answer; each person's vote counts once.`;
  }
}
