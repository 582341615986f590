import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ApiError } from '../../src/api'
import { useGraphStore } from '../../src/stores/graph'
import { useNodeSettings } from '../../src/stores/nodeSettings'
import { FakePlatform, json, problem } from './fakePlatform'

const NODES = [{ id: 3, label: 'generate', kind: 'compute', x: 0, y: 0 }, { id: 4, label: 'square', kind: 'compute', x: 200, y: 0 }]

function platform (version = 7): FakePlatform {
  return new FakePlatform()
    .on('GET', '/api/projects/2', () => json(200, { id: 2, name: 'demo', version }))
    .on('GET', '/api/projects/2/nodes', () => json(200, NODES))
    .on('GET', '/api/projects/2/links', () => json(200, [{ id: 9, from_node_id: 3, to_node_id: 4, type: 'push' }]))
    .on('GET', '/api/projects/2/data_layers', () => json(200, [{ id: 1, label: 'main' }]))
    .on('GET', '/api/projects/2/data_layers/1/summary', () => json(200, [{ node_id: 3, packages: 1, waiting: 0, jobs: { Processed: 1 } }]))
}

describe('the graph store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('loads the project, its nodes, links and layers, and picks the first layer', async () => {
    platform().install()
    const graph = useGraphStore()

    await graph.load(2)

    expect(graph.name).toBe('demo')
    expect(graph.version).toBe(7)
    expect(graph.nodes.map((n) => n.label)).toEqual(['generate', 'square'])
    expect(graph.links).toHaveLength(1)
    expect(graph.layerId).toBe(1)
  })

  it('sends the version it last saw with an edit and keeps the one the answer carries', async () => {
    const fake = platform()
      .on('POST', '/api/projects/2/nodes', () => json(200, { id: 5, version: 8 }))
      .on('PATCH', '/api/projects/2/nodes/5', () => json(200, { id: 5, version: 9 }))
      .install()
    const graph = useGraphStore()
    await graph.load(2)

    await graph.addNode('plot', 'compute', 400, 0)
    await graph.moveNode(5, 420, 40)

    expect(fake.to('POST', '/api/projects/2/nodes')[0]?.body).toEqual({ label: 'plot', kind: 'compute', x: 400, y: 0, version: 7 })
    expect(fake.to('PATCH', '/api/projects/2/nodes/5')[0]?.body).toEqual({ x: 420, y: 40, version: 8 })
    expect(graph.version).toBe(9)
    expect(graph.nodeById.get(5)).toMatchObject({ label: 'plot', x: 420, y: 40 })
  })

  it('gives a new compute node its container', async () => {
    const fake = platform().on('POST', '/api/projects/2/nodes', () => json(200, { id: 5, version: 8 })).install()
    const graph = useGraphStore()
    await graph.load(2)

    await graph.addNode('plot', 'compute', 0, 0, { image: 'python:3.12-slim', script: 'python plot.py' })

    expect(fake.to('POST', '/api/projects/2/nodes')[0]?.body).toMatchObject(
      { container: { image: 'python:3.12-slim', script: 'python plot.py' } })
    expect(graph.nodeById.get(5)?.container?.image).toBe('python:3.12-slim')
  })

  it('on a conflict shows the project as it is now, says so, and does not retry the edit', async () => {
    let version = 7
    const fake = platform()
      .on('GET', '/api/projects/2', () => json(200, { id: 2, name: 'demo', version }))
      .on('PATCH', '/api/projects/2/nodes/3', () => {
        version = 12   // someone else edited meanwhile
        return problem(409, 'Someone else changed this since the version you sent', 'version')
      })
      .install()
    const graph = useGraphStore()
    await graph.load(2)

    await expect(graph.renameNode(3, 'make numbers')).rejects.toBeInstanceOf(ApiError)

    expect(fake.to('PATCH', '/api/projects/2/nodes/3')).toHaveLength(1)
    expect(graph.version).toBe(12)
    expect(graph.nodeById.get(3)?.label).toBe('generate')
    expect(graph.conflict).toContain('rename a node')
  })

  it('puts a moved node back where it was when the move is refused', async () => {
    platform()
      .on('PATCH', '/api/projects/2/nodes/4', () => problem(400, 'x must be a finite number', 'x'))
      .install()
    const graph = useGraphStore()
    await graph.load(2)

    await expect(graph.moveNode(4, 1e9, 0)).rejects.toMatchObject({ problem: { field: 'x' } })

    expect(graph.nodeById.get(4)).toMatchObject({ x: 200, y: 0 })
    expect(graph.conflict).toBeNull()
  })

  it('loads each node\'s counts for the badges with the graph', async () => {
    platform().install()
    const graph = useGraphStore()

    await graph.load(2)

    expect(graph.summaries[3]?.jobs).toEqual({ Processed: 1 })
  })

  it('shows another user\'s edit from the live stream and takes its version for the next edit', async () => {
    const fake = platform().on('PATCH', '/api/projects/2/nodes/4', () => json(200, { id: 4, version: 9 })).install()
    const graph = useGraphStore()
    await graph.load(2)

    graph.applyLive({ id: '40', name: 'NodeRenamed', data: { id: 40, type: 'NodeRenamed', project_version: 8, data: { nodeId: 3, label: 'make numbers' } } })
    await graph.moveNode(4, 10, 10)

    expect(graph.nodeById.get(3)?.label).toBe('make numbers')
    expect(fake.to('PATCH', '/api/projects/2/nodes/4')[0]?.body).toMatchObject({ version: 8 })
  })

  it('shows a node it made once, also when the live stream showed it before the answer came', async () => {
    platform().on('POST', '/api/projects/2/nodes', () => {
      graph.applyLive({ id: '41', name: 'NodeCreated', data: { id: 41, type: 'NodeCreated', project_version: 8, data: { nodeId: 5, label: 'plot', kind: 'data', x: 0, y: 0 } } })
      return json(200, { id: 5, version: 8 })
    }).install()
    const graph = useGraphStore()
    await graph.load(2)

    await graph.addNode('plot', 'data', 0, 0)

    expect(graph.nodes.filter((n) => n.id === 5)).toHaveLength(1)
  })

  it('reloads the counts once for a burst of job updates', async () => {
    vi.useFakeTimers()
    try {
      const fake = platform().install()
      const graph = useGraphStore()
      await graph.load(2)

      for (let i = 0; i < 50; i++) {
        graph.applyLive({ id: String(100 + i), name: 'JobStatusReported', data: { id: 100 + i, type: 'JobStatusReported', job_id: 7, data: { jobId: 7 } } })
      }
      await vi.runAllTimersAsync()

      expect(fake.to('GET', '/api/projects/2/data_layers/1/summary')).toHaveLength(2)
    } finally {
      vi.useRealTimers()
    }
  })

  it('saves a node panel\'s change with the version it last saw', async () => {
    const fake = platform().on('PATCH', '/api/projects/2/nodes/3', () => json(200, { id: 3, version: 8 })).install()
    const graph = useGraphStore()
    await graph.load(2)

    await graph.updateNode(3, { label: 'make numbers', container: { image: 'bash:5', script: 'seq 10' } })

    expect(fake.to('PATCH', '/api/projects/2/nodes/3')[0]?.body).toEqual(
      { label: 'make numbers', container: { image: 'bash:5', script: 'seq 10' }, version: 7 })
    expect(graph.nodeById.get(3)).toMatchObject({ label: 'make numbers', container: { image: 'bash:5' } })
    expect(graph.version).toBe(8)
  })

  it('drops a deleted node and its links', async () => {
    const fake = platform()
      .on('DELETE', '/api/projects/2/nodes/3', () => json(200, { id: 3, version: 8 }))
      .install()
    const graph = useGraphStore()
    await graph.load(2)

    await graph.deleteNode(3)

    expect(fake.to('DELETE', '/api/projects/2/nodes/3')[0]?.query.get('version')).toBe('7')
    expect(graph.nodes.map((n) => n.id)).toEqual([4])
    expect(graph.links).toEqual([])
  })

  it('connects two nodes with a push link carrying the filter', async () => {
    const fake = platform()
      .on('POST', '/api/projects/2/links', () => json(200, { id: 10, version: 8 }))
      .install()
    const graph = useGraphStore()
    await graph.load(2)

    await graph.connect(4, 3, 'pull', 'numbers-*')

    expect(fake.to('POST', '/api/projects/2/links')[0]?.body).toEqual(
      { from_node_id: 4, to_node_id: 3, type: 'pull', package_filter: 'numbers-*', version: 7 })
    expect(graph.links.at(-1)).toMatchObject({ id: 10, from_node_id: 4, to_node_id: 3, type: 'pull' })
  })

  it('changes a link by making it again, and puts the old one back when the new one is refused', async () => {
    let made = 0
    const fake = platform()
      .onPrefix('DELETE', '/api/projects/2/links/', () => json(200, { version: 8 }))
      .on('POST', '/api/projects/2/links', (sent) => {
        made += 1
        const body = sent.body as { package_filter?: string }
        return body.package_filter === '(bad' ? problem(400, 'package_filter is not a regular expression', 'package_filter')
          : json(201, { id: 10 + made, version: 8 + made })
      })
      .install()
    const graph = useGraphStore()
    await graph.load(2)

    await expect(graph.changeLink(9, 'pull', '(bad', {})).rejects.toBeInstanceOf(ApiError)

    const posts = fake.to('POST', '/api/projects/2/links').map((s) => s.body)
    expect(posts[1]).toMatchObject({ from_node_id: 3, to_node_id: 4, type: 'push', package_filter: '' })
    expect(graph.links.map((l) => [l.id, l.type])).toEqual([[12, 'push']])

    const id = await graph.changeLink(12, 'pull', '^run', { count: 'n' })
    expect(fake.to('POST', '/api/projects/2/links')[2]?.body).toMatchObject({ type: 'pull', package_filter: '^run', mapping: { count: 'n' } })
    expect(graph.links.find((l) => l.id === id)).toMatchObject({ type: 'pull', package_filter: '^run', mapping: { count: 'n' } })
  })

  it('switches a node off in the layer shown, with the version, and on again', async () => {
    const fake = platform()
      .on('PUT', '/api/projects/2/nodes/3/data_layers/1/active', (sent) => json(200, { version: (sent.body as { version: number }).version + 1 }))
      .install()
    const graph = useGraphStore()
    await graph.load(2)
    graph.nodes = graph.nodes.map((n) => ({ ...n, active_layers: [1] }))

    const settings = useNodeSettings()
    await settings.setActive(3, false)
    expect(graph.nodeById.get(3)?.active_layers).toEqual([])
    await settings.setActive(3, true)

    expect(fake.to('PUT', '/api/projects/2/nodes/3/data_layers/1/active').map((s) => s.body))
      .toEqual([{ active: false, version: 7 }, { active: true, version: 8 }])
    expect(graph.nodeById.get(3)?.active_layers).toEqual([1])
    expect(graph.version).toBe(9)
  })

  it('filters the badges to a package\'s lineage, and back to everything', async () => {
    const fake = platform().install()
    const graph = useGraphStore()
    await graph.load(2)

    await graph.setMaster(42)
    await graph.setMaster(null)

    const asked = fake.to('GET', '/api/projects/2/data_layers/1/summary').map((s) => s.query.get('master_id'))
    expect(asked).toEqual([null, '42', null])
    expect(graph.masterId).toBeNull()
  })
})
