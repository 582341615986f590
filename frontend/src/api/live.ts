// A project's live stream (GET /api/projects/{p}/live, Server-Sent Events) read with fetch, so that it carries the
// access token like every other call (EventSource cannot send headers), resumed with Last-Event-ID after a break.

export interface LiveEvent {
  id: string | null
  name: string
  data: unknown
}

/** Reads Server-Sent Events from text as it arrives: feed it chunks, get the events they complete. */
export class SseParser {
  private buffer = ''
  private id: string | null = null
  private name = ''
  private data: string[] = []

  feed (chunk: string): LiveEvent[] {
    this.buffer += chunk
    const events: LiveEvent[] = []
    let newline = this.buffer.search(/\r\n|\n|\r/)
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline)
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1
      this.buffer = this.buffer.slice(newline + width)
      const event = this.line(line)
      if (event !== null) {
        events.push(event)
      }
      newline = this.buffer.search(/\r\n|\n|\r/)
    }
    return events
  }

  private line (line: string): LiveEvent | null {
    if (line === '') {
      if (this.data.length === 0 && this.name === '') {
        return null
      }
      const text = this.data.join('\n')
      const event = { id: this.id, name: this.name === '' ? 'message' : this.name, data: parse(text) }
      this.name = ''
      this.data = []
      return event
    }
    if (line.startsWith(':')) {
      return null   // a comment: the server's keep-alive
    }
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'id') {
      this.id = value
    } else if (field === 'event') {
      this.name = value
    } else if (field === 'data') {
      this.data.push(value)
    }
    return null
  }
}

function parse (text: string): unknown {
  if (text === '') {
    return null
  }
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

export interface FollowOptions {
  onEvent: (event: LiveEvent) => void
  /** The stream's position is gone (the read model was rebuilt): load everything again. */
  onReset: () => void
  /** The stream was refused or revoked for good (no access, no such project, removed from it). */
  onRefused?: (status: number) => void
  lastEventId?: string | null
  /** The first pause before reconnecting; it doubles up to ten seconds while the platform does not answer. */
  retryMs?: number
}

export interface Following {
  stop (): void
  /** The id of the last event received (what a reconnect sends as Last-Event-ID). */
  lastEventId (): string | null
}

type Fetch = (request: Request) => Promise<Response>

export function follow (fetchImpl: Fetch, url: string, options: FollowOptions): Following {
  let last = options.lastEventId ?? null
  const abort = new AbortController()
  let stopped = false
  const firstPause = options.retryMs ?? 500

  async function run (): Promise<void> {
    let pause = firstPause
    while (!stopped) {
      try {
        const headers = new Headers({ Accept: 'text/event-stream' })
        if (last !== null) {
          headers.set('Last-Event-ID', last)
        }
        const response = await fetchImpl(new Request(url, { headers, signal: abort.signal }))
        if ([401, 403, 404].includes(response.status)) {
          options.onRefused?.(response.status)
          return
        }
        if (!response.ok || response.body === null) {
          throw new Error(`the live stream answered ${response.status}`)
        }
        pause = firstPause
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
        const parser = new SseParser()
        for (;;) {
          const { value, done } = await reader.read()
          if (done || stopped) {
            break
          }
          for (const event of parser.feed(value)) {
            if (event.id !== null) {
              last = event.id
            }
            if (event.name === 'reset') {
              last = null
              options.onReset()
            } else if (event.name === 'revoked') {
              // the caller may no longer view the project: the stream ended for good
              stopped = true
              options.onRefused?.(403)
              return
            } else {
              options.onEvent(event)
            }
          }
        }
      } catch {
        // the connection broke: try again after a pause
      }
      if (!stopped) {
        await new Promise((resolve) => setTimeout(resolve, pause))
        pause = Math.min(pause * 2, 10_000)
      }
    }
  }

  void run()
  return {
    stop () {
      stopped = true
      abort.abort()
    },
    lastEventId: () => last,
  }
}
