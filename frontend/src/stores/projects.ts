import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap, type QuerySchemas } from '../api'

export type Project = QuerySchemas['ProjectView']
export type Executor = QuerySchemas['ExecutorView']

/** The projects the signed-in user may see. */
export const useProjectsStore = defineStore('projects', () => {
  const items = ref<Project[]>([])
  const total = ref(0)
  const loading = ref(false)
  const executors = ref<Executor[]>([])

  async function load (): Promise<void> {
    loading.value = true
    try {
      const page = unwrap(await api().query.GET('/api/projects', { params: { query: { page_size: 1000 } } }))
      items.value = page.items ?? []
      total.value = page.total ?? items.value.length
    } finally {
      loading.value = false
    }
  }

  /** The executors a project can run its jobs on. */
  async function loadExecutors (): Promise<void> {
    executors.value = unwrap(await api().query.GET('/api/executors'))
  }

  /** A new project (with its main data layer) whose jobs run on the executor; answers its id. */
  async function create (name: string, executorId: number | null): Promise<number> {
    const body = executorId === null ? { name } : { name, executor_id: executorId }
    const made = unwrap(await api().command.POST('/api/projects', { body }))
    const id = made.id as number
    const name_ = made.name ?? name
    items.value = [...items.value, { id, name: name_, label: name_, version: made.version ?? 0 }]
    total.value += 1
    return id
  }

  return { items, total, loading, executors, load, loadExecutors, create }
})
