import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap, type QuerySchemas } from '../api'

export type Project = QuerySchemas['ProjectView']

/** The projects the signed-in user may see. */
export const useProjectsStore = defineStore('projects', () => {
  const items = ref<Project[]>([])
  const total = ref(0)
  const loading = ref(false)

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

  /** A new project (with its main data layer); answers its id. */
  async function create (name: string): Promise<number> {
    const made = unwrap(await api().command.POST('/api/projects', { body: { name } }))
    const id = made.id as number
    const name_ = made.name ?? name
    items.value = [...items.value, { id, name: name_, label: name_, version: made.version ?? 0 }]
    total.value += 1
    return id
  }

  return { items, total, loading, load, create }
})
