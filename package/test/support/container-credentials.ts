// A stand-in for the container credentials endpoint that AWS CloudShell (like ECS and EKS)
// serves the console user's credentials from: an HTTP server on 127.0.0.1 that answers a GET
// carrying the expected Authorization header with the documented JSON, and 401 otherwise.
// The SDK's default chain reads it through AWS_CONTAINER_CREDENTIALS_FULL_URI and
// AWS_CONTAINER_AUTHORIZATION_TOKEN (plain http is accepted only for a loopback host).
// Shape and variables: https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ContainerCredentials {
  /** AWS_CONTAINER_CREDENTIALS_FULL_URI for the process under test. */
  url: string;
  /** The Authorization header of every request received, in order. */
  readonly authorizations: (string | undefined)[];
  stop(): Promise<void>;
}

export async function startContainerCredentials(options: {
  token: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}): Promise<ContainerCredentials> {
  const authorizations: (string | undefined)[] = [];
  const server = http.createServer((request, response) => {
    authorizations.push(request.headers.authorization);
    if (request.method !== 'GET' || request.headers.authorization !== options.token) {
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: 'AccessDenied', message: 'The authorization token is not valid.' }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        AccessKeyId: options.credentials.accessKeyId,
        SecretAccessKey: options.credentials.secretAccessKey,
        Token: 'container-session-token',
        Expiration: new Date(Date.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/get-credentials`,
    authorizations,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
