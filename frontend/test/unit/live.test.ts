import { describe, expect, it } from 'vitest'
import { SseParser, follow, type LiveEvent } from '../../src/api/live'

describe('reading Server-Sent Events', () => {
  it('gives an event once its blank line arrived, with its id, name and JSON data', () => {
    const parser = new SseParser()

    expect(parser.feed('id: 7\nevent: NodeMoved\ndata: {"x":')).toEqual([])
    expect(parser.feed('1}\n\n')).toEqual([{ id: '7', name: 'NodeMoved', data: { x: 1 } }])
  })

  it('skips comments, joins data lines and reads CRLF line ends', () => {
    const parser = new SseParser()

    const events = parser.feed(':keep-alive\r\n\r\nevent: note\r\ndata: one\r\ndata: two\r\n\r\n')

    expect(events).toEqual([{ id: null, name: 'note', data: 'one\ntwo' }])
  })

  it('keeps the last id for events that name none', () => {
    const parser = new SseParser()

    const events = parser.feed('id: 3\nevent: a\ndata: 1\n\nevent: b\ndata: 2\n\n')

    expect(events.map((e) => e.id)).toEqual(['3', '3'])
  })
})

describe('following a stream', () => {
  function stream (text: string): Response {
    return new Response(new ReadableStream({
      start (controller) {
        controller.enqueue(new TextEncoder().encode(text))
        controller.close()
      },
    }), { status: 200, headers: { 'Content-Type': 'text/event-stream' } })
  }

  it('reconnects after a break with the id of the last event it got', async () => {
    const asked: (string | null)[] = []
    const answers = [stream('id: 5\nevent: ready\ndata: {}\n\nid: 6\nevent: NodeMoved\ndata: {}\n\n'),
      stream('id: 7\nevent: NodeRenamed\ndata: {}\n\n')]
    const got: LiveEvent[] = []
    const following = follow(async (request) => {
      asked.push(request.headers.get('Last-Event-ID'))
      return answers.shift() ?? new Promise<Response>(() => undefined)
    }, 'http://tributary.test/api/projects/2/live', { onEvent: (e) => got.push(e), onReset: () => undefined, retryMs: 1 })

    await expect.poll(() => got.length).toBe(3)
    following.stop()

    expect(asked.slice(0, 2)).toEqual([null, '6'])
    expect(got.map((e) => e.name)).toEqual(['ready', 'NodeMoved', 'NodeRenamed'])
    expect(following.lastEventId()).toBe('7')
  })

  it('stops for good when the stream is refused', async () => {
    let calls = 0
    let refused = 0
    follow(async () => {
      calls += 1
      return new Response('{}', { status: 404 })
    }, 'http://tributary.test/api/projects/9/live', {
      onEvent: () => undefined, onReset: () => undefined, onRefused: () => { refused += 1 }, retryMs: 1,
    })

    await expect.poll(() => refused).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(calls).toBe(1)
  })

  it('stops for good when the platform revokes the stream, without connecting again', async () => {
    let calls = 0
    let refused = 0
    const got: LiveEvent[] = []
    follow(async () => {
      calls += 1
      return stream('id: 5\nevent: ready\ndata: {}\n\nevent: revoked\ndata: {"project_id": 9}\n\n')
    }, 'http://tributary.test/api/projects/9/live', {
      onEvent: (e) => got.push(e), onReset: () => undefined, onRefused: () => { refused += 1 }, retryMs: 1,
    })

    await expect.poll(() => refused).toBe(1)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(calls).toBe(1)
    expect(got.map((e) => e.name)).toEqual(['ready'])
  })
})
