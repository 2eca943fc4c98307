import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback server speaking Groq's OpenAI-compatible chat-completions API (`POST /openai/v1/chat/completions`,
 * the path groq-sdk appends to its base URL). Each request is answered by the next scripted step, or by the
 * default script when the queue is empty. Steps can return tool calls (with raw argument strings for
 * malformed JSON), text, HTTP errors with headers (429 + retry-after, 500), delays and unparsable bodies.
 */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string | null;
  tool_calls?: { id: string; type: 'function'; function: { name: string; arguments: string } }[];
  tool_call_id?: string;
  name?: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  tools?: { type: 'function'; function: { name: string; description?: string; parameters: unknown } }[];
  tool_choice?: unknown;
  max_tokens?: number;
  temperature?: number;
}

export interface RecordedRequest {
  body: ChatRequest;
  headers: IncomingMessage['headers'];
  at: number;
}

export type Step =
  | {
      kind: 'tool_calls';
      calls: { name: string; args: unknown; id?: string }[];
      content?: string;
      usage?: Usage;
    }
  | { kind: 'text'; content: string; usage?: Usage }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'garbage'; body: string };

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

/** A step, or a function computing it from the request (a tiny scripted "model"). */
export type Scripted = Step | ((request: ChatRequest) => Step);

export interface FakeGroqOptions {
  /** Delay before answering every request (simulated model time). */
  latencyMs?: number;
  /** Answers requests when the queue is empty. Default: a 500 saying the script ran out. */
  fallback?: (request: ChatRequest) => Step;
}

let ids = 0;

/** A tool call; `args` as a string is sent verbatim (for malformed JSON). */
export function toolCall(name: string, args: unknown): Step {
  return { kind: 'tool_calls', calls: [{ name, args }] };
}

/** The agent's structured final answer (the `respond` tool). */
export function respond(reply: string, trackIds: string[] = []): Step {
  return toolCall('respond', { reply, track_ids: trackIds });
}

export function text(content: string): Step {
  return { kind: 'text', content };
}

export function status(code: number, headers: Record<string, string> = {}, body?: string): Step {
  return { kind: 'status', status: code, headers, ...(body !== undefined ? { body } : {}) };
}

/** Track ids listed in tool results (`[id]` lines), newest tool message first. */
export function toolResultIds(request: ChatRequest): string[] {
  const tools = request.messages.filter((m) => m.role === 'tool').reverse();
  for (const m of tools) {
    const found = [...(m.content ?? '').matchAll(/^\d+\. \[([^\]]+)\]/gm)].map((x) => x[1]!);
    if (found.length > 0) return found;
  }
  return [];
}

/** The last message's role and, for tool results, which tool produced it. */
export function lastTurn(request: ChatRequest): { role: string; tool?: string } {
  const last = request.messages.at(-1);
  if (!last) return { role: 'none' };
  if (last.role !== 'tool') return { role: last.role };
  const call = request.messages.flatMap((m) => m.tool_calls ?? []).find((c) => c.id === last.tool_call_id);
  return { role: 'tool', ...(call ? { tool: call.function.name } : {}) };
}

/** The forced function name when the client asks for structured output via tool_choice. */
export function forcedFunction(request: ChatRequest): string | undefined {
  const choice = request.tool_choice as { type?: string; function?: { name?: string } } | undefined;
  return choice?.type === 'function' ? choice.function?.name : undefined;
}

export class FakeGroqServer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: Scripted[] = [];
  private server = createServer((req, res) => void this.handle(req, res));
  latencyMs: number;
  fallback: ((request: ChatRequest) => Step) | undefined;
  private inFlight = 0;
  /** Most requests in flight at once. */
  maxInFlight = 0;

  constructor(options: FakeGroqOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.fallback = options.fallback;
  }

  /** Base URL to give ChatGroq (`baseUrl`) or groq-sdk (`baseURL`). */
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  enqueue(...steps: Scripted[]): this {
    this.queue.push(...steps);
    return this;
  }

  /** Steps not yet consumed. */
  get pending(): number {
    return this.queue.length;
  }

  reset(): void {
    this.queue.length = 0;
    this.requests.length = 0;
    this.maxInFlight = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      if (req.method !== 'POST' || req.url !== '/openai/v1/chat/completions') {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `unknown route ${req.method} ${req.url}` } }));
        return;
      }
      if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'Invalid API Key', type: 'invalid_request_error' } }));
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
      this.requests.push({ body, headers: req.headers, at: Date.now() });
      const next = this.queue.shift();
      const step: Step =
        next === undefined
          ? (this.fallback?.(body) ??
            status(500, {}, JSON.stringify({ error: { message: 'fake groq: script exhausted' } })))
          : typeof next === 'function'
            ? next(body)
            : next;
      if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
      if (res.destroyed) return;
      this.write(res, body, step);
    } finally {
      this.inFlight--;
    }
  }

  private write(res: ServerResponse, request: ChatRequest, step: Step): void {
    if (step.kind === 'status') {
      res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers });
      res.end(step.body ?? JSON.stringify({ error: { message: `fake status ${step.status}` } }));
      return;
    }
    if (step.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(step.body);
      return;
    }
    const promptChars = JSON.stringify(request.messages).length + JSON.stringify(request.tools ?? []).length;
    const usage = step.usage ?? { prompt_tokens: Math.ceil(promptChars / 4), completion_tokens: 40 };
    const message =
      step.kind === 'text'
        ? { role: 'assistant', content: step.content }
        : {
            role: 'assistant',
            content: step.content ?? null,
            tool_calls: step.calls.map((c) => ({
              id: c.id ?? `call_${++ids}`,
              type: 'function',
              function: {
                name: c.name,
                arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args),
              },
            })),
          };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${++ids}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [
          {
            index: 0,
            message,
            finish_reason: step.kind === 'text' ? 'stop' : 'tool_calls',
            logprobs: null,
          },
        ],
        usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
        x_groq: { id: `req_${ids}` },
      }),
    );
  }
}

export async function startFakeGroq(options: FakeGroqOptions = {}): Promise<FakeGroqServer> {
  return new FakeGroqServer(options).start();
}
