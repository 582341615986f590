import type { Api } from './client'

let current: Api | null = null

/** The client the stores use: set once at start (boot/api.ts), or by a test. */
export function setApi (api: Api): void {
  current = api
}

export function api (): Api {
  if (current === null) {
    throw new Error('the API client is not set up (boot/api.ts)')
  }
  return current
}

export * from './client'
