// The graph as Vue Flow draws it: pure functions from the store's nodes and links, no I/O.
import type { GraphLink, GraphNode, NodeSummary } from '../stores/graph'

/** A node's jobs as its badges group them. */
export interface JobBadges {
  waiting: number
  running: number
  done: number
  failed: number
}

export interface NodeBadges {
  packages: number
  waitingPackages: number
  jobs: JobBadges
}

const WAITING = new Set(['Created', 'Dispatched', 'Queued'])
const RUNNING = new Set(['Started', 'Downloaded', 'Calculated', 'Uploaded', 'Produced'])
const FAILED = new Set(['Error', 'Dead'])

/** The badges of a node from its summary (no summary: nothing to show). */
export function badgesOf (summary: NodeSummary | undefined): NodeBadges {
  const jobs: JobBadges = { waiting: 0, running: 0, done: 0, failed: 0 }
  for (const [status, count] of Object.entries(summary?.jobs ?? {})) {
    if (WAITING.has(status)) {
      jobs.waiting += count
    } else if (RUNNING.has(status)) {
      jobs.running += count
    } else if (status === 'Processed') {
      jobs.done += count
    } else if (FAILED.has(status)) {
      jobs.failed += count
    }
  }
  return { packages: summary?.packages ?? 0, waitingPackages: summary?.waiting ?? 0, jobs }
}

export interface FlowNode {
  id: string
  type: 'tributary'
  position: { x: number, y: number }
  data: { nodeId: number, label: string, kind: string, active: boolean }
}

export interface FlowEdge {
  id: string
  source: string
  target: string
  label?: string
  animated: boolean
  markerEnd: 'arrowclosed'
  data: { linkId: number, type: string }
}

export function nodeKey (id: number): string {
  return `n${id}`
}

export function linkKey (id: number): string {
  return `l${id}`
}

/** The node id behind a Vue Flow node id (`n12` → 12), or null for anything else. */
export function nodeIdOf (key: string): number | null {
  const match = /^n(\d+)$/.exec(key)
  return match === null ? null : Number(match[1])
}

export function linkIdOf (key: string): number | null {
  const match = /^l(\d+)$/.exec(key)
  return match === null ? null : Number(match[1])
}

/**
 * The nodes as Vue Flow takes them. Their badges are not here: each card reads its node's summary itself, so that
 * counts changing by the second (jobs running) redraw a badge, not the whole graph (bench/frontend).
 * @param layerId the data layer shown: a node switched off in it is drawn so (every node is on when none is)
 */
export function toFlowNodes (nodes: GraphNode[], layerId: number | null = null): FlowNode[] {
  return nodes.filter((n) => typeof n.id === 'number').map((n) => ({
    id: nodeKey(n.id as number),
    type: 'tributary',
    position: { x: n.x ?? 0, y: n.y ?? 0 },
    data: {
      nodeId: n.id as number,
      label: n.label ?? '',
      kind: n.kind ?? n.type ?? 'compute',
      active: layerId === null || (n.active_layers ?? []).includes(layerId),
    },
  }))
}

/** A pull link is drawn dashed and named; a filter shows as the edge's label. */
export function toFlowEdges (links: GraphLink[]): FlowEdge[] {
  return links.filter((l) => typeof l.id === 'number').map((l) => {
    const type = l.type ?? 'push'
    const parts = [type === 'pull' ? 'pull' : '', l.package_filter ?? ''].filter((p) => p !== '')
    const edge: FlowEdge = {
      id: linkKey(l.id as number),
      source: nodeKey((l.from_node_id ?? l.src_id) as number),
      target: nodeKey((l.to_node_id ?? l.dst_id) as number),
      animated: type === 'pull',
      markerEnd: 'arrowclosed',
      data: { linkId: l.id as number, type },
    }
    if (parts.length > 0) {
      edge.label = parts.join(' · ')
    }
    return edge
  })
}

/** Where a new node goes: right of the rightmost one, or at the origin in an empty graph. */
export function placeForNewNode (nodes: GraphNode[]): { x: number, y: number } {
  if (nodes.length === 0) {
    return { x: 0, y: 0 }
  }
  const right = Math.max(...nodes.map((n) => n.x ?? 0))
  const top = Math.min(...nodes.map((n) => n.y ?? 0))
  return { x: right + 220, y: top }
}

/** A label not yet used in the graph: `compute`, `compute 2`, … */
export function freshLabel (nodes: GraphNode[], base: string): string {
  const used = new Set(nodes.map((n) => n.label))
  if (!used.has(base)) {
    return base
  }
  let n = 2
  while (used.has(`${base} ${n}`)) {
    n += 1
  }
  return `${base} ${n}`
}
