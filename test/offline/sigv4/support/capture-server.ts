import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReceivedRequest } from '../../../../offline/sigv4';

/**
 * A local HTTP server that records each request exactly as it arrived (raw
 * path and query, headersDistinct, body bytes) and answers with a fixed JSON
 * document, so real clients can be pointed at it with --endpoint-url.
 */

export interface CaptureServer {
  endpoint: string;
  port: number;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export interface CannedResponse {
  contentType: string;
  body: string;
}

async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startCaptureServer(response: CannedResponse): Promise<CaptureServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((message, reply) => {
    void readBody(message).then((body) => {
      const url = message.url ?? '/';
      const queryStart = url.indexOf('?');
      requests.push({
        method: message.method ?? 'GET',
        rawPath: queryStart === -1 ? url : url.slice(0, queryStart),
        rawQuery: queryStart === -1 ? '' : url.slice(queryStart + 1),
        headers: { ...message.headersDistinct },
        body,
      });
      reply.writeHead(200, { 'content-type': response.contentType });
      reply.end(response.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
