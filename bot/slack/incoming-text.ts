/**
 * Slack message text → what the person typed: mentions of the bot removed, links and channel/user references
 * reduced to their labels, and Slack's three escaped characters restored.
 */
export function plainTextOf(slackText: string, botUserId: string | undefined): string {
  return slackText
    .replace(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => (id === botUserId ? '' : '@someone'))
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, (_m, name: string) => `#${name}`)
    .replace(/<!(?:here|channel|everyone)[^>]*>/g, '')
    .replace(/<([^|>]+)\|([^>]+)>/g, (_m, _url: string, label: string) => label)
    .replace(/<([^>]+)>/g, (_m, inner: string) => inner)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

/** Whether the text mentions this bot (the app_mention listener answers those, not the message listener). */
export function mentionsUser(slackText: string, userId: string | undefined): boolean {
  return userId !== undefined && slackText.includes(`<@${userId}`);
}
