// The HTTP load loop of the request benchmarks, run in a worker thread so that it does not share an
// event loop with the server under test: N concurrent keep-alive connections on loopback, each
// sending one GET after another until the request bound or the time bound is reached.
//
// It speaks HTTP/1.1 on plain sockets rather than through node:http: the generator shares the
// machine's cores with the server, and node:http's client cost about as much CPU per request as a
// bare Fastify route. Each answer is still read whole: status line, headers, and the body by its
// Content-Length (anything else — chunked, a closed connection — fails the run), and its status counted.
import net from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { createRandom } from '../src/seed/random.ts';

export interface LoadJob {
  origin: string;
  /** path with {id} replaced by a random integer in [minId, maxId] */
  path: string;
  minId: number;
  maxId: number;
  headers: Record<string, string>;
  concurrency: number;
  requests: number;
  durationSeconds: number;
  seed: number;
}

export interface LoadResult {
  latenciesMs: number[];
  statuses: Record<string, number>;
  seconds: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection: `get(path)` resolves with the status once the whole answer is in. */
class Connection {
  private socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (status: number) => void; reject: (error: Error) => void } | null = null;
  private readonly head: string;

  constructor(host: string, port: number, headers: Record<string, string>) {
    this.head = Object.entries({ host: `${host}:${port}`, ...headers }).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    this.socket = net.connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => this.received(chunk));
    const fail = (error: Error) => this.waiting?.reject(error);
    this.socket.on('error', fail);
    this.socket.on('close', () => fail(new Error('the server closed the connection')));
  }

  get(path: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(`GET ${path} HTTP/1.1\r\n${this.head}\r\n`);
    });
  }

  private received(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    const end = this.buffer.indexOf(HEAD_END);
    if (end < 0) return;
    const head = this.buffer.toString('latin1', 0, end);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    const waiting = this.waiting;
    if (!length || !waiting) {
      waiting?.reject(new Error(`answer without Content-Length: ${head.split('\r\n')[0]}`));
      return;
    }
    const total = end + HEAD_END.length + Number(length[1]);
    if (this.buffer.length < total) return;
    if (this.buffer.length > total) return waiting.reject(new Error('more bytes than one answer'));
    this.buffer = Buffer.alloc(0);
    this.waiting = null;
    waiting.resolve(Number(head.slice(9, 12))); // "HTTP/1.1 200 OK"
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }
}

async function runJob(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.origin);
  const rng = createRandom(job.seed);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  const deadline = performance.now() + job.durationSeconds * 1000;
  const connections = Array.from({ length: job.concurrency }, () => new Connection(url.hostname, Number(url.port), job.headers));
  const started = performance.now();
  const worker = async (connection: Connection) => {
    while (sent < job.requests && performance.now() < deadline) {
      sent++;
      const path = job.path.replace('{id}', String(rng.int(job.minId, job.maxId)));
      const begun = performance.now();
      const status = await connection.get(path);
      latencies.push(performance.now() - begun);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  try {
    await Promise.all(connections.map(worker));
  } finally {
    for (const c of connections) c.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { latenciesMs: latencies, statuses, seconds };
}

if (parentPort && workerData) {
  runJob(workerData as LoadJob).then(
    (result) => parentPort!.postMessage(result),
    (error) => {
      throw error;
    },
  );
}
