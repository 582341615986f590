// Live updates in Chromium: what a script does through the API appears in the open editor without a reload.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { adminToken, call as callAs, launch, logIn, node, openPage, screenshot } from './browser.mjs'

let browser
let token
const errors = []

before(async () => {
  browser = await launch()
  token = await adminToken()
})
after(async () => { await browser?.close() })

const call = (method, path, body) => callAs(token, method, path, body)

test('a node and a job made through the API appear in the open editor as they happen', async () => {
  const page = await openPage(browser, errors)
  await logIn(page)
  await page.getByRole('button', { name: 'New project' }).click()
  await page.getByLabel('Name').fill(`live ${Date.now()}`)
  await page.getByRole('button', { name: 'Create' }).click()
  await page.waitForURL(/\/projects\/\d+$/)
  const project = Number(/\/projects\/(\d+)$/.exec(page.url())[1])
  await page.getByLabel('Live: changes appear as they happen').waitFor()

  // a script adds a node that runs a one-line bash script
  const { version } = await call('GET', `/api/projects/${project}`)
  const made = await call('POST', `/api/projects/${project}/nodes`, {
    label: 'echo', kind: 'compute', x: 0, y: 0, version,
    container: { image: 'python:3.12-slim', script: 'echo hello from the live test' },
  })
  await node(page, 'echo').waitFor({ timeout: 5_000 })

  // and posts a package there: its job runs, and the node's badges follow it without a reload
  const [layer] = await call('GET', `/api/projects/${project}/data_layers`)
  await call('POST', `/api/projects/${project}/nodes/${made.id}/packages?data_layer_id=${layer.id}`,
    { label: 'run-1', fields: { n: 1 }, files: [] })
  await node(page, 'echo').locator('[data-badge="packages"]').waitFor({ timeout: 5_000 })
  await node(page, 'echo').locator('[data-badge="done"]').waitFor({ timeout: 60_000 })
  await screenshot(page, 'editor-live')
  assert.match(await node(page, 'echo').locator('[data-badge="done"]').innerText(), /1/)
  assert.deepEqual(errors, [])
})
