// The typed API client: request and response types come from the services' OpenAPI documents (openapi/*.json,
// generated into src/api/*.d.ts by `npm run api`); nothing here declares a request or response shape by hand.
import createClient from 'openapi-fetch'
import type { components as CommandComponents, paths as CommandPaths } from './command'
import type { components as QueryComponents, paths as QueryPaths } from './query'

export type CommandSchemas = CommandComponents['schemas']
export type QuerySchemas = QueryComponents['schemas']

/** An RFC 7807 problem as the services answer it; `field` names the input it is about. */
export interface Problem {
  status: number
  title?: string | undefined
  detail?: string | undefined
  field?: string | null | undefined
  [extra: string]: unknown
}

export class ApiError extends Error {
  constructor (readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
    this.name = 'ApiError'
  }

  get status (): number {
    return this.problem.status
  }

  /** Someone else changed the project since the version this edit carried. */
  get conflict (): boolean {
    return this.problem.status === 409 && this.problem.field === 'version'
  }
}

/** What went wrong, in words a user can read: a problem's detail, or any other error's message. */
export function messageOf (error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** The input a refusal names (its problem's `field`), if it names one. */
export function fieldOf (error: unknown): string | null {
  return error instanceof ApiError ? (error.problem.field ?? null) : null
}

/** What an error body means, whatever it is (a problem, other JSON, text, nothing). */
export function problemOf (status: number, body: unknown): Problem {
  if (body !== null && typeof body === 'object') {
    const problem = body as Partial<Problem>
    return { ...problem, status: typeof problem.status === 'number' ? problem.status : status }
  }
  return { status, detail: typeof body === 'string' && body.length > 0 ? body : undefined }
}

/** Where the access token comes from, and how a new one is had when it ran out. */
export interface Credentials {
  accessToken (): string | null
  /** true when a new access token is there to retry with */
  refresh (): Promise<boolean>
}

type Fetch = (request: Request) => Promise<Response>

/** Calls that carry their own credentials in their body (command-service's tributary.security.own-credential-paths). */
const OWN_CREDENTIALS = new Set(['/api/auth/login', '/api/auth/refresh', '/api/auth/oidc',
  '/api/auth/tokens', '/api/auth/tokens/refresh'])

/**
 * Every call with the access token; on 401 one refresh and one retry. Logging in and refreshing carry their own
 * credentials: they go as they are (a refused refresh must not wait for a refresh).
 */
export function authenticated (credentials: Credentials, fetchImpl: Fetch): Fetch {
  return async (request: Request) => {
    if (OWN_CREDENTIALS.has(new URL(request.url).pathname)) {
      return fetchImpl(request)
    }
    const retry = request.clone()
    const first = await fetchImpl(withToken(request, credentials.accessToken()))
    if (first.status !== 401 || credentials.accessToken() === null || !(await credentials.refresh())) {
      return first
    }
    return fetchImpl(withToken(retry, credentials.accessToken()))
  }
}

function withToken (request: Request, token: string | null): Request {
  if (token !== null) {
    request.headers.set('Authorization', `Bearer ${token}`)
  }
  return request
}

export function createApi (credentials: Credentials, fetchImpl: Fetch = (r) => globalThis.fetch(r),
  baseUrl = globalThis.location?.origin ?? 'http://localhost') {
  const fetch = authenticated(credentials, fetchImpl)
  return {
    command: createClient<CommandPaths>({ baseUrl, fetch }),
    query: createClient<QueryPaths>({ baseUrl, fetch }),
    /** For what the typed clients do not read: the live stream. */
    fetch,
    baseUrl,
    /** For requests fetch cannot make (an upload that tells its progress): the current access token. */
    accessToken: () => credentials.accessToken(),
  }
}

export type Api = ReturnType<typeof createApi>

/** The answer's data, or an ApiError with its problem. */
export function unwrap<T> (result: { data?: T, error?: unknown, response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(problemOf(result.response.status, result.error))
  }
  return result.data as T
}
