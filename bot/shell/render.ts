import type { Reply } from '../../agents/types.js';

export interface ShellStyle {
  /** ANSI colours (interactive terminals only). */
  color: boolean;
}

const paint = (on: boolean, code: string, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);

/** A reply as terminal text: the message, then one block per song (rank, title — artist, link, why). */
export function renderReply(reply: Reply, style: ShellStyle): string {
  const lines: string[] = [reply.text];
  for (const card of reply.tracks) {
    lines.push(
      `${paint(style.color, '1', `${card.rank}. ${card.title} — ${card.artists.join(', ')}`)}${card.year ? paint(style.color, '2', ` (${card.year})`) : ''}`,
      `   ${paint(style.color, '36', card.spotifyUrl)}`,
      `   ${paint(style.color, '2', card.why)}`,
    );
  }
  if (reply.tracks.length > 0) {
    lines.push(
      paint(
        style.color,
        '2',
        'Say "more", "less sad", "only Spanish", "more like the 2nd", "why the 3rd?" or "start over".',
      ),
    );
  }
  return lines.join('\n');
}
