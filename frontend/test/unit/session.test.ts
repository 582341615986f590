import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { api, unwrap } from '../../src/api'
import { useSessionStore } from '../../src/stores/session'
import { FakePlatform, json, problem } from './fakePlatform'

describe('the session', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  function installWith (fake: FakePlatform): ReturnType<typeof useSessionStore> {
    const session = useSessionStore()
    fake.install({ accessToken: () => session.accessToken, refresh: () => session.refresh() })
    return session
  }

  it('keeps the tokens of a login, also for the next page load', async () => {
    const session = installWith(new FakePlatform()
      .on('POST', '/api/auth/login', () => json(200, { access_token: 'a1', refresh_token: 'r1' })))

    await session.signIn('ada', 'a long passphrase')

    expect(session.signedIn).toBe(true)
    setActivePinia(createPinia())
    expect(useSessionStore().accessToken).toBe('a1')
  })

  it('says why a login was refused', async () => {
    const session = installWith(new FakePlatform()
      .on('POST', '/api/auth/login', () => problem(401, 'Wrong login or password', 'password')))

    await expect(session.signIn('ada', 'nope')).rejects.toMatchObject({ message: 'Wrong login or password' })
    expect(session.signedIn).toBe(false)
  })

  it('renews an access token that ran out once, and repeats the call with the new one', async () => {
    const fake = new FakePlatform()
      .on('POST', '/api/auth/login', () => json(200, { access_token: 'old', refresh_token: 'r1' }))
      .on('POST', '/api/auth/refresh', () => json(200, { access_token: 'new', refresh_token: 'r2' }))
      .on('GET', '/api/projects', (sent) => sent.authorization === 'Bearer new'
        ? json(200, { items: [], total: 0 }) : problem(401, 'expired', null))
    const session = installWith(fake)
    await session.signIn('ada', 'a long passphrase')

    const [a, b] = await Promise.all([api().query.GET('/api/projects'), api().query.GET('/api/projects')])

    expect(unwrap(a)).toEqual({ items: [], total: 0 })
    expect(unwrap(b).total).toBe(0)
    expect(fake.to('POST', '/api/auth/refresh')).toHaveLength(1)
    expect(fake.to('POST', '/api/auth/refresh')[0]?.body).toEqual({ refresh_token: 'r1' })
    expect(session.refreshToken).toBe('r2')
  })

  it('signs out when the refresh token is refused', async () => {
    const fake = new FakePlatform()
      .on('POST', '/api/auth/login', () => json(200, { access_token: 'old', refresh_token: 'r1' }))
      .on('POST', '/api/auth/refresh', () => problem(401, 'refresh token used up', 'refresh_token'))
      .on('GET', '/api/projects', () => problem(401, 'expired', null))
    const session = installWith(fake)
    await session.signIn('ada', 'a long passphrase')

    const answer = await api().query.GET('/api/projects')

    expect(answer.response.status).toBe(401)
    expect(session.signedIn).toBe(false)
    expect(localStorage.getItem('tributary.session')).toBeNull()
  })
})
