import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { durationOf, statusColor, useJobsStore } from '../../src/stores/jobs'
import { FakePlatform, json } from './fakePlatform'

const JOBS = '/api/projects/2/nodes/3/jobs'
const JOB = { id: 8, node_id: 3, status: 'Started', history: [{ status: 'Created', at: '2026-12-06T10:00:00Z' }] }

function events (text: string): Response {
  return new Response(text, { status: 200, headers: { 'Content-Type': 'text/event-stream' } })
}

async function until (condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) {
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  expect(condition()).toBe(true)
}

describe('the jobs store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('asks for the node\'s jobs in the layer, in each chosen status', async () => {
    const fake = new FakePlatform().on('GET', JOBS, () => json(200, { items: [JOB], total: 1 })).install()
    const jobs = useJobsStore()
    jobs.at(2, 3, 1)
    jobs.statuses = ['Error', 'Dead']

    await jobs.load()

    const sent = fake.to('GET', JOBS)[0]
    expect(sent?.query.get('data_layer_id')).toBe('1')
    expect(sent?.query.getAll('status')).toEqual(['Error', 'Dead'])
    expect(jobs.items.map((j) => j.id)).toEqual([8])
  })

  it('asks for every status when none is chosen', async () => {
    const fake = new FakePlatform().on('GET', JOBS, () => json(200, { items: [], total: 0 })).install()
    const jobs = useJobsStore()
    jobs.at(2, 3, 1)

    await jobs.load()

    expect(fake.to('GET', JOBS)[0]?.query.has('status')).toBe(false)
  })

  it('opens a job with its log, line by line, and leaves the stream at its end', async () => {
    const fake = new FakePlatform()
      .on('GET', '/api/projects/2/jobs/8', () => json(200, JOB))
      .on('GET', '/api/projects/2/jobs/8/log', () => events(
        'id: 1\nevent: line\ndata: hello\n\nid: 2\nevent: line\ndata: world\n\nevent: end\ndata: 2\n\n'))
      .install()
    const jobs = useJobsStore()

    await jobs.open(2, 8)
    await until(() => jobs.logEnded)

    expect(jobs.job?.status).toBe('Started')
    expect(jobs.log).toEqual(['hello', 'world'])
    expect(fake.to('GET', '/api/projects/2/jobs/8/log')[0]?.query.get('follow')).toBe('true')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(fake.to('GET', '/api/projects/2/jobs/8/log')).toHaveLength(1)
  })

  it('asks for the log again once a job that had none yet moves on', async () => {
    let status = 'Queued'
    const fake = new FakePlatform()
      .on('GET', '/api/projects/2/jobs/8', () => json(200, { ...JOB, status }))
      .on('GET', '/api/projects/2/jobs/8/log', () => events(status === 'Queued' ? 'event: end\ndata: 0\n\n'
        : 'id: 1\nevent: line\ndata: started\n\nevent: end\ndata: 1\n\n'))
      .install()
    const jobs = useJobsStore()
    jobs.at(2, 3, 1)
    await jobs.open(2, 8)
    await until(() => jobs.logEnded)

    status = 'Started'
    await jobs.refreshJob()
    await until(() => jobs.log.length === 1)

    expect(jobs.job?.status).toBe('Started')
    expect(jobs.log).toEqual(['started'])
    expect(fake.to('GET', '/api/projects/2/jobs/8/log')).toHaveLength(2)
  })

  it('re-runs the node\'s jobs of one status, then lists them again', async () => {
    const fake = new FakePlatform()
      .on('POST', '/api/projects/2/nodes/3/jobs/rerun', () => json(200, {}))
      .on('GET', JOBS, () => json(200, { items: [], total: 0 })).install()
    const jobs = useJobsStore()
    jobs.at(2, 3, 1)

    await jobs.rerun('Error')

    const sent = fake.to('POST', '/api/projects/2/nodes/3/jobs/rerun')[0]
    expect(sent?.body).toEqual({ status: 'Error' })
    expect(sent?.query.get('data_layer_id')).toBe('1')
    expect(fake.to('GET', JOBS)).toHaveLength(1)
  })

  it('says how long a job ran, or has been running', () => {
    const history = [{ status: 'Created', at: '2026-12-06T10:00:00Z' }, { status: 'Processed', at: '2026-12-06T10:01:05Z' }]
    expect(durationOf({ status: 'Processed', history })).toBe('1 min 5 s')
    expect(durationOf({ status: 'Started', history: history.slice(0, 1) }, Date.parse('2026-12-06T10:00:42Z'))).toBe('42 s')
    expect(durationOf({ status: 'Created', history: [] })).toBe('')
  })

  it('colours a status by what it means', () => {
    expect(statusColor('Processed')).toBe('positive')
    expect(statusColor('Error')).toBe('negative')
    expect(statusColor('Dead')).toBe('negative')
    expect(statusColor('Queued')).toBe('blue-grey-5')
    expect(statusColor('Started')).toBe('info')
  })
})
