// A small plain-HTTP forward proxy for the proxy test: absolute-URI requests (`GET
// http://host:port/path HTTP/1.1`) are forwarded, CONNECT opens a tunnel. It records what
// went through it, marks forwarded requests with `x-test-proxy: 1`, and passes a dropped
// upstream connection on as a dropped downstream one (no silent completion).
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** The absolute URI, or `host:port` for CONNECT. */
  target: string;
}

export interface ForwardProxy {
  url: string;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

export async function startForwardProxy(): Promise<ForwardProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const target = req.url ?? '';
    requests.push({ method: req.method ?? 'GET', target });
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      res.writeHead(400).end('absolute URI expected');
      return;
    }
    const headers: http.OutgoingHttpHeaders = { ...req.headers, 'x-test-proxy': '1' };
    delete headers['proxy-connection'];
    const upstream = http.request(
      { host: url.hostname, port: url.port || 80, path: `${url.pathname}${url.search}`, method: req.method, headers, agent: false },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
        upstreamRes.once('close', () => {
          // The origin cut the body short: cut ours too, as a real proxy would.
          if (!upstreamRes.complete) res.socket?.destroy();
        });
      },
    );
    upstream.once('error', () => {
      if (!res.headersSent) res.writeHead(502).end('bad gateway');
      else res.socket?.destroy();
    });
    req.once('aborted', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? '';
    requests.push({ method: 'CONNECT', target });
    const [host, port] = target.split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const end = () => {
      upstream.destroy();
      client.destroy();
    };
    upstream.once('error', end);
    client.once('error', end);
    upstream.once('close', end);
    client.once('close', end);
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
