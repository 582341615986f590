// What a line of a project's live stream changes in the graph the editor shows: pure functions, no I/O.
import type { GraphLink, GraphNode } from './graph'

/** A history line as the live stream sends it (query-service's HistoryView). */
export interface LiveLine {
  id: number
  type: string
  node_id?: number | null
  job_id?: number | null
  project_version?: number | null
  data: Record<string, unknown>
}

export interface Graph {
  nodes: GraphNode[]
  links: GraphLink[]
}

const JOB_OR_PACKAGE = /^(Job|Package)/

/**
 * Edits of the project whose effect the editor shows in full once applied: after one of them the editor may take
 * the project's new version as its own. After any other edit of the project (a container, parameters, …) it keeps
 * the version it had, so that its next edit is refused (409) and the editor loads what changed, rather than send an
 * edit based on what it never saw.
 */
const FOLLOWED = new Set(['NodeCreated', 'NodeRenamed', 'NodeMoved', 'NodeDeleted', 'LinkCreated', 'LinkDeleted',
  'ProjectMemberSet', 'ProjectMemberRemoved', 'ApiKeyCreated', 'ApiKeyRevoked', 'ProjectSecretSet',
  'ProjectSecretDeleted'])

/** The project version the editor holds after this line, from the one it held. */
export function versionAfter (held: number, line: LiveLine): number {
  const version = line.project_version
  if (typeof version !== 'number' || version <= held || !FOLLOWED.has(line.type)) {
    return held
  }
  return version
}

/** Whether a line changes what the badges count (packages, jobs). */
export function touchesCounts (line: LiveLine): boolean {
  return JOB_OR_PACKAGE.test(line.type) || line.type === 'PackagesProcessingRequested' ||
    line.type === 'NodeJobsRerunRequested'
}

/** The graph after the line; the same object when the line changes nothing in it (a repeat, another kind). */
export function applyToGraph (graph: Graph, line: LiveLine): Graph {
  const d = line.data
  const nodeId = typeof d.nodeId === 'number' ? d.nodeId : null
  switch (line.type) {
    case 'NodeCreated': {
      if (nodeId === null || graph.nodes.some((n) => n.id === nodeId)) {
        return graph
      }
      const node: GraphNode = {
        id: nodeId, label: String(d.label ?? ''), kind: String(d.kind ?? 'compute'), type: String(d.kind ?? 'compute'),
        x: Number(d.x ?? 0), y: Number(d.y ?? 0), parameters: [], files: [],
      }
      return { ...graph, nodes: [...graph.nodes, node] }
    }
    case 'NodeRenamed':
      return changeNode(graph, nodeId, { label: String(d.label ?? '') })
    case 'NodeMoved':
      return changeNode(graph, nodeId, { x: Number(d.x ?? 0), y: Number(d.y ?? 0) })
    case 'NodeDeleted':
      if (nodeId === null || !graph.nodes.some((n) => n.id === nodeId)) {
        return graph
      }
      return {
        nodes: graph.nodes.filter((n) => n.id !== nodeId),
        links: graph.links.filter((l) => l.from_node_id !== nodeId && l.to_node_id !== nodeId),
      }
    case 'LinkCreated': {
      const linkId = typeof d.linkId === 'number' ? d.linkId : null
      if (linkId === null || graph.links.some((l) => l.id === linkId)) {
        return graph
      }
      const from = Number(d.fromNodeId)
      const to = Number(d.toNodeId)
      const link: GraphLink = { id: linkId, from_node_id: from, to_node_id: to, src_id: from, dst_id: to, type: String(d.type ?? 'push') }
      if (typeof d.packageFilter === 'string' && d.packageFilter !== '') {
        link.package_filter = d.packageFilter
      }
      return { ...graph, links: [...graph.links, link] }
    }
    case 'LinkDeleted': {
      const linkId = typeof d.linkId === 'number' ? d.linkId : null
      if (linkId === null || !graph.links.some((l) => l.id === linkId)) {
        return graph
      }
      return { ...graph, links: graph.links.filter((l) => l.id !== linkId) }
    }
    default:
      return graph
  }
}

function changeNode (graph: Graph, nodeId: number | null, change: Partial<GraphNode>): Graph {
  const node = graph.nodes.find((n) => n.id === nodeId)
  if (node === undefined || Object.entries(change).every(([k, v]) => (node as Record<string, unknown>)[k] === v)) {
    return graph
  }
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === nodeId ? { ...n, ...change } : n)) }
}
