import { describe, expect, it } from 'vitest'
import { applyToGraph, touchesCounts, versionAfter, type LiveLine } from '../../src/stores/liveGraph'

const GRAPH = {
  nodes: [{ id: 3, label: 'generate', kind: 'compute', x: 0, y: 0 }, { id: 4, label: 'square', kind: 'compute', x: 200, y: 0 }],
  links: [{ id: 9, from_node_id: 3, to_node_id: 4, type: 'push' }],
}

function line (type: string, data: Record<string, unknown>, version?: number): LiveLine {
  return { id: 1, type, data, project_version: version ?? null }
}

describe('a live line applied to the graph', () => {
  it('adds a node another user made', () => {
    const after = applyToGraph(GRAPH, line('NodeCreated', { nodeId: 5, label: 'plot', kind: 'data', x: 40, y: 60 }))

    expect(after.nodes.at(-1)).toMatchObject({ id: 5, label: 'plot', kind: 'data', x: 40, y: 60 })
  })

  it('changes nothing for a node it already shows (its own edit coming back)', () => {
    const repeat = applyToGraph(GRAPH, line('NodeCreated', { nodeId: 3, label: 'generate', kind: 'compute' }))
    const samePlace = applyToGraph(GRAPH, line('NodeMoved', { nodeId: 4, x: 200, y: 0 }))

    expect(repeat).toBe(GRAPH)
    expect(samePlace).toBe(GRAPH)
  })

  it('moves and renames a node', () => {
    const moved = applyToGraph(GRAPH, line('NodeMoved', { nodeId: 4, x: 10, y: 20 }))
    const renamed = applyToGraph(moved, line('NodeRenamed', { nodeId: 4, label: 'cube' }))

    expect(renamed.nodes.find((n) => n.id === 4)).toMatchObject({ label: 'cube', x: 10, y: 20 })
  })

  it('drops a deleted node with its links', () => {
    const after = applyToGraph(GRAPH, line('NodeDeleted', { nodeId: 3 }))

    expect(after.nodes.map((n) => n.id)).toEqual([4])
    expect(after.links).toEqual([])
  })

  it('adds and drops links', () => {
    const added = applyToGraph(GRAPH, line('LinkCreated',
      { linkId: 10, fromNodeId: 4, toNodeId: 3, type: 'pull', packageFilter: 'numbers-*' }))
    const dropped = applyToGraph(added, line('LinkDeleted', { linkId: 9 }))

    expect(dropped.links).toEqual([{ id: 10, from_node_id: 4, to_node_id: 3, src_id: 4, dst_id: 3, type: 'pull', package_filter: 'numbers-*' }])
  })

  it('leaves the graph alone for jobs and packages, which the badges count', () => {
    const job = line('JobStatusReported', { jobId: 7, status: 'Started' })

    expect(applyToGraph(GRAPH, job)).toBe(GRAPH)
    expect(touchesCounts(job)).toBe(true)
    expect(touchesCounts(line('PackageCreated', {}))).toBe(true)
    expect(touchesCounts(line('NodeMoved', {}))).toBe(false)
  })
})

describe('the version the editor holds', () => {
  it('follows an edit it shows in full', () => {
    expect(versionAfter(7, line('NodeMoved', { nodeId: 4 }, 8))).toBe(8)
  })

  it('keeps its version after an edit it does not show, so that its next edit is refused and reloads', () => {
    expect(versionAfter(7, line('NodeContainerChanged', { nodeId: 4 }, 8))).toBe(7)
  })

  it('never goes back', () => {
    expect(versionAfter(9, line('NodeMoved', { nodeId: 4 }, 8))).toBe(9)
    expect(versionAfter(9, line('JobCreated', {}))).toBe(9)
  })
})
