import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap, type QuerySchemas } from '../api'
import { uploadFile, type FileBody, type Progress, type Transfer } from '../api/upload'

export type PackageView = QuerySchemas['PackageView']
export type FileView = QuerySchemas['FileView']
export type SortBy = 'id' | 'label' | 'created_at'

/** The search the Packages tab shows: the original platform's one field filter, and its order. */
export interface PackageSearch {
  sortBy: SortBy
  descending: boolean
  fieldName: string
  fieldOp: string
  fieldValue: string
  /** only packages in this package's lineage */
  masterId: number | null
}

export interface NewPackage {
  label: string
  fields: Record<string, unknown>
  files: File[]
  /** false: keep the package at the node without making a job */
  process: boolean
}

/** A field value as typed: JSON where it parses (42, true, [1,2]), the text itself otherwise. */
export function fieldValueOf (text: string): unknown {
  const trimmed = text.trim()
  if (trimmed === '') {
    return ''
  }
  try {
    return JSON.parse(trimmed)
  } catch {
    return text
  }
}

export const defaultSearch = (): PackageSearch => ({
  sortBy: 'id', descending: true, fieldName: '', fieldOp: '=', fieldValue: '', masterId: null,
})

/** One node's packages in one data layer: a page of them, searched and sorted, and uploads to it. */
export const usePackagesStore = defineStore('packages', () => {
  const where = ref<{ projectId: number, nodeId: number, layerId: number } | null>(null)
  const items = ref<PackageView[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(20)
  const search = ref<PackageSearch>(defaultSearch())
  const loading = ref(false)
  /** Each file of the upload under way, by name: how far it got. */
  const uploads = ref<Record<string, Progress>>({})

  function at (projectId: number, nodeId: number, layerId: number): void {
    const same = where.value?.projectId === projectId && where.value.nodeId === nodeId &&
      where.value.layerId === layerId
    if (!same) {
      where.value = { projectId, nodeId, layerId }
      items.value = []
      total.value = 0
      page.value = 1
    }
  }

  function requireWhere (): { projectId: number, nodeId: number, layerId: number } {
    if (where.value === null) {
      throw new Error('no node is chosen')
    }
    return where.value
  }

  async function load (): Promise<void> {
    const { projectId, nodeId, layerId } = requireWhere()
    const s = search.value
    loading.value = true
    try {
      const filtered = s.fieldName.trim() !== ''
      const answer = unwrap(await api().query.POST('/api/projects/{projectId}/nodes/{nodeId}/packages/search', {
        params: {
          path: { projectId, nodeId },
          query: { data_layer_id: layerId, page: page.value, page_size: pageSize.value },
        },
        body: {
          sort_by: s.sortBy,
          descending: s.descending,
          ...(filtered
            ? { field_filter_name: s.fieldName.trim(), field_filter_op: s.fieldOp, field_filter_value: fieldValueOf(s.fieldValue) }
            : {}),
          // the original platform's search needs it: 0 is every package at the node
          master_id: s.masterId ?? 0,
        },
      }))
      // an answer for a node the panel no longer shows is dropped
      if (where.value?.nodeId === nodeId && where.value.layerId === layerId) {
        items.value = answer.items ?? []
        total.value = answer.total ?? 0
      }
    } finally {
      loading.value = false
    }
  }

  /** Uploads each file (progress in `uploads`), then makes the package; answers its id. */
  async function upload (made: NewPackage, transfer?: Transfer): Promise<number> {
    const { projectId, nodeId, layerId } = requireWhere()
    uploads.value = Object.fromEntries(made.files.map((f) => [f.name, { phase: 'hashing', fraction: 0 }]))
    const files: FileBody[] = []
    for (const file of made.files) {
      files.push(await uploadFile(projectId, file, (progress) => {
        uploads.value = { ...uploads.value, [file.name]: progress }
      }, transfer))
    }
    const created = unwrap(await api().command.POST('/api/projects/{projectId}/nodes/{nodeId}/packages', {
      params: { path: { projectId, nodeId }, query: { data_layer_id: layerId } },
      body: { label: made.label, fields: made.fields, files, ...(made.process ? {} : { process: false }) },
    }))
    // the package is made: a list that cannot be shown now does not make the upload fail
    await load().catch(() => undefined)
    return created.id as number
  }

  /** The package's files, each with a download URL. */
  async function filesOf (packageId: number): Promise<FileView[]> {
    const { projectId, nodeId } = requireWhere()
    return unwrap(await api().query.GET('/api/projects/{projectId}/nodes/{nodeId}/packages/{packageId}/files',
      { params: { path: { projectId, nodeId, packageId } } }))
  }

  /**
   * The chosen packages as one tar archive (`<id>/label`, `<id>/fields.json`, `<id>/files/<name>`, as the original
   * platform's clients get it), as a blob to save.
   */
  async function archive (ids: number[]): Promise<Blob> {
    const { projectId, nodeId, layerId } = requireWhere()
    const result = await api().query.POST('/api/projects/{projectId}/nodes/{nodeId}/packages/download', {
      params: { path: { projectId, nodeId }, query: { data_layer_id: layerId } },
      body: { packages: ids },
      parseAs: 'blob',
    })
    return unwrap(result) as Blob
  }

  /** Deletes packages (and the jobs they made), then shows the page again. */
  async function remove (ids: number[]): Promise<void> {
    const { projectId, nodeId, layerId } = requireWhere()
    unwrap(await api().command.POST('/api/projects/{projectId}/nodes/{nodeId}/packages/delete', {
      params: { path: { projectId, nodeId }, query: { data_layer_id: layerId } }, body: { packages: ids },
    }))
    await load()
  }

  /** Makes jobs of the chosen packages (batch, or interactive: one Jupyter session). */
  async function process (ids: number[], interactive: boolean): Promise<void> {
    const { projectId, nodeId, layerId } = requireWhere()
    unwrap(await api().command.POST('/api/projects/{projectId}/nodes/{nodeId}/packages/process', {
      params: { path: { projectId, nodeId }, query: { data_layer_id: layerId } }, body: { packages: ids, interactive },
    }))
  }

  return {
    where, items, total, page, pageSize, search, loading, uploads, at, load, upload, filesOf, archive, remove, process,
  }
})
