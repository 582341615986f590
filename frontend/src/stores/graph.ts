import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError, api, unwrap, type CommandSchemas, type QuerySchemas } from '../api'
import { follow, type Following, type LiveEvent } from '../api/live'
import { applyToGraph, touchesCounts, versionAfter, type LiveLine } from './liveGraph'

export type GraphNode = QuerySchemas['NodeView']
export type GraphLink = QuerySchemas['LinkView']
export type DataLayer = QuerySchemas['DataLayerView']
export type LinkType = 'push' | 'pull'
export type NodeSummary = QuerySchemas['NodeSummary']
export type Container = CommandSchemas['ContainerBody']
export interface NodeChange {
  label?: string
  executor_id?: number
  container?: Container
}

/**
 * One project's graph as the editor shows it. Every edit carries the project version this store last saw; the
 * answer's version becomes the next one. When someone else changed the project first (409), the graph is loaded
 * again and `conflict` says so, and the edit is not retried: the user looks and applies it again.
 */
export const useGraphStore = defineStore('graph', () => {
  const projectId = ref<number | null>(null)
  const name = ref('')
  const version = ref(0)
  const nodes = ref<GraphNode[]>([])
  const links = ref<GraphLink[]>([])
  const layers = ref<DataLayer[]>([])
  const layerId = ref<number | null>(null)
  const loading = ref(false)
  const conflict = ref<string | null>(null)
  /** Each node's packages and jobs in the current layer, by node id: the badges. */
  const summaries = ref<Record<number, NodeSummary>>({})
  /** The package whose lineage the graph is filtered to (badges and package lists), or null for everything. */
  const masterId = ref<number | null>(null)
  /** Whether the live stream is connected (the badges and the graph follow other users' changes). */
  const liveSince = ref<string | null>(null)
  let live: Following | null = null
  let summaryDue: ReturnType<typeof setTimeout> | null = null

  const nodeById = computed(() => new Map(nodes.value.map((n) => [n.id as number, n])))

  async function load (id: number): Promise<void> {
    loading.value = true
    try {
      const path = { params: { path: { projectId: id } } }
      const [project, nodeList, linkList, layerList] = await Promise.all([
        api().query.GET('/api/projects/{projectId}', path),
        api().query.GET('/api/projects/{projectId}/nodes', path),
        api().query.GET('/api/projects/{projectId}/links', path),
        api().query.GET('/api/projects/{projectId}/data_layers', path),
      ])
      const view = unwrap(project)
      if (projectId.value !== id) {
        masterId.value = null
      }
      projectId.value = id
      name.value = view.name ?? view.label ?? ''
      version.value = view.version ?? 0
      nodes.value = unwrap(nodeList)
      links.value = unwrap(linkList)
      layers.value = unwrap(layerList)
      if (layerId.value === null || !layers.value.some((l) => l.id === layerId.value)) {
        layerId.value = layers.value[0]?.id ?? null
      }
    } finally {
      loading.value = false
    }
    // the badges are extra: the graph shows without them
    await loadSummary().catch(() => { summaries.value = {} })
  }

  /** Filters the graph to a package's lineage (null: shows everything again). */
  async function setMaster (packageId: number | null): Promise<void> {
    masterId.value = packageId
    await loadSummary()
  }

  async function loadSummary (): Promise<void> {
    const id = projectId.value
    const layer = layerId.value
    if (id === null || layer === null) {
      summaries.value = {}
      return
    }
    const list = unwrap(await api().query.GET('/api/projects/{projectId}/data_layers/{layerId}/summary', {
      params: { path: { projectId: id, layerId: layer }, query: masterId.value === null ? {} : { master_id: masterId.value } },
    }))
    summaries.value = Object.fromEntries(list.map((s) => [s.node_id as number, s]))
  }

  /** Counts change in bursts (a job reports several statuses a second): one reload per burst. */
  function summaryLater (): void {
    if (summaryDue === null) {
      summaryDue = setTimeout(() => {
        summaryDue = null
        void loadSummary().catch(() => undefined)
      }, 300)
    }
  }

  /** A line of the live stream, applied to what the editor shows. */
  function applyLive (event: LiveEvent): void {
    liveSince.value = event.id
    if (event.name === 'ready' || event.data === null || typeof event.data !== 'object') {
      return
    }
    const line = event.data as LiveLine
    const graph = applyToGraph({ nodes: nodes.value, links: links.value }, line)
    if (graph.nodes !== nodes.value) {
      nodes.value = graph.nodes
    }
    if (graph.links !== links.value) {
      links.value = graph.links
    }
    version.value = versionAfter(version.value, line)
    if (touchesCounts(line)) {
      summaryLater()
    }
  }

  /** Follows the loaded project's live stream until stopLive (or another project is followed). */
  function startLive (): void {
    stopLive()
    const id = requireProject()
    live = follow(api().fetch, `${api().baseUrl}/api/projects/${id}/live`, {
      onEvent: applyLive,
      onReset: () => { void load(id) },
      onRefused: () => { liveSince.value = null },
    })
  }

  function stopLive (): void {
    live?.stop()
    live = null
    liveSince.value = null
  }

  /** Runs an edit with the current version; keeps the version it answers; on 409 reloads and says so. */
  async function edit<T extends { version?: number }> (what: string, send: (version: number) => Promise<T>): Promise<T> {
    const id = requireProject()
    try {
      const answer = await send(version.value)
      if (typeof answer.version === 'number') {
        version.value = answer.version
      }
      conflict.value = null
      return answer
    } catch (error) {
      if (error instanceof ApiError && error.conflict) {
        await load(id)
        conflict.value = `Someone else changed this project while you were editing; it is shown as it is now. ` +
          `Apply your change (${what}) again if it still makes sense.`
      }
      throw error
    }
  }

  /** A new node; a compute node needs its container (image and script). */
  async function addNode (label: string, kind: 'compute' | 'data', x: number, y: number,
    container?: { image: string, script: string }): Promise<number> {
    const id = requireProject()
    const made = await edit(`add ${label}`, async (v) => unwrap(await api().command.POST(
      '/api/projects/{projectId}/nodes', {
        params: { path: { projectId: id } },
        body: { label, kind, x, y, version: v, ...(container === undefined ? {} : { container }) },
      })))
    const nodeId = idOf(made)
    const node: GraphNode = { id: nodeId, label, kind, type: kind, x, y, parameters: [], files: [] }
    if (container !== undefined) {
      node.container = container
    }
    // the live stream may have shown it already (its event can arrive before this answer)
    nodes.value = [...nodes.value.filter((n) => n.id !== nodeId), node]
    return nodeId
  }

  /** Moves a node; its place on screen changes at once and goes back if the edit is refused. */
  async function moveNode (nodeId: number, x: number, y: number): Promise<void> {
    const id = requireProject()
    const node = nodeById.value.get(nodeId)
    const before = node === undefined ? null : { x: node.x ?? 0, y: node.y ?? 0 }
    replaceNode(nodeId, { x, y })
    try {
      await edit('move a node', async (v) => unwrap(await api().command.PATCH(
        '/api/projects/{projectId}/nodes/{nodeId}',
        { params: { path: { projectId: id, nodeId } }, body: { x, y, version: v } })))
    } catch (error) {
      if (before !== null && !(error instanceof ApiError && error.conflict)) {
        replaceNode(nodeId, before)
      }
      throw error
    }
  }

  /**
   * Changes a node's label, executor or container (the whole container: what the node panel shows is what it
   * sends). Only what is given changes.
   */
  async function updateNode (nodeId: number, change: NodeChange): Promise<void> {
    const id = requireProject()
    await edit('change a node', async (v) => unwrap(await api().command.PATCH(
      '/api/projects/{projectId}/nodes/{nodeId}',
      { params: { path: { projectId: id, nodeId } }, body: { ...change, version: v } })))
    const applied: Partial<GraphNode> = {}
    if (change.label !== undefined) {
      applied.label = change.label
    }
    if (change.executor_id !== undefined) {
      applied.executor_id = change.executor_id
    }
    if (change.container !== undefined) {
      applied.container = change.container
    }
    replaceNode(nodeId, applied)
  }

  async function renameNode (nodeId: number, label: string): Promise<void> {
    const id = requireProject()
    await edit('rename a node', async (v) => unwrap(await api().command.PATCH(
      '/api/projects/{projectId}/nodes/{nodeId}',
      { params: { path: { projectId: id, nodeId } }, body: { label, version: v } })))
    replaceNode(nodeId, { label })
  }

  async function connect (from: number, to: number, type: LinkType = 'push', packageFilter?: string,
    mapping?: Record<string, string>): Promise<number> {
    const id = requireProject()
    const made = await edit('connect two nodes', async (v) => unwrap(await api().command.POST(
      '/api/projects/{projectId}/links', {
        params: { path: { projectId: id } },
        body: {
          from_node_id: from, to_node_id: to, type, version: v,
          ...(packageFilter === undefined ? {} : { package_filter: packageFilter }),
          ...(mapping === undefined ? {} : { mapping }),
        },
      })))
    const linkId = idOf(made)
    links.value = [...links.value.filter((l) => l.id !== linkId), {
      id: linkId, from_node_id: from, to_node_id: to, src_id: from, dst_id: to, type,
      ...(packageFilter === undefined ? {} : { package_filter: packageFilter }),
      ...(mapping === undefined ? {} : { mapping }),
    }]
    return linkId
  }

  /**
   * Changes a link: the platform has no edit of a link, so it is deleted and made again with the change (a new id).
   * When the new one is refused, the old one is made again as it was, and the refusal is passed on.
   */
  async function changeLink (linkId: number, type: LinkType, packageFilter: string,
    mapping: Record<string, string>): Promise<number> {
    const old = links.value.find((l) => l.id === linkId)
    if (old === undefined) {
      throw new Error(`link ${linkId} is not in the graph`)
    }
    const from = old.from_node_id as number
    const to = old.to_node_id as number
    await deleteLink(linkId)
    try {
      return await connect(from, to, type, packageFilter, mapping)
    } catch (error) {
      await connect(from, to, old.type === 'pull' ? 'pull' : 'push', old.package_filter ?? '', old.mapping ?? {})
        .catch(() => undefined)
      throw error
    }
  }

  async function deleteLink (linkId: number): Promise<void> {
    const id = requireProject()
    await edit('delete a link', async (v) => unwrap(await api().command.DELETE(
      '/api/projects/{projectId}/links/{linkId}',
      { params: { path: { projectId: id, linkId }, query: { version: v } } })))
    links.value = links.value.filter((l) => l.id !== linkId)
  }

  /** Deletes a node (and, as the platform does, its links). */
  async function deleteNode (nodeId: number): Promise<void> {
    const id = requireProject()
    await edit('delete a node', async (v) => unwrap(await api().command.DELETE(
      '/api/projects/{projectId}/nodes/{nodeId}',
      { params: { path: { projectId: id, nodeId }, query: { version: v } } })))
    nodes.value = nodes.value.filter((n) => n.id !== nodeId)
    links.value = links.value.filter((l) => l.from_node_id !== nodeId && l.to_node_id !== nodeId)
  }

  function replaceNode (nodeId: number, change: Partial<GraphNode>): void {
    nodes.value = nodes.value.map((n) => (n.id === nodeId ? { ...n, ...change } : n))
  }

  function idOf (made: { id?: number }): number {
    if (typeof made.id !== 'number') {
      throw new Error('the platform answered no id for what it made')
    }
    return made.id
  }

  function requireProject (): number {
    if (projectId.value === null) {
      throw new Error('no project is loaded')
    }
    return projectId.value
  }

  return {
    projectId, name, version, nodes, links, layers, layerId, loading, conflict, nodeById, summaries, liveSince,
    masterId, load, loadSummary, setMaster, applyLive, startLive, stopLive, addNode, moveNode, renameNode, updateNode,
    connect, changeLink, deleteLink, deleteNode,
    // for the node's settings (stores/nodeSettings.ts): edits of the project through this store's version
    edit, replaceNode, requireProject,
  }
})
