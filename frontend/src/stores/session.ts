import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, unwrap } from '../api'

const KEY = 'tributary.session'

interface Saved {
  login: string
  accessToken: string
  refreshToken: string
}

function load (): Saved | null {
  try {
    const saved = JSON.parse(globalThis.localStorage?.getItem(KEY) ?? 'null') as Saved | null
    return saved !== null && typeof saved.accessToken === 'string' ? saved : null
  } catch {
    return null
  }
}

/** Who is signed in: the access token every call carries, the refresh token that renews it. */
export const useSessionStore = defineStore('session', () => {
  const saved = load()
  const login = ref<string | null>(saved?.login ?? null)
  const accessToken = ref<string | null>(saved?.accessToken ?? null)
  const refreshToken = ref<string | null>(saved?.refreshToken ?? null)
  const signedIn = computed(() => accessToken.value !== null)
  let refreshing: Promise<boolean> | null = null

  function keep (who: string, tokens: { access_token?: string, refresh_token?: string }): void {
    login.value = who
    accessToken.value = tokens.access_token ?? null
    refreshToken.value = tokens.refresh_token ?? null
    if (accessToken.value !== null && refreshToken.value !== null) {
      globalThis.localStorage?.setItem(KEY, JSON.stringify({
        login: who, accessToken: accessToken.value, refreshToken: refreshToken.value,
      }))
    }
  }

  function forget (): void {
    login.value = null
    accessToken.value = null
    refreshToken.value = null
    globalThis.localStorage?.removeItem(KEY)
  }

  async function signIn (who: string, password: string): Promise<void> {
    const tokens = unwrap(await api().command.POST('/api/auth/login', { body: { login: who, password } }))
    keep(who, tokens)
  }

  /** A new token pair; concurrent callers share one request (a refresh token is good for one use). */
  function refresh (): Promise<boolean> {
    if (refreshing !== null) {
      return refreshing
    }
    const token = refreshToken.value
    if (token === null) {
      return Promise.resolve(false)
    }
    refreshing = (async () => {
      try {
        const answer = await api().command.POST('/api/auth/refresh', { body: { refresh_token: token } })
        if (answer.error !== undefined || !answer.response.ok || answer.data === undefined) {
          forget()
          return false
        }
        keep(login.value ?? '', answer.data)
        return true
      } finally {
        refreshing = null
      }
    })()
    return refreshing
  }

  async function signOut (): Promise<void> {
    const token = refreshToken.value
    forget()
    if (token !== null) {
      // the refresh token is revoked; the access token runs out by itself
      await api().command.POST('/api/auth/logout', { body: { refresh_token: token } }).catch(() => undefined)
    }
  }

  return { login, accessToken, refreshToken, signedIn, signIn, refresh, signOut, forget }
})
