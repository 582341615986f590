// The node panel's form: a node's fields as inputs hold them, and back. Pure.
import type { Container, GraphNode } from '../stores/graph'

export interface NodeForm {
  label: string
  executorId: number | null
  image: string
  script: string
  memory: string
  cores: number
  gpus: number
  gpuKind: string | null
  priority: string
  pullPolicy: string | null
  timeLimit: number
  parallelJobs: number
}

export function formOf (node: GraphNode): NodeForm {
  const c = node.container ?? {}
  return {
    label: node.label ?? '',
    executorId: node.executor_id ?? null,
    image: c.image ?? '',
    script: c.script ?? '',
    memory: c.memory ?? '',
    cores: c.cores ?? 1,
    gpus: c.gpus ?? 0,
    gpuKind: c.gpu_kind ?? null,
    priority: c.priority ?? 'normal',
    pullPolicy: c.image_pull_policy ?? null,
    timeLimit: c.time_limit_minutes ?? 0,
    parallelJobs: c.parallel_jobs ?? 0,
  }
}

/** The container the form describes; empty optional fields are left out (the platform's defaults apply). */
export function containerOf (form: NodeForm): Container {
  const container: Container = {
    image: form.image.trim(),
    script: form.script,
    cores: form.cores,
    gpus: form.gpus,
    priority: form.priority,
    time_limit_minutes: form.timeLimit,
    parallel_jobs: form.parallelJobs,
  }
  if (form.memory.trim() !== '') {
    container.memory = form.memory.trim()
  }
  if (form.gpuKind !== null && form.gpuKind !== '') {
    container.gpu_kind = form.gpuKind
  }
  if (form.pullPolicy !== null && form.pullPolicy !== '') {
    container.image_pull_policy = form.pullPolicy
  }
  return container
}
