import { describe, expect, it } from 'vitest'
import { ApiError, fieldOf, messageOf } from '../../src/api/client'
import { when } from '../../src/composables/format'

describe('an error as the app shows it', () => {
  it('shows a refusal by its problem detail', () => {
    expect(messageOf(new ApiError({ status: 400, detail: 'label must not be blank', field: 'label' })))
      .toBe('label must not be blank')
  })

  it('shows any other error by its message, and what is not an error as text', () => {
    expect(messageOf(new TypeError('Failed to fetch'))).toBe('Failed to fetch')
    expect(messageOf('offline')).toBe('offline')
  })

  it('names the field a refusal is about, and none for other errors', () => {
    expect(fieldOf(new ApiError({ status: 400, detail: 'bad', field: 'script' }))).toBe('script')
    expect(fieldOf(new ApiError({ status: 500, detail: 'down' }))).toBeNull()
    expect(fieldOf(new Error('field'))).toBeNull()
  })
})

describe('a time as the app shows it', () => {
  it('writes an instant in the user\'s locale, and nothing for none', () => {
    expect(when('2026-12-06T10:00:00Z')).toBe(new Date('2026-12-06T10:00:00Z').toLocaleString())
    expect(when(undefined)).toBe('')
    expect(when(null)).toBe('')
  })
})
