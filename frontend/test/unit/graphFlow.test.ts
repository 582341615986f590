import { describe, expect, it } from 'vitest'
import {
  badgesOf, freshLabel, linkIdOf, nodeIdOf, placeForNewNode, toFlowEdges, toFlowNodes,
} from '../../src/composables/graphFlow'

describe('the graph as Vue Flow draws it', () => {
  it('draws each node at its saved place with its label and kind', () => {
    const [node] = toFlowNodes([{ id: 3, label: 'square', kind: 'compute', x: 10, y: 20 }])

    expect(node).toMatchObject({ id: 'n3', type: 'tributary', position: { x: 10, y: 20 },
      data: { nodeId: 3, label: 'square', kind: 'compute' } })
  })

  it('gives each node the badges of its summary', () => {
    const badges = badgesOf({ node_id: 3, packages: 4, waiting: 1, jobs: { Started: 2 } })

    expect(badges).toEqual({ packages: 4, waitingPackages: 1, jobs: { waiting: 0, running: 2, done: 0, failed: 0 } })
  })

  it('groups job statuses into waiting, running, done and failed', () => {
    const badges = badgesOf({ node_id: 1, packages: 0, waiting: 0,
      jobs: { Created: 1, Queued: 2, Downloaded: 3, Uploaded: 1, Processed: 5, Error: 1, Dead: 1, Cancelled: 4 } })

    expect(badges.jobs).toEqual({ waiting: 3, running: 4, done: 5, failed: 2 })
    expect(badgesOf(undefined)).toEqual({ packages: 0, waitingPackages: 0, jobs: { waiting: 0, running: 0, done: 0, failed: 0 } })
  })

  it('draws a push link plainly between its two nodes', () => {
    const [edge] = toFlowEdges([{ id: 7, from_node_id: 3, to_node_id: 4, type: 'push' }])

    expect(edge).toEqual({
      id: 'l7', source: 'n3', target: 'n4', animated: false, markerEnd: 'arrowclosed', data: { linkId: 7, type: 'push' },
    })
  })

  it('names a pull link and its filter on the edge', () => {
    const [edge] = toFlowEdges([{ id: 8, src_id: 3, dst_id: 4, type: 'pull', package_filter: 'numbers-*' }])

    expect(edge?.label).toBe('pull · numbers-*')
    expect(edge?.animated).toBe(true)
    expect(edge?.source).toBe('n3')
  })

  it('reads ids back only from its own keys', () => {
    expect(nodeIdOf('n12')).toBe(12)
    expect(nodeIdOf('l12')).toBeNull()
    expect(nodeIdOf('n12x')).toBeNull()
    expect(linkIdOf('l5')).toBe(5)
  })

  it('places a new node right of the rightmost one, level with the highest', () => {
    expect(placeForNewNode([{ x: 0, y: 50 }, { x: 300, y: 10 }])).toEqual({ x: 520, y: 10 })
    expect(placeForNewNode([])).toEqual({ x: 0, y: 0 })
  })

  it('gives a new node a label no other node has', () => {
    expect(freshLabel([{ label: 'compute' }, { label: 'compute 2' }], 'compute')).toBe('compute 3')
    expect(freshLabel([{ label: 'data' }], 'compute')).toBe('compute')
  })

  it('draws a node switched off in the layer shown as off, and every node as on when no layer is shown', () => {
    const nodes = [{ id: 1, label: 'a', active_layers: [5] }, { id: 2, label: 'b', active_layers: [] }]
    expect(toFlowNodes(nodes, 5).map((n) => n.data.active)).toEqual([true, false])
    expect(toFlowNodes(nodes, null).map((n) => n.data.active)).toEqual([true, true])
  })
})
