// A small plain-HTTP forward proxy for the proxy test: absolute-URI requests (`GET
// http://host:port/path HTTP/1.1`) are forwarded, CONNECT opens a tunnel. It records what
// went through it and marks forwarded requests with `x-test-proxy: 1`. Built on raw
// sockets (node:net), not node:http: inside the extension host VS Code proxies every
// http.request, and this proxy's own upstream requests would loop back into itself.
// One request per client connection (`Connection: close` upstream); a dropped upstream
// connection is passed on as a dropped downstream one.
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

const MAX_HEAD = 64 * 1024;

export async function startForwardProxy(): Promise<ForwardProxy> {
  const requests: ProxiedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buffered.length > MAX_HEAD) client.destroy();
        return;
      }
      client.off('data', onData);
      client.pause();
      forward(client, buffered.subarray(0, end).toString('latin1'), buffered.subarray(end + 4));
    };
    client.on('data', onData);
  });

  function forward(client: net.Socket, head: string, rest: Buffer): void {
    const [requestLine, ...headerLines] = head.split('\r\n');
    const [method = '', target = '', version = 'HTTP/1.1'] = requestLine.split(' ');
    requests.push({ method, target });
    let host: string;
    let port: number;
    let firstBytes: Buffer;
    if (method === 'CONNECT') {
      const colon = target.lastIndexOf(':');
      host = target.slice(0, colon);
      port = Number(target.slice(colon + 1));
      firstBytes = rest;
    } else {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        client.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      host = url.hostname;
      port = Number(url.port || 80);
      const headers = headerLines.filter((line) => !/^(connection|proxy-connection|keep-alive):/i.test(line));
      const upstreamHead = [`${method} ${url.pathname}${url.search} ${version}`, ...headers, 'Connection: close', 'x-test-proxy: 1', '', ''].join('\r\n');
      firstBytes = Buffer.concat([Buffer.from(upstreamHead, 'latin1'), rest]);
    }
    const upstream = net.connect(port, host, () => {
      if (method === 'CONNECT') client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (firstBytes.length) upstream.write(firstBytes);
      upstream.pipe(client);
      client.pipe(upstream);
      client.resume();
    });
    sockets.add(upstream);
    const end = (): void => {
      upstream.destroy();
      client.destroy();
    };
    upstream.once('error', () => {
      if (upstream.bytesRead === 0 && method !== 'CONNECT') {
        client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      } else end();
    });
    upstream.once('close', () => {
      sockets.delete(upstream);
      // Upstream closed (done, or dropped mid-body): so does the client side, at once.
      client.destroy();
    });
    client.once('close', end);
  }

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
