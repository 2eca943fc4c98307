/**
 * Slack conversation ids: one conversation per thread, per DM, or per person's private (ephemeral) exchange in a
 * channel. The id says where the conversation lives, so a button press can be routed back to it.
 */
export type SlackConversation =
  | { kind: 'thread'; team: string; channel: string; threadTs: string }
  | { kind: 'dm'; team: string; channel: string }
  | { kind: 'private'; team: string; channel: string; user: string };

const ID = /^[A-Z0-9]{1,40}$/;
const TS = /^\d{1,12}\.\d{1,8}$/;

export function conversationIdOf(c: SlackConversation): string {
  switch (c.kind) {
    case 'thread':
      return `slack:${c.team}:${c.channel}:${c.threadTs}`;
    case 'dm':
      return `slack:${c.team}:${c.channel}`;
    case 'private':
      return `slack:${c.team}:${c.channel}:private:${c.user}`;
  }
}

/** The conversation an id names, or undefined when it is not a well-formed Slack conversation id. */
export function parseConversationId(id: string): SlackConversation | undefined {
  const parts = id.split(':');
  if (parts[0] !== 'slack') return undefined;
  const [, team = '', channel = ''] = parts;
  if (!ID.test(team) || !ID.test(channel)) return undefined;
  if (parts.length === 3) return { kind: 'dm', team, channel };
  if (parts.length === 4 && TS.test(parts[3]!)) return { kind: 'thread', team, channel, threadTs: parts[3]! };
  if (parts.length === 5 && parts[3] === 'private' && ID.test(parts[4]!))
    return { kind: 'private', team, channel, user: parts[4]! };
  return undefined;
}
