// Plain node:http exchanges for the emulator's own tests, so headers and lengths are exactly
// what is sent and a cut body is seen as cut (no client library in between).
import * as http from 'node:http';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

/** One HTTP exchange. */
export function send(method: string, url: string, options: { headers?: Record<string, string>; body?: Buffer } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { ...options.headers };
    if (options.body) headers['content-length'] = String(options.body.length);
    const req = http.request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Reads a GET response until it ends or breaks; reports what arrived and whether it was cut. */
export function receive(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer; bytes: number; broken: boolean; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let settled = false;
      const finish = (broken: boolean) => {
        if (settled) return;
        settled = true;
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, body, bytes: body.length, broken, headers: res.headers });
      };
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => finish(!res.complete));
      res.on('error', () => finish(true));
      res.on('close', () => finish(!res.complete));
    });
    req.on('error', reject);
  });
}
