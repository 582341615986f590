import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap, type QuerySchemas } from '../api'
import { follow, type Following } from '../api/live'

export type JobView = QuerySchemas['JobView']

/** The statuses a job goes through, in order, then its ends (the platform's JobStatus wire names). */
export const JOB_STATUSES = ['Created', 'Dispatched', 'Queued', 'Started', 'Downloaded', 'Calculated', 'Uploaded',
  'Produced', 'Processed', 'Error', 'Dead', 'Cancelled'] as const
export const ENDED = new Set(['Processed', 'Error', 'Dead', 'Cancelled'])

/** The colour of a status chip: done, failed, stopped, running, waiting. */
export function statusColor (status: string | undefined): string {
  switch (status) {
    case 'Processed': return 'positive'
    case 'Error': case 'Dead': return 'negative'
    case 'Cancelled': return 'grey-7'
    case 'Created': case 'Dispatched': case 'Queued': return 'blue-grey-5'
    default: return 'info'
  }
}

/** How long a job took or has been taking, from its first status to its last (or to now while it runs). */
export function durationOf (job: JobView, now: number = Date.now()): string {
  const history = job.history ?? []
  const first = history[0]?.at
  if (first === undefined) {
    return ''
  }
  const last = ENDED.has(job.status ?? '') ? history[history.length - 1]?.at : undefined
  const ms = (last === undefined ? now : Date.parse(last)) - Date.parse(first)
  if (!Number.isFinite(ms) || ms < 0) {
    return ''
  }
  const s = Math.round(ms / 1000)
  return s < 60 ? `${s} s` : s < 3600 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
}

/** One node's jobs in one data layer (a page, newest first, of the statuses chosen), and the job opened. */
export const useJobsStore = defineStore('jobs', () => {
  const where = ref<{ projectId: number, nodeId: number, layerId: number } | null>(null)
  const items = ref<JobView[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(20)
  const statuses = ref<string[]>([])
  const loading = ref(false)
  /** The job whose view is open, its log lines so far, and whether the log is complete. */
  const job = ref<JobView | null>(null)
  const log = ref<string[]>([])
  const logEnded = ref(false)
  let logStream: Following | null = null

  function at (projectId: number, nodeId: number, layerId: number): void {
    if (where.value?.projectId !== projectId || where.value.nodeId !== nodeId || where.value.layerId !== layerId) {
      where.value = { projectId, nodeId, layerId }
      items.value = []
      total.value = 0
      page.value = 1
    }
  }

  async function load (): Promise<void> {
    if (where.value === null) {
      throw new Error('no node is chosen')
    }
    const { projectId, nodeId, layerId } = where.value
    loading.value = true
    try {
      const answer = unwrap(await api().query.GET('/api/projects/{projectId}/nodes/{nodeId}/jobs', {
        params: {
          path: { projectId, nodeId },
          query: {
            data_layer_id: layerId, page: page.value, page_size: pageSize.value,
            ...(statuses.value.length === 0 ? {} : { status: statuses.value }),
          },
        },
      }))
      if (where.value?.nodeId === nodeId && where.value.layerId === layerId) {
        items.value = answer.items ?? []
        total.value = answer.total ?? 0
      }
    } finally {
      loading.value = false
    }
  }

  /** Opens a job: its details, and its log (followed while the job may still write to it). */
  async function open (projectId: number, jobId: number): Promise<void> {
    closeJob()
    job.value = unwrap(await api().query.GET('/api/projects/{projectId}/jobs/{jobId}',
      { params: { path: { projectId, jobId } } }))
    followLog(projectId, jobId)
  }

  async function refreshJob (): Promise<void> {
    const opened = job.value
    if (opened !== null && where.value !== null) {
      const fresh = unwrap(await api().query.GET('/api/projects/{projectId}/jobs/{jobId}',
        { params: { path: { projectId: where.value.projectId, jobId: opened.id as number } } }))
      const shown = job.value
      if (shown !== null && shown.id === fresh.id) {
        const moved = shown.status !== fresh.status
        job.value = fresh
        // a log asked for before the job started had nothing to give: it is asked for again once the job moves
        if (moved && log.value.length === 0) {
          followLog(where.value.projectId, fresh.id as number)
        }
      }
    }
  }

  /**
   * The log as events, one per line, numbered; a reconnect resumes after the last line it got. The `end` event says
   * the log is complete: the stream is then left.
   */
  function followLog (projectId: number, jobId: number): void {
    log.value = []
    logEnded.value = false
    const stream = follow(api().fetch, `${api().baseUrl}/api/projects/${projectId}/jobs/${jobId}/log?follow=true`, {
      onEvent: (event) => {
        if (event.name === 'end') {
          logEnded.value = true
          stream.stop()
        } else if (event.name === 'line') {
          log.value.push(typeof event.data === 'string' ? event.data : JSON.stringify(event.data))
        }
      },
      onReset: () => { log.value = [] },
      onRefused: () => { logEnded.value = true },
    })
    logStream = stream
  }

  function closeJob (): void {
    logStream?.stop()
    logStream = null
    job.value = null
    log.value = []
    logEnded.value = false
  }

  async function cancel (projectId: number, jobId: number): Promise<void> {
    unwrap(await api().command.POST('/api/projects/{projectId}/jobs/{jobId}/cancel',
      { params: { path: { projectId, jobId } } }))
  }

  /** A new job with the same inputs (interactive: as a Jupyter session); answers the new job's id. */
  async function restart (projectId: number, jobId: number, interactive: boolean): Promise<number | null> {
    const made = unwrap(await api().command.POST('/api/projects/{projectId}/jobs/{jobId}/restart',
      { params: { path: { projectId, jobId } }, body: { interactive } })) as unknown
    const id = (made as { id?: unknown } | null)?.id
    return typeof id === 'number' ? id : null
  }

  /** Runs again every job of the node that ended in this status. */
  async function rerun (status: string): Promise<void> {
    if (where.value === null) {
      throw new Error('no node is chosen')
    }
    const { projectId, nodeId, layerId } = where.value
    unwrap(await api().command.POST('/api/projects/{projectId}/nodes/{nodeId}/jobs/rerun',
      { params: { path: { projectId, nodeId }, query: { data_layer_id: layerId } }, body: { status } }))
    await load()
  }

  return {
    where, items, total, page, pageSize, statuses, loading, job, log, logEnded,
    at, load, open, refreshJob, closeJob, cancel, restart, rerun,
  }
})
