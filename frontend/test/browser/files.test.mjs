// A node's files in Chromium: written in the editor, uploaded with a progress bar, opened again, deleted.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  addNode, adminToken, answered, call, dialogGone, launch, logIn, newProject, node, openPage, screenshot,
} from './browser.mjs'

let browser
let token
const errors = []

before(async () => {
  browser = await launch()
  token = await adminToken()
})
after(async () => { await browser?.close() })

test('a node file written in the editor and one uploaded are kept, open again with their content, and go', async () => {
  const page = await openPage(browser, errors)
  await logIn(page)
  await newProject(page, `files ${Date.now()}`)
  const project = Number(/\/projects\/(\d+)$/.exec(page.url())[1])
  await addNode(page, 'compute')
  await node(page, 'compute').waitFor()
  await dialogGone(page)
  await node(page, 'compute').dblclick()
  const panel = page.getByRole('complementary', { name: 'Node compute' })
  await panel.getByRole('tab', { name: 'Files' }).click()

  // a new file, written in the editor
  await panel.getByRole('button', { name: 'New file' }).click()
  await panel.getByLabel('File name').fill('run.py')
  await panel.getByLabel('File content').fill('print("hello from run.py")')
  await panel.getByRole('switch', { name: 'Executable' }).click()
  const put = answered(page, 'PUT', /\/files\/run\.py$/)
  await panel.getByRole('button', { name: 'Save the file' }).click()
  assert.equal((await put).status(), 200)
  await panel.locator('[data-node-file="run.py"]').waitFor()

  // an upload through the file picker
  await panel.getByLabel('Files to upload').setInputFiles({
    name: 'table.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n'),
  })
  await panel.locator('[data-node-file="table.csv"]').waitFor()
  await screenshot(page, 'node-panel-files')

  // both are the node's, with their content
  const [nodeView] = await call(token, 'GET', `/api/projects/${project}/nodes`)
  const byName = Object.fromEntries(nodeView.files.map((f) => [f.name, f]))
  assert.equal(byName['run.py'].is_executable, true)
  assert.equal(await (await fetch(byName['table.csv'].content)).text(), 'a,b\n1,2\n')

  // opened again, the editor shows what was saved
  await panel.getByRole('button', { name: 'Edit run.py' }).click()
  await panel.getByText('print("hello from run.py")').waitFor()
  await panel.getByRole('button', { name: 'Cancel' }).click()

  await panel.getByRole('button', { name: 'Delete table.csv' }).click()
  const deleted = answered(page, 'DELETE', /\/files\/table\.csv$/)
  await page.getByRole('button', { name: 'Delete', exact: true }).click()
  assert.equal((await deleted).status(), 200)
  await panel.locator('[data-node-file="table.csv"]').waitFor({ state: 'detached' })
  assert.deepEqual(errors, [])
})
