/** What `/moodtune <text>` asks for. Anything that is not a subcommand is a feeling. */
export type SlackCommand =
  | { type: 'help'; empty: boolean }
  | { type: 'feeling'; text: string }
  | { type: 'private'; text: string }
  | { type: 'link'; service: string | undefined; user: string | undefined }
  | { type: 'unlink' }
  | { type: 'status' }
  | { type: 'unknown'; word: string };

/**
 * Single words that read like a command rather than a feeling ("/moodtune settings"). A one-word feeling
 * ("/moodtune sad") must still be a feeling, so this list stays short and explicit.
 */
const COMMAND_LIKE = new Set([
  'about',
  'admin',
  'config',
  'configure',
  'delete',
  'login',
  'logout',
  'settings',
  'setup',
  'subscribe',
  'unsubscribe',
  'version',
]);

export function parseCommand(raw: string): SlackCommand {
  const text = raw.trim();
  if (text === '') return { type: 'help', empty: true };
  const [first = '', ...rest] = text.split(/\s+/);
  const word = first.toLowerCase();
  const remainder = text.slice(first.length).trim();
  switch (word) {
    case 'help':
    case '?':
      return rest.length === 0 ? { type: 'help', empty: false } : { type: 'feeling', text };
    case 'private':
      return { type: 'private', text: remainder };
    case 'link':
      return { type: 'link', service: rest[0]?.toLowerCase(), user: rest[1] };
    case 'unlink':
      return rest.length === 0 ? { type: 'unlink' } : { type: 'feeling', text };
    case 'status':
      return rest.length === 0 ? { type: 'status' } : { type: 'feeling', text };
  }
  if (/^[-/]/.test(word)) return { type: 'unknown', word: first };
  if (rest.length === 0 && COMMAND_LIKE.has(word)) return { type: 'unknown', word: first };
  return { type: 'feeling', text };
}
