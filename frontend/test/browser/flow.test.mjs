// A user's whole morning in Chromium: draw A → B, write the scripts, upload a package with a file at A, watch B's
// job end without reloading, read its log and download what it wrote.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import {
  addNode, answered, centre, dialogGone, drag, launch, logIn, newProject, node, openPage, screenshot,
} from './browser.mjs'

let browser
const errors = []

before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

const SHOUT = 'mkdir -p out/1/files && tr a-z A-Z < in/*/files/words.txt > out/1/files/shout.txt && ' +
  "printf shouted > out/1/label && echo '{\"loud\": true}' > out/1/fields.json"
const EXCLAIM = 'cat in/*/files/shout.txt && mkdir -p out/1/files && ' +
  "sed 's/$/!/' in/*/files/shout.txt > out/1/files/result.txt && printf result > out/1/label && echo '{}' > out/1/fields.json"

/** Opens a node's panel and saves its script. */
async function writeScript (page, label, script) {
  await node(page, label).dblclick()
  const panel = page.getByRole('complementary', { name: `Node ${label}` })
  await panel.getByRole('tab', { name: 'Container' }).click()
  await panel.getByLabel('Script').fill(script)
  const saved = answered(page, 'PATCH', /\/nodes\/\d+$/)
  await panel.getByRole('button', { name: 'Save' }).click()
  assert.equal((await saved).status(), 200)
  return panel
}

test('a package uploaded at A flows to B, whose job ends, shows its log and gives its output file', async () => {
  const page = await openPage(browser, errors)
  await logIn(page)
  await newProject(page, `flow ${Date.now()}`)
  await addNode(page, 'compute')
  await node(page, 'compute').waitFor()
  await addNode(page, 'compute')
  await node(page, 'compute 2').waitFor()
  await dialogGone(page)
  const from = await centre(node(page, 'compute').locator('.vue-flow__handle-right'))
  const to = await centre(node(page, 'compute 2').locator('.vue-flow__handle-left'))
  const linked = answered(page, 'POST', /\/links$/)
  await drag(page, from, to)
  assert.equal((await linked).status(), 201)

  await writeScript(page, 'compute 2', EXCLAIM)
  const panel = await writeScript(page, 'compute', SHOUT)

  // a package with a file, uploaded in A's panel: the file goes to S3 through its presigned URL
  await panel.getByRole('tab', { name: 'Packages' }).click()
  await panel.getByRole('button', { name: 'Upload' }).click()
  const dialog = page.getByRole('dialog', { name: 'Upload a package' })
  await dialog.getByLabel('Label', { exact: true }).fill('morning words')
  await dialog.getByRole('button', { name: 'Add a field' }).click()
  await dialog.getByLabel('Field 1 name').fill('n')
  await dialog.getByLabel('Field 1 value').fill('3')
  await dialog.locator('input[type=file]').setInputFiles({
    name: 'words.txt', mimeType: 'text/plain', buffer: Buffer.from('hello river\nflow on\n'),
  })
  const uploaded = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('X-Amz-Signature'))
  const created = answered(page, 'POST', /\/nodes\/\d+\/packages$/)
  await dialog.getByRole('button', { name: 'Upload' }).click()
  assert.equal((await uploaded).status(), 200)
  assert.equal((await created).status(), 201)
  await panel.locator('[data-package="morning words"]').click()
  await panel.locator('[data-file="words.txt"]').waitFor()
  await dialogGone(page)
  await screenshot(page, 'packages')

  // the package as the original platform's archive: <id>/label, <id>/fields.json, <id>/files/<name>
  await panel.getByRole('checkbox', { name: 'Select package morning words' }).click()
  const archived = page.waitForEvent('download')
  await panel.getByRole('button', { name: 'Download 1' }).click()
  const tar = await readFile(await (await archived).path())
  assert.match(tar.toString('latin1'), /\d+\/files\/words\.txt/)
  assert.ok(tar.includes('hello river\nflow on\n'), 'the archive holds the file')
  await panel.getByRole('checkbox', { name: 'Select package morning words' }).click()

  // B's job runs and ends while the page stays as it is
  await panel.getByRole('button', { name: 'Close the node panel' }).click()
  await node(page, 'compute 2').locator('[data-badge="done"]').waitFor({ timeout: 90_000 })
  assert.equal(await node(page, 'compute 2').locator('[data-badge="failed"]').count(), 0)

  // its job view: Processed, the log holds what its script printed, its output file downloads with its content
  await node(page, 'compute 2').dblclick()
  const second = page.getByRole('complementary', { name: 'Node compute 2' })
  await second.getByRole('tab', { name: 'Jobs' }).click()
  await second.locator('[data-job]').first().click()
  const job = page.getByRole('dialog', { name: /^Job \d+$/ })
  await job.locator('[data-role="job-status"]').filter({ hasText: 'Processed' }).waitFor()
  await job.getByLabel('Log').getByText('HELLO RIVER').first().waitFor()
  await job.getByText('following the log').waitFor({ state: 'hidden' })
  await screenshot(page, 'job-view')
  await job.getByRole('tab', { name: /^Files/ }).click()
  const download = page.waitForEvent('download')
  await job.locator('[data-file="out/1/files/result.txt"]').click()
  const file = await download
  assert.equal(file.suggestedFilename(), 'result.txt')
  assert.equal(await readFile(await file.path(), 'utf8'), 'HELLO RIVER!\nFLOW ON!\n')
  await job.getByRole('button', { name: 'Close the job' }).click()
  await dialogGone(page)

  // the graph filtered to the uploaded package's lineage: at A, what its job made from it, not the package itself
  await node(page, 'compute').dblclick()
  const first = page.getByRole('complementary', { name: 'Node compute' })
  await first.getByRole('tab', { name: 'Packages' }).click()
  await first.locator('[data-package="morning words"]').click()
  await first.getByRole('link', { name: 'show its lineage' }).click()
  await page.getByText(/lineage of package \d+/).waitFor()
  await first.locator('[data-package="morning words"]').waitFor({ state: 'detached' })
  await first.locator('[data-package="shouted"]').waitFor()
  await node(page, 'compute 2').locator('[data-badge="done"]').waitFor()
  await page.getByRole('button', { name: 'Show every package again' }).click()
  await first.locator('[data-package="morning words"]').waitFor()

  // the project's history tells it, newest first, and goes on as it happens
  await page.getByRole('button', { name: 'Close the node panel' }).click()
  await page.getByRole('link', { name: 'History' }).click()
  const timeline = page.getByLabel('What happened, newest first')
  await timeline.getByText('job processed').first().waitFor()
  await timeline.getByText('"morning words"').first().waitFor()
  await screenshot(page, 'history')

  // the executor that ran both jobs, with what it can do
  await page.getByRole('link', { name: 'Executors' }).first().click()
  await page.locator('[data-executor]').first().waitFor()
  await screenshot(page, 'executors')
  assert.deepEqual(errors, [])
})
