import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for Mistral's API on 127.0.0.1, spoken to by the real
 * `@mistralai/mistralai` SDK (its `serverURL` pointed here). It answers the
 * full shapes the SDK validates: chat completions (`id, object, model,
 * created, usage, choices`), stream chunks (`id, model, choices`) ending with
 * `data: [DONE]`, embeddings and moderation. Each test programs the next
 * replies with `enqueue`; without a programmed reply, chat answers `defaultReply`.
 */
export type FakeMistralReply =
  | { kind: 'content'; content: string; promptTokens?: number; completionTokens?: number; delayMs?: number }
  | { kind: 'status'; status: number; body?: unknown; retryAfterSeconds?: number }
  | { kind: 'delay'; ms: number; content?: string }
  /** A 200 whose body is not JSON at all (the SDK cannot parse it). */
  | { kind: 'garbage' }
  /** A stream that sends `chunks` then drops the connection without `[DONE]`. */
  | { kind: 'cut-stream'; chunks: string[] }
  /** Never answers (the connection stays open until the client gives up or the fake closes). */
  | { kind: 'hang' };

export interface FakeMistralRequest {
  path: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
}

export interface FakeMistral {
  url: string;
  /** Every request received, in order. */
  requests: FakeMistralRequest[];
  /** Replies for the next chat requests (streamed or not), used first in, first out. */
  enqueue(...replies: FakeMistralReply[]): void;
  /** Replies for the next embedding requests (only `status` is meaningful there); without one, embeddings answer normally. */
  enqueueEmbedding(...replies: Array<Extract<FakeMistralReply, { kind: 'status' }>>): void;
  /** Every embedding request answers this status while set (a lasting outage), after the enqueued ones. */
  embeddingOutage: number | null;
  embeddingRequests(): FakeMistralRequest[];
  /** The vector the embeddings endpoint returns for a text (default: fakeEmbedding, a hashed bag of words). */
  embedText: (text: string) => number[];
  /** Answer for chat requests when nothing is enqueued (JSON or text). */
  defaultReply: (request: FakeMistralRequest) => string;
  /** Categories the moderation endpoint reports as flagged for a text (default: none). */
  moderate: (text: string) => string[];
  chatRequests(): FakeMistralRequest[];
  reset(): void;
  close(): Promise<void>;
}

const MODERATION_CATEGORIES = [
  'sexual',
  'hate_and_discrimination',
  'violence_and_threats',
  'dangerous_and_criminal_content',
  'selfharm',
  'health',
  'financial',
  'law',
  'pii',
];
const EMBEDDING_DIMENSIONS = 16;

export async function startFakeMistral(): Promise<FakeMistral> {
  let queue: FakeMistralReply[] = [];
  let embeddingQueue: Array<Extract<FakeMistralReply, { kind: 'status' }>> = [];
  const state: FakeMistral = {
    url: '',
    requests: [],
    enqueue: (...replies) => void queue.push(...replies),
    enqueueEmbedding: (...replies) => void embeddingQueue.push(...replies),
    embeddingOutage: null,
    embeddingRequests: () => state.requests.filter((r) => r.path === '/v1/embeddings'),
    embedText: (text) => fakeEmbedding(text),
    defaultReply: () => '{}',
    moderate: () => [],
    chatRequests: () => state.requests.filter((r) => r.path === '/v1/chat/completions'),
    reset: () => {
      queue = [];
      embeddingQueue = [];
      state.embeddingOutage = null;
      state.embedText = (text) => fakeEmbedding(text);
      state.requests.length = 0;
      state.defaultReply = () => '{}';
      state.moderate = () => [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const sockets = new Set<import('node:net').Socket>();

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        body = {};
      }
      const request: FakeMistralRequest = { path: (req.url ?? '').split('?')[0], body, authorization: req.headers.authorization };
      state.requests.push(request);
      void answer(req, res, request).catch(() => res.destroy());
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function answer(_req: IncomingMessage, res: ServerResponse, request: FakeMistralRequest): Promise<void> {
    const model = typeof request.body.model === 'string' ? request.body.model : 'unknown-model';
    if (request.path === '/v1/embeddings') {
      const failure = embeddingQueue.shift() ?? (state.embeddingOutage !== null ? { kind: 'status' as const, status: state.embeddingOutage } : undefined);
      if (failure)
        return json(
          res,
          failure.status,
          failure.body ?? { object: 'error', message: `fake status ${failure.status}`, type: 'fake', code: String(failure.status) },
        );
      return json(res, 200, embeddings(request.body, model, state.embedText));
    }
    if (request.path === '/v1/moderations') return json(res, 200, moderation(request.body, model, state.moderate));
    if (request.path !== '/v1/chat/completions') return json(res, 404, { message: 'not found' });

    const reply = queue.shift() ?? { kind: 'content', content: state.defaultReply(request) };
    const stream = request.body.stream === true;
    switch (reply.kind) {
      case 'status':
        if (reply.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(reply.retryAfterSeconds));
        return json(res, reply.status, reply.body ?? { object: 'error', message: `fake status ${reply.status}`, type: 'fake', code: String(reply.status) });
      case 'hang':
        return;
      case 'garbage':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "cmpl-broken", "choices": [');
        return;
      case 'delay':
        await sleep(reply.ms);
        if (res.destroyed || res.socket?.destroyed) return;
        return stream ? streamContent(res, model, reply.content ?? '{}', true) : json(res, 200, completion(model, reply.content ?? '{}', 10, 10));
      case 'cut-stream':
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const [i, text] of reply.chunks.entries()) res.write(`data: ${JSON.stringify(chunk(model, text, i === 0, null))}\n\n`);
        await sleep(20);
        res.socket?.destroy();
        return;
      case 'content':
        if (reply.delayMs) await sleep(reply.delayMs);
        if (stream) return streamContent(res, model, reply.content, true, reply.promptTokens, reply.completionTokens);
        return json(res, 200, completion(model, reply.content, reply.promptTokens ?? tokens(request), reply.completionTokens ?? approxTokens(reply.content)));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = state.close;
  state.close = async () => {
    for (const socket of sockets) socket.destroy();
    await close();
  };
  return state;
}

function streamContent(res: ServerResponse, model: string, content: string, done: boolean, promptTokens = 12, completionTokens?: number): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const pieces = content.match(/.{1,8}/gs) ?? [''];
  pieces.forEach((piece, i) => res.write(`data: ${JSON.stringify(chunk(model, piece, i === 0, null))}\n\n`));
  const usage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens ?? approxTokens(content),
    total_tokens: promptTokens + (completionTokens ?? approxTokens(content)),
  };
  res.write(`data: ${JSON.stringify({ ...chunk(model, '', false, 'stop'), usage })}\n\n`);
  if (done) res.write('data: [DONE]\n\n');
  res.end();
}

function chunk(model: string, content: string, first: boolean, finishReason: string | null) {
  return {
    id: 'cmpl-fake-stream',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, delta: first ? { role: 'assistant', content } : { content }, finish_reason: finishReason }],
  };
}

function completion(model: string, content: string, promptTokens: number, completionTokens: number) {
  return {
    id: `cmpl-fake-${Date.now()}`,
    object: 'chat.completion',
    model,
    created: Math.floor(Date.now() / 1000),
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    choices: [{ index: 0, message: { role: 'assistant', content, tool_calls: null }, finish_reason: 'stop' }],
  };
}

function embeddings(body: Record<string, unknown>, model: string, embedText: (text: string) => number[]) {
  const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input ?? '')];
  return {
    id: 'embd-fake',
    object: 'list',
    model,
    usage: {
      prompt_tokens: inputs.reduce((sum, text) => sum + approxTokens(text), 0),
      completion_tokens: 0,
      total_tokens: inputs.reduce((sum, text) => sum + approxTokens(text), 0),
    },
    data: inputs.map((text, index) => ({ object: 'embedding', index, embedding: embedText(text) })),
  };
}

function moderation(body: Record<string, unknown>, model: string, flag: (text: string) => string[]) {
  const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input ?? '')];
  return {
    id: 'mod-fake',
    model,
    results: inputs.map((text) => {
      const flagged = new Set(flag(text));
      return {
        categories: Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, flagged.has(c)])),
        category_scores: Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, flagged.has(c) ? 0.97 : 0.01])),
      };
    }),
  };
}

/** A deterministic bag-of-words vector: texts sharing words point the same way. */
export function fakeEmbedding(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().split(/\W+/).filter(Boolean)) {
    let h = 0;
    for (const c of word) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    vector[h % EMBEDDING_DIMENSIONS] += 1;
  }
  const norm = Math.sqrt(vector.reduce((s, v) => s + v * v, 0)) || 1;
  return vector.map((v) => v / norm);
}

function tokens(request: FakeMistralRequest): number {
  const messages = Array.isArray(request.body.messages) ? (request.body.messages as Array<{ content?: unknown }>) : [];
  return messages.reduce((sum, m) => sum + approxTokens(typeof m.content === 'string' ? m.content : ''), 0);
}

function approxTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
