import { describe, expect, it } from 'vitest';
import {
  conversationIdOf,
  parseConversationId,
  type SlackConversation,
} from '../../../../bot/slack/conversation.js';

describe('Slack conversation ids', () => {
  it.each<[SlackConversation, string]>([
    [
      { kind: 'thread', team: 'T1', channel: 'C1', threadTs: '1700000000.000100' },
      'slack:T1:C1:1700000000.000100',
    ],
    [{ kind: 'dm', team: 'T1', channel: 'D1' }, 'slack:T1:D1'],
    [{ kind: 'private', team: 'T1', channel: 'C1', user: 'U1' }, 'slack:T1:C1:private:U1'],
  ])('writes and reads %o', (conversation, id) => {
    expect(conversationIdOf(conversation)).toBe(id);
    expect(parseConversationId(id)).toEqual(conversation);
  });

  it.each([
    '',
    'discord:1:2',
    'slack:T1',
    'slack:t1:C1',
    'slack:T1:C1:notats',
    'slack:T1:C1:private:',
    'slack:T1:C1:1.2:x',
  ])('rejects %j', (id) => {
    expect(parseConversationId(id)).toBeUndefined();
  });
});
