import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ResponseUrlPost {
  id: string;
  body: { response_type?: string; replace_original?: boolean; text?: string; blocks?: unknown[] };
}

/**
 * A loopback receiver for `response_url`s (`http://127.0.0.1:<port>/respond/<id>`). Like Slack's, a url takes at
 * most 5 posts (then answers 404 `used_url`), and an expired one answers 404 `expired_url`.
 */
export class FakeResponseUrls {
  readonly posts: ResponseUrlPost[] = [];
  private readonly expired = new Set<string>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeResponseUrls> {
    const server = createServer();
    const fake = new FakeResponseUrls(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const id = (req.url ?? '').replace(/^\/respond\//, '');
        const uses = fake.posts.filter((p) => p.id === id).length;
        if (fake.expired.has(id) || uses >= 5) {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end(fake.expired.has(id) ? 'expired_url' : 'used_url');
          return;
        }
        fake.posts.push({
          id,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ResponseUrlPost['body'],
        });
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  urlFor(id: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/respond/${id}`;
  }

  expire(id: string): void {
    this.expired.add(id);
  }

  postsTo(id: string): ResponseUrlPost[] {
    return this.posts.filter((p) => p.id === id);
  }

  async waitFor(id: string, count = 1, timeoutMs = 10_000): Promise<ResponseUrlPost[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.postsTo(id).length < count) {
      if (Date.now() > deadline) throw new Error(`FakeResponseUrls: no post to ${id} in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.postsTo(id);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
