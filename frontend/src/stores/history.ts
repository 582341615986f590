import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap, type QuerySchemas } from '../api'
import { follow, type Following, type LiveEvent } from '../api/live'

export type HistoryLine = QuerySchemas['HistoryView']

export interface HistoryFilter {
  nodeId: number | null
  type: string | null
}

/** Whether a line of the live stream belongs on the page the filter shows. */
export function matches (line: HistoryLine, filter: HistoryFilter): boolean {
  return (filter.nodeId === null || line.node_id === filter.nodeId) && (filter.type === null || line.type === filter.type)
}

/** Where a line belongs: edits of the graph, jobs, packages, or the project's people and settings. */
export function kindOf (type: string | undefined): 'graph' | 'job' | 'package' | 'project' {
  if (type === undefined) {
    return 'project'
  }
  if (type.startsWith('Job')) {
    return 'job'
  }
  if (type.startsWith('Package')) {
    return 'package'
  }
  return /^(Node|Link|DataLayer|Parameter)/.test(type) ? 'graph' : 'project'
}

/**
 * A project's history, newest first, a page at a time, filtered by node and type. While the first page is shown,
 * what happens in the project is added at its top as it happens (the live stream).
 */
export const useHistoryStore = defineStore('history', () => {
  const projectId = ref<number | null>(null)
  const items = ref<HistoryLine[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(50)
  const filter = ref<HistoryFilter>({ nodeId: null, type: null })
  const loading = ref(false)
  /** Every type seen so far: the type filter's choices. */
  const types = ref<string[]>([])
  let live: Following | null = null

  async function load (id: number): Promise<void> {
    projectId.value = id
    loading.value = true
    try {
      const answer = unwrap(await api().query.GET('/api/projects/{projectId}/history', {
        params: {
          path: { projectId: id },
          query: {
            page: page.value, page_size: pageSize.value,
            ...(filter.value.nodeId === null ? {} : { node_id: filter.value.nodeId }),
            ...(filter.value.type === null ? {} : { type: filter.value.type }),
          },
        },
      }))
      items.value = answer.items ?? []
      total.value = answer.total ?? 0
      seen(items.value)
    } finally {
      loading.value = false
    }
  }

  function seen (lines: HistoryLine[]): void {
    const fresh = lines.map((l) => l.type).filter((t): t is string => t !== undefined && !types.value.includes(t))
    if (fresh.length > 0) {
      types.value = [...new Set([...types.value, ...fresh])].sort()
    }
  }

  /** A line of the live stream: on top of the first page when the filter lets it in (other pages stay as they are). */
  function applyLive (event: LiveEvent): void {
    if (event.name === 'ready' || event.data === null || typeof event.data !== 'object') {
      return
    }
    const line = event.data as HistoryLine
    seen([line])
    if (page.value !== 1 || !matches(line, filter.value) || items.value.some((l) => l.id === line.id)) {
      return
    }
    total.value += 1
    items.value = [line, ...items.value].slice(0, pageSize.value)
  }

  function startLive (): void {
    stopLive()
    const id = projectId.value
    if (id === null) {
      return
    }
    // unfiltered, from the newest line shown on: nothing between the page and the stream is missed (lines are told
    // apart by id, so none shows twice). Filtered, the newest line shown may be far back: the stream starts now.
    const newest = items.value[0]?.id
    const unfiltered = filter.value.nodeId === null && filter.value.type === null
    live = follow(api().fetch, `${api().baseUrl}/api/projects/${id}/live`, {
      lastEventId: unfiltered && newest !== undefined ? String(newest) : null,
      onEvent: applyLive,
      onReset: () => { void load(id) },
    })
  }

  function stopLive (): void {
    live?.stop()
    live = null
  }

  return { projectId, items, total, page, pageSize, filter, loading, types, load, applyLive, startLive, stopLive }
})
