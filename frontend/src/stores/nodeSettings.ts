// A node's settings beyond the graph's shape: parameters, files, activity in a layer. Each is an edit of the project
// through the graph store (it carries the version the store last saw; a 409 reloads), then shown in the store's node.
import { ApiError, api, problemOf, unwrap, type CommandSchemas } from '../api'
import { nodeFilePath, putNodeFile } from '../api/upload'
import { useGraphStore } from './graph'

export function useNodeSettings () {
  const graph = useGraphStore()
  const { edit, replaceNode, requireProject } = graph

  /** Replaces the node's parameter schema (the Parameters tab sends it whole). */
  async function setParameters (nodeId: number, parameters: CommandSchemas['ParameterBody'][]): Promise<void> {
    const id = requireProject()
    await edit('change the parameters', async (v) => unwrap(await api().command.PUT(
      '/api/projects/{projectId}/nodes/{nodeId}/parameters',
      { params: { path: { projectId: id, nodeId } }, body: { parameters, version: v } })))
    replaceNode(nodeId, {
      parameters: parameters.map((p) => ({ ...p, label: p.label ?? p.name ?? '' })),
    })
  }

  /** Sets parameter values of the node in a data layer (those not given keep theirs). */
  async function setParameterValues (nodeId: number, layer: number, values: Record<string, unknown>): Promise<void> {
    const id = requireProject()
    await edit('set parameter values', async (v) => unwrap(await api().command.PUT(
      '/api/projects/{projectId}/nodes/{nodeId}/parameter_values',
      { params: { path: { projectId: id, nodeId }, query: { data_layer_id: layer } }, body: { values, version: v } })))
    const node = graph.nodeById.get(nodeId)
    const all = (node?.parameter_values ?? {}) as Record<string, unknown>
    const before = (all[String(layer)] ?? {}) as Record<string, unknown>
    replaceNode(nodeId, { parameter_values: { ...all, [String(layer)]: { ...before, ...values } } })
  }

  /** Puts a node file (a new one, or a new content), with the upload's progress. */
  async function putFile (nodeId: number, name: string, body: Blob, executable: boolean,
    onSent?: (sent: number) => void): Promise<void> {
    const id = requireProject()
    const put = await edit(`put the file ${name}`, (v) => putNodeFile(id, nodeId, name, body, v, executable, onSent))
    const node = graph.nodeById.get(nodeId)
    const { version: _version, ...file } = put
    replaceNode(nodeId, { files: [...(node?.files ?? []).filter((f) => f.name !== name), file] })
  }

  /**
   * A download URL for a node file as it is now (URLs are signed for a while; a file just put has none yet): read
   * from the node's view, once the read side shows this content.
   */
  async function fileUrl (nodeId: number, name: string, hash: string | undefined): Promise<string> {
    const id = requireProject()
    for (let attempt = 0; attempt < 20; attempt++) {
      const view = unwrap(await api().query.GET('/api/projects/{projectId}/nodes/{nodeId}',
        { params: { path: { projectId: id, nodeId } } }))
      const file = (view.files ?? []).find((f) => f.name === name && (hash === undefined || f.content_hash === hash))
      if (file?.content !== undefined) {
        return file.content
      }
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
    throw new Error(`the file ${name} cannot be read yet; try again in a moment`)
  }

  async function deleteFile (nodeId: number, name: string): Promise<void> {
    const id = requireProject()
    await edit(`delete the file ${name}`, async (v) => {
      const response = await api().fetch(new Request(`${api().baseUrl}${nodeFilePath(id, nodeId, name)}?version=${v}`,
        { method: 'DELETE' }))
      const text = await response.text()
      const answer: unknown = text === '' ? null : JSON.parse(text)
      if (!response.ok) {
        throw new ApiError(problemOf(response.status, answer))
      }
      return answer as { version?: number }
    })
    const node = graph.nodeById.get(nodeId)
    replaceNode(nodeId, { files: (node?.files ?? []).filter((f) => f.name !== name) })
  }

  /** Switches the node on or off in the current data layer (off: packages arriving there make no job). */
  async function setActive (nodeId: number, active: boolean): Promise<void> {
    const id = requireProject()
    const layer = graph.layerId
    if (layer === null) {
      throw new Error('no data layer is shown')
    }
    await edit(active ? 'switch a node on' : 'switch a node off', async (v) => unwrap(await api().command.PUT(
      '/api/projects/{projectId}/nodes/{nodeId}/data_layers/{layerId}/active',
      { params: { path: { projectId: id, nodeId, layerId: layer } }, body: { active, version: v } })))
    const before = graph.nodeById.get(nodeId)?.active_layers ?? []
    replaceNode(nodeId, { active_layers: active ? [...new Set([...before, layer])] : before.filter((l) => l !== layer) })
  }


  return { setParameters, setParameterValues, putFile, fileUrl, deleteFile, setActive }
}
