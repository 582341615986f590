import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { kindOf, matches, useHistoryStore } from '../../src/stores/history'
import { FakePlatform, json } from './fakePlatform'

const HISTORY = '/api/projects/2/history'
const line = (id: number, type: string, node: number | null = null) =>
  ({ id, type, ...(node === null ? {} : { node_id: node }), words: `line ${id}`, data: {} })

describe('the history store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('asks for a page with the node and type filters', async () => {
    const fake = new FakePlatform().on('GET', HISTORY, () => json(200, { items: [line(5, 'NodeMoved', 3)], total: 1 })).install()
    const history = useHistoryStore()
    history.filter = { nodeId: 3, type: 'NodeMoved' }

    await history.load(2)

    const sent = fake.to('GET', HISTORY)[0]
    expect(sent?.query.get('node_id')).toBe('3')
    expect(sent?.query.get('type')).toBe('NodeMoved')
    expect(history.items.map((l) => l.id)).toEqual([5])
    expect(history.types).toEqual(['NodeMoved'])
  })

  it('puts a live line on top of the first page, once', async () => {
    new FakePlatform().on('GET', HISTORY, () => json(200, { items: [line(5, 'NodeMoved')], total: 1 })).install()
    const history = useHistoryStore()
    await history.load(2)

    history.applyLive({ id: '6', name: 'message', data: line(6, 'JobCreated') })
    history.applyLive({ id: '6', name: 'message', data: line(6, 'JobCreated') })
    history.applyLive({ id: '5', name: 'message', data: line(5, 'NodeMoved') })

    expect(history.items.map((l) => l.id)).toEqual([6, 5])
    expect(history.total).toBe(2)
    expect(history.types).toEqual(['JobCreated', 'NodeMoved'])
  })

  it('leaves out live lines the filter does not let in, and leaves later pages as they are', async () => {
    new FakePlatform().on('GET', HISTORY, () => json(200, { items: [], total: 120 })).install()
    const history = useHistoryStore()
    history.filter = { nodeId: 3, type: null }
    await history.load(2)

    history.applyLive({ id: '7', name: 'message', data: line(7, 'NodeMoved', 4) })
    history.page = 2
    history.applyLive({ id: '8', name: 'message', data: line(8, 'NodeMoved', 3) })

    expect(history.items).toEqual([])
    expect(history.total).toBe(120)
  })

  it('tells a line by its node and type', () => {
    expect(matches(line(1, 'NodeMoved', 3), { nodeId: 3, type: null })).toBe(true)
    expect(matches(line(1, 'NodeMoved', 3), { nodeId: 4, type: null })).toBe(false)
    expect(matches(line(1, 'NodeMoved', 3), { nodeId: null, type: 'NodeMoved' })).toBe(true)
    expect(matches(line(1, 'NodeMoved', 3), { nodeId: null, type: 'LinkCreated' })).toBe(false)
  })

  it('sorts lines into graph edits, jobs, packages and the rest', () => {
    expect(kindOf('LinkCreated')).toBe('graph')
    expect(kindOf('JobProcessed')).toBe('job')
    expect(kindOf('PackageCreated')).toBe('package')
    expect(kindOf('ProjectMemberSet')).toBe('project')
    expect(kindOf(undefined)).toBe('project')
  })
})
