import { describe, expect, it } from 'vitest'
import { containerOf, formOf } from '../../src/composables/nodeForm'

describe('the node panel form', () => {
  it('shows a node as it is, with the platform defaults where it says nothing', () => {
    const form = formOf({ id: 3, label: 'train', container: { image: 'python:3.12', script: 'python run.py', gpus: 1, gpu_kind: 'nvidia' } })

    expect(form).toMatchObject({ label: 'train', image: 'python:3.12', cores: 1, gpus: 1, gpuKind: 'nvidia', priority: 'normal', timeLimit: 0 })
  })

  it('sends the container it shows, leaving out what is empty', () => {
    const form = formOf({ id: 3, label: 'train', container: { image: 'python:3.12', script: 'run' } })
    form.memory = ' 4Gi '
    form.parallelJobs = 2

    expect(containerOf(form)).toEqual({
      image: 'python:3.12', script: 'run', memory: '4Gi', cores: 1, gpus: 0, priority: 'normal', time_limit_minutes: 0,
      parallel_jobs: 2,
    })
  })

  it('gives back what it was given', () => {
    const container = { image: 'r-base', script: 'Rscript a.R', memory: '1Gi', cores: 2, gpus: 1, gpu_kind: 'amd', priority: 'high', image_pull_policy: 'Always', time_limit_minutes: 30, parallel_jobs: 1 }

    expect(containerOf(formOf({ id: 1, container }))).toEqual(container)
  })
})
