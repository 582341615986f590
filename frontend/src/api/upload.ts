// Files go straight to S3: the platform gives a presigned URL per SHA-256 and never carries the bytes. A file the
// project already stores is not sent again.
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'
import { ApiError, api, problemOf, unwrap, type CommandSchemas } from './index'

export type FileBody = CommandSchemas['FileBody']

/** How far one file got: hashing first, then sending; `fraction` runs from 0 to 1 in each phase. */
export interface Progress {
  phase: 'hashing' | 'sending' | 'done'
  fraction: number
}

/** Sends a body to a presigned URL, telling how many bytes went; fails on any answer but 2xx. */
export type Transfer = (url: string, file: Blob, onSent: (sent: number) => void, signal?: AbortSignal) => Promise<void>

const CHUNK = 4 * 1024 * 1024

/**
 * The file's SHA-256 as hex, read a chunk at a time so a large file is never held whole (and so it works where
 * `crypto.subtle` does not: a page served over plain HTTP from another host).
 */
export async function sha256Hex (file: Blob, onRead: (read: number) => void = () => undefined): Promise<string> {
  const hash = sha256.create()
  for (let offset = 0; offset < file.size; offset += CHUNK) {
    const chunk = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer())
    hash.update(chunk)
    onRead(Math.min(file.size, offset + chunk.length))
  }
  return bytesToHex(hash.digest())
}

/** What a PUT answered: its status and its body as text. */
interface Answer {
  status: number
  text: string
}

/**
 * A PUT with upload progress (fetch cannot report it), answering whatever status came back; fails only when no
 * answer came (`unreachable` says whom) or the signal cancelled it.
 */
function xhrPut (url: string, body: Blob, headers: Record<string, string>, onSent: (sent: number) => void,
  unreachable: string, signal?: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest()
    request.open('PUT', url)
    for (const [name, value] of Object.entries(headers)) {
      request.setRequestHeader(name, value)
    }
    request.upload.onprogress = (event) => { onSent(event.loaded) }
    request.onload = () => { resolve({ status: request.status, text: request.responseText }) }
    request.onerror = () => { reject(new Error(`${unreachable} could not be reached`)) }
    request.onabort = () => { reject(new DOMException('the upload was cancelled', 'AbortError')) }
    signal?.addEventListener('abort', () => { request.abort() })
    request.send(body)
  })
}

function succeeded (answer: Answer): boolean {
  return answer.status >= 200 && answer.status < 300
}

/** A presigned PUT to the file store; the body's own type goes as Content-Type. */
export const xhrTransfer: Transfer = async (url, file, onSent, signal) => {
  const answer = await xhrPut(url, file, {}, onSent, 'the file store', signal)
  if (!succeeded(answer)) {
    throw new Error(`the file store refused the upload (HTTP ${answer.status})`)
  }
}

/**
 * Uploads one file for a package or node of the project and answers how a package names it. The bytes go only when
 * the project does not store them yet.
 */
export async function uploadFile (projectId: number, file: File, onProgress: (progress: Progress) => void,
  transfer: Transfer = xhrTransfer, signal?: AbortSignal): Promise<FileBody> {
  const size = file.size
  onProgress({ phase: 'hashing', fraction: 0 })
  const hash = await sha256Hex(file, (read) => { onProgress({ phase: 'hashing', fraction: size === 0 ? 1 : read / size }) })
  const url = unwrap(await api().command.PUT('/api/projects/{projectId}/objects/{sha256}',
    { params: { path: { projectId, sha256: hash } } })) as unknown
  if (typeof url === 'string') {
    onProgress({ phase: 'sending', fraction: 0 })
    await transfer(url, file, (sent) => { onProgress({ phase: 'sending', fraction: size === 0 ? 1 : sent / size }) },
      signal)
  }
  onProgress({ phase: 'done', fraction: 1 })
  return { name: file.name, content_hash: hash, size, ...(file.type === '' ? {} : { type: file.type }) }
}

export type NodeFileBody = CommandSchemas['NodeFileBody']

/** The path of a node file in the API: each part of its name encoded on its own ("src/run.py" stays a path). */
export function nodeFilePath (projectId: number, nodeId: number, name: string): string {
  return `/api/projects/${projectId}/nodes/${nodeId}/files/${name.split('/').map(encodeURIComponent).join('/')}`
}

/**
 * Puts a node file (its bytes go through the platform, which keeps them under their hash), telling how much went;
 * a refusal is an ApiError with the platform's problem.
 */
export async function putNodeFile (projectId: number, nodeId: number, name: string, body: Blob, version: number,
  executable: boolean, onSent: (sent: number) => void = () => undefined): Promise<NodeFileBody> {
  const query = `?version=${version}${executable ? '&executable=true' : ''}`
  const headers: Record<string, string> = { 'Content-Type': body.type === '' ? 'application/octet-stream' : body.type }
  const token = api().accessToken()
  if (token !== null) {
    headers.Authorization = `Bearer ${token}`
  }
  const answer = await xhrPut(`${api().baseUrl}${nodeFilePath(projectId, nodeId, name)}${query}`, body, headers,
    onSent, 'the platform')
  let parsed: unknown = answer.text
  try {
    parsed = JSON.parse(answer.text)
  } catch {
    // not JSON: the text is the detail
  }
  if (!succeeded(answer)) {
    throw new ApiError(problemOf(answer.status, parsed))
  }
  return parsed as NodeFileBody
}
