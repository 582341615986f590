// Editing a link in Chromium: pull, a filter tried on the source's labels as it is typed, a renaming; kept.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  addNode, adminToken, answered, call, centre, dialogGone, drag, launch, logIn, newProject, node, openPage, screenshot,
} from './browser.mjs'

let browser
let token
const errors = []

before(async () => {
  browser = await launch()
  token = await adminToken()
})
after(async () => { await browser?.close() })

async function openLink (page) {
  const edge = page.locator('.vue-flow__edge').first()
  await edge.dblclick({ force: true })
  return page.getByRole('dialog', { name: 'Link' })
}

test('a link becomes a pull link with a filter tried on recent labels and a renaming, and stays so', async () => {
  const page = await openPage(browser, errors)
  await logIn(page)
  await newProject(page, `links ${Date.now()}`)
  const project = Number(/\/projects\/(\d+)$/.exec(page.url())[1])
  await addNode(page, 'compute')
  await node(page, 'compute').waitFor()
  await addNode(page, 'compute')
  await node(page, 'compute 2').waitFor()
  await dialogGone(page)
  const second = await centre(node(page, 'compute 2'))
  await drag(page, second, { x: second.x, y: second.y + 160 })
  const linked = answered(page, 'POST', /\/links$/)
  await drag(page, await centre(node(page, 'compute').locator('.vue-flow__handle-right')),
    await centre(node(page, 'compute 2').locator('.vue-flow__handle-left')))
  assert.equal((await linked).status(), 201)

  // two packages at the source, kept there (no job), whose labels the filter is tried on
  const [layer] = await call(token, 'GET', `/api/projects/${project}/data_layers`)
  const nodes = await call(token, 'GET', `/api/projects/${project}/nodes`)
  const source = nodes.find((n) => n.label === 'compute')
  for (const label of ['run-1', 'test-1']) {
    await call(token, 'POST', `/api/projects/${project}/nodes/${source.id}/packages?data_layer_id=${layer.id}`,
      { label, fields: { n: 1 }, files: [], process: false })
  }

  const dialog = await openLink(page)
  await dialog.getByRole('button', { name: 'Pull' }).click()
  await dialog.getByText('run-1').waitFor()
  await dialog.getByLabel(/^Package filter/).fill('^run')
  await dialog.locator('[data-passes="true"]', { hasText: 'run-1' }).waitFor()
  await dialog.locator('[data-passes="false"]', { hasText: 'test-1' }).waitFor()
  await dialog.getByLabel(/^Package filter/).fill('(run')
  await dialog.getByText('not a regular expression').waitFor()
  await dialog.getByLabel(/^Package filter/).fill('^run')
  await dialog.getByRole('button', { name: 'Add a renaming' }).click()
  await dialog.getByLabel('Name at compute', { exact: true }).fill('n')
  await dialog.getByLabel('Name at compute 2', { exact: true }).fill('count')
  await screenshot(page, 'link-dialog')
  const remade = answered(page, 'POST', /\/links$/)
  await dialog.getByRole('button', { name: 'Save' }).click()
  assert.equal((await remade).status(), 201)
  await dialogGone(page)

  await page.reload()
  await node(page, 'compute 2').waitFor()
  assert.equal(await page.locator('.vue-flow__edge').count(), 1)
  const again = await openLink(page)
  assert.equal(await again.getByLabel(/^Package filter/).inputValue(), '^run')
  assert.equal(await again.getByLabel('Name at compute 2', { exact: true }).inputValue(), 'count')
  assert.equal(await again.getByRole('button', { name: 'Pull' }).getAttribute('aria-pressed'), 'true')
  const links = await call(token, 'GET', `/api/projects/${project}/links`)
  assert.deepEqual(links.map((l) => [l.type, l.package_filter, l.mapping]), [['pull', '^run', { count: 'n' }]])
  assert.deepEqual(errors, [])
})
