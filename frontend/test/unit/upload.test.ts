import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { sha256Hex, uploadFile, type Progress, type Transfer } from '../../src/api/upload'
import { FakePlatform, json } from './fakePlatform'

// SHA-256 of "abc" (FIPS 180-2, appendix B.1)
const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'

describe('uploads', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('hashes a file as SHA-256 hex', async () => {
    expect(await sha256Hex(new Blob(['abc']))).toBe(ABC)
  })

  it('hashes a file larger than one chunk the same as whole, telling how far it read', async () => {
    const big = new Uint8Array(9 * 1024 * 1024).map((_, i) => i % 251)
    const read: number[] = []
    const chunked = await sha256Hex(new Blob([big]), (n) => read.push(n))
    const whole = Buffer.from(await crypto.subtle.digest('SHA-256', big)).toString('hex')
    expect(chunked).toBe(whole)
    expect(read).toEqual([4 * 1024 * 1024, 8 * 1024 * 1024, 9 * 1024 * 1024])
  })

  it('sends the bytes to the presigned URL the platform gives for their hash, and names the file', async () => {
    const fake = new FakePlatform()
      .on('PUT', `/api/projects/2/objects/${ABC}`, () => json(200, 'http://s3.test/bucket/abc?X-Amz-Signature=1'))
      .install()
    const transfer = vi.fn<Transfer>(async (_url, file, onSent) => { onSent(file.size) })
    const seen: Progress[] = []

    const body = await uploadFile(2, new File(['abc'], 'a.txt', { type: 'text/plain' }), (p) => seen.push(p), transfer)

    expect(fake.to('PUT', `/api/projects/2/objects/${ABC}`)).toHaveLength(1)
    expect(transfer.mock.calls[0]?.[0]).toBe('http://s3.test/bucket/abc?X-Amz-Signature=1')
    expect(body).toEqual({ name: 'a.txt', content_hash: ABC, size: 3, type: 'text/plain' })
    expect(seen.map((p) => p.phase)).toEqual(['hashing', 'hashing', 'sending', 'sending', 'done'])
    expect(seen.at(-2)?.fraction).toBe(1)
  })

  it('does not send bytes the project already stores', async () => {
    new FakePlatform().on('PUT', `/api/projects/2/objects/${ABC}`, () => json(200, null)).install()
    const transfer = vi.fn<Transfer>(async () => undefined)

    const body = await uploadFile(2, new File(['abc'], 'a.bin'), () => undefined, transfer)

    expect(transfer).not.toHaveBeenCalled()
    expect(body).toEqual({ name: 'a.bin', content_hash: ABC, size: 3 })
  })

  it('fails when the file store refuses the bytes, and makes nothing', async () => {
    new FakePlatform()
      .on('PUT', `/api/projects/2/objects/${ABC}`, () => json(200, 'http://s3.test/x')).install()
    const refused: Transfer = async () => { throw new Error('the file store refused the upload (HTTP 403)') }

    await expect(uploadFile(2, new File(['abc'], 'a'), () => undefined, refused)).rejects.toThrow('HTTP 403')
  })
})
