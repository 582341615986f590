// A stand-in for the gateway in unit tests: answers by method and path, and records what it was sent.
import { createApi, setApi, type Credentials } from '../../src/api'

export interface Sent {
  method: string
  path: string
  query: URLSearchParams
  body: unknown
  authorization: string | null
}

type Handler = (sent: Sent) => Response | Promise<Response>

export function json (status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

export function problem (status: number, detail: string, field: string | null): Response {
  return new Response(JSON.stringify({ status, title: 'refused', detail, field }),
    { status, headers: { 'Content-Type': 'application/problem+json' } })
}

export class FakePlatform {
  readonly sent: Sent[] = []
  private readonly routes = new Map<string, Handler>()
  private readonly prefixes: Array<{ method: string, prefix: string, handler: Handler }> = []

  on (method: string, path: string, handler: Handler): this {
    this.routes.set(`${method} ${path}`, handler)
    return this
  }

  /** Answers every path that starts so (paths that carry a hash or a name). */
  onPrefix (method: string, prefix: string, handler: Handler): this {
    this.prefixes.push({ method, prefix, handler })
    return this
  }

  readonly fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url)
    const text = await request.text()
    const sent: Sent = {
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      body: text === '' ? undefined : JSON.parse(text),
      authorization: request.headers.get('Authorization'),
    }
    this.sent.push(sent)
    const handler = this.routes.get(`${sent.method} ${sent.path}`) ??
      this.prefixes.find((p) => p.method === sent.method && sent.path.startsWith(p.prefix))?.handler
    return handler === undefined ? problem(404, `no fake for ${sent.method} ${sent.path}`, null) : handler(sent)
  }

  /** What was sent with this method and path, in order. */
  to (method: string, path: string): Sent[] {
    return this.sent.filter((s) => s.method === method && s.path === path)
  }

  install (credentials: Credentials = { accessToken: () => 'token', refresh: async () => false }): this {
    setApi(createApi(credentials, this.fetch, 'http://tributary.test'))
    return this
  }
}
