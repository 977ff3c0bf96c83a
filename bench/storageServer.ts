// A minimal local storage server for the benchmark: the least a server can do, so the
// rows against it measure the clients. PUT discards the body; GET streams a file from
// one folder; a tiny stand-in for `GET /file/customaudio/uploadurl` lets the api.audio
// client upload to it. `?latency=<ms>` delays the answer (the many-small-files row).
// Run as a child process: `tsx bench/storageServer.ts <folder>`; prints one line,
// `storage server listening on <url>`.
import { createReadStream, promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const READ_SIZE = 1 << 20;

export function createStorageServer(folder: string): http.Server {
  let nextId = 0;
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const latency = Number(url.searchParams.get('latency') ?? 0);
    const answer = (): void => void handle(req, res, url).catch(() => res.destroy());
    if (latency > 0) setTimeout(answer, latency);
    else answer();
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (req.method === 'GET' && url.pathname === '/file/customaudio/uploadurl') {
      const mediaId = `bench${(nextId++).toString(16).padStart(4, '0')}`;
      const body = JSON.stringify({ mediaId, fileUploadUrl: `http://${req.headers.host}/put/${mediaId}` });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/file/customaudio') {
      // A large listing, prepared by the benchmark as listing.json.
      return serveFile(res, path.join(folder, 'listing.json'), 'application/json');
    }
    if (req.method === 'PUT' && url.pathname.startsWith('/put/')) {
      let received = 0;
      req.on('data', (chunk: Buffer) => {
        received += chunk.length;
      });
      req.on('end', () => {
        res.writeHead(200, { 'Content-Length': '0', 'x-received': String(received) });
        res.end();
      });
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/get/')) {
      return serveFile(res, path.join(folder, path.basename(decodeURIComponent(url.pathname.slice('/get/'.length)))), 'audio/mpeg');
    }
    req.resume();
    res.writeHead(404, { 'Content-Length': '0' });
    res.end();
  }
}

async function serveFile(res: http.ServerResponse, file: string, type: string): Promise<void> {
  let size: number;
  try {
    size = (await fs.stat(file)).size;
  } catch {
    res.writeHead(404, { 'Content-Length': '0' });
    res.end();
    return;
  }
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': String(size) });
  createReadStream(file, { highWaterMark: READ_SIZE }).pipe(res);
}

if (require.main === module) {
  const folder = process.argv[2];
  if (!folder) {
    console.error('usage: tsx bench/storageServer.ts <folder>');
    process.exit(2);
  }
  const server = createStorageServer(folder);
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    console.log(`storage server listening on http://127.0.0.1:${port}`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}
