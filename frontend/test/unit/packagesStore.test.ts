import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { fieldValueOf, usePackagesStore } from '../../src/stores/packages'
import type { Transfer } from '../../src/api/upload'
import { FakePlatform, json, problem } from './fakePlatform'

const SEARCH = '/api/projects/2/nodes/3/packages/search'
const page = (labels: string[]) => json(200, { items: labels.map((label, i) => ({ id: i + 1, label })), total: labels.length })

describe('the packages store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('asks for every package of the node in its layer, newest first, when nothing is searched', async () => {
    const fake = new FakePlatform().on('POST', SEARCH, () => page(['b', 'a'])).install()
    const packages = usePackagesStore()
    packages.at(2, 3, 1)

    await packages.load()

    const sent = fake.to('POST', SEARCH)[0]
    expect(sent?.query.get('data_layer_id')).toBe('1')
    expect(sent?.query.get('page')).toBe('1')
    expect(sent?.body).toEqual({ sort_by: 'id', descending: true, master_id: 0 })
    expect(packages.items.map((p) => p.label)).toEqual(['b', 'a'])
    expect(packages.total).toBe(2)
  })

  it('sends the field filter with its value as JSON, and the lineage asked for', async () => {
    const fake = new FakePlatform().on('POST', SEARCH, () => page([])).install()
    const packages = usePackagesStore()
    packages.at(2, 3, 1)
    Object.assign(packages.search, { fieldName: ' score ', fieldOp: '>=', fieldValue: '0.5', masterId: 7, sortBy: 'label', descending: false })

    await packages.load()

    expect(fake.to('POST', SEARCH)[0]?.body).toEqual({
      sort_by: 'label', descending: false, field_filter_name: 'score', field_filter_op: '>=', field_filter_value: 0.5, master_id: 7,
    })
  })

  it('reads a field value as JSON where it parses and as text otherwise', () => {
    expect(fieldValueOf('42')).toBe(42)
    expect(fieldValueOf('[1, 2]')).toEqual([1, 2])
    expect(fieldValueOf('true')).toBe(true)
    expect(fieldValueOf('hello')).toBe('hello')
    expect(fieldValueOf('  ')).toBe('')
  })

  it('shows a refused search as the platform words it, naming the field', async () => {
    new FakePlatform().on('POST', SEARCH, () => problem(400, "field_filter_op 'about' is not an operator", 'field_filter_op')).install()
    const packages = usePackagesStore()
    packages.at(2, 3, 1)

    await expect(packages.load()).rejects.toMatchObject({ problem: { field: 'field_filter_op' } })
  })

  it('uploads the files first, then makes the package naming them, kept unprocessed when asked', async () => {
    const fake = new FakePlatform()
      .onPrefix('PUT', '/api/projects/2/objects/', () => json(200, null))
      .on('POST', '/api/projects/2/nodes/3/packages', () => json(201, { id: 11 }))
      .on('POST', SEARCH, () => page(['mine']))
      .install()
    const packages = usePackagesStore()
    packages.at(2, 3, 1)
    const noTransfer: Transfer = async () => { throw new Error('nothing should be sent') }

    const id = await packages.upload({ label: 'run 1', fields: { n: 3 }, files: [new File(['abc'], 'a.txt')], process: false }, noTransfer)

    expect(id).toBe(11)
    expect(fake.sent.filter((r) => r.method === 'PUT')).toHaveLength(1)
    const made = fake.to('POST', '/api/projects/2/nodes/3/packages')[0]
    expect(made?.query.get('data_layer_id')).toBe('1')
    expect(made?.body).toMatchObject({ label: 'run 1', fields: { n: 3 }, process: false, files: [{ name: 'a.txt', size: 3 }] })
    expect(packages.uploads['a.txt']?.phase).toBe('done')
    expect(packages.items.map((p) => p.label)).toEqual(['mine'])
  })

  it('deletes the chosen packages and shows the page again', async () => {
    const fake = new FakePlatform()
      .on('POST', '/api/projects/2/nodes/3/packages/delete', () => json(200, {}))
      .on('POST', SEARCH, () => page([])).install()
    const packages = usePackagesStore()
    packages.at(2, 3, 1)

    await packages.remove([4, 5])

    expect(fake.to('POST', '/api/projects/2/nodes/3/packages/delete')[0]?.body).toEqual({ packages: [4, 5] })
    expect(fake.to('POST', SEARCH)).toHaveLength(1)
  })

  it('asks for the chosen packages as one archive and gives its bytes', async () => {
    const fake = new FakePlatform()
      .on('POST', '/api/projects/2/nodes/3/packages/download', () =>
        new Response(new Uint8Array([1, 2, 3]), { status: 200, headers: { 'Content-Type': 'application/x-tar' } }))
      .install()
    const packages = usePackagesStore()
    packages.at(2, 3, 1)

    const blob = await packages.archive([4, 5])

    const sent = fake.to('POST', '/api/projects/2/nodes/3/packages/download')[0]
    expect(sent?.body).toEqual({ packages: [4, 5] })
    expect(sent?.query.get('data_layer_id')).toBe('1')
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]))
  })
})
