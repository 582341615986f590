// The graph editor in Chromium against a running platform (TRIBUTARY_URL, TRIBUTARY_PASSWORD): run by the
// standalone module's WebAppBrowserTest, or by hand with `node --test test/browser/` against ./tributary --demo.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  addNode, answered, centre, dialogGone, drag, launch, logIn, newProject, node, openPage, screenshot,
} from './browser.mjs'

let browser
const errors = []

before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

test('draws a graph that is still there, where it was put, after a reload', async () => {
  const page = await openPage(browser, errors)
  await logIn(page)
  await newProject(page, `drawn ${Date.now()}`)

  await addNode(page, 'compute')
  await node(page, 'compute').waitFor()
  await addNode(page, 'compute')
  await node(page, 'compute 2').waitFor()
  await dialogGone(page)

  // move the second node down, then draw a link from the first node's right handle to the second's left one
  const second = await centre(node(page, 'compute 2'))
  const moved = answered(page, 'PATCH', /\/nodes\/\d+$/)
  await drag(page, second, { x: second.x, y: second.y + 150 })
  assert.equal((await moved).status(), 200)
  const from = await centre(node(page, 'compute').locator('.vue-flow__handle-right'))
  const to = await centre(node(page, 'compute 2').locator('.vue-flow__handle-left'))
  const linked = answered(page, 'POST', /\/links$/)
  await drag(page, from, to)
  assert.equal((await linked).status(), 201)
  await page.locator('.vue-flow__edge').first().waitFor({ state: 'attached' })
  await screenshot(page, 'editor')
  const before = await node(page, 'compute 2').boundingBox()

  // the link and the move are saved: a reload shows them
  await page.reload()
  await node(page, 'compute 2').waitFor()
  assert.equal(await page.locator('.vue-flow__node').count(), 2)
  assert.equal(await page.locator('.vue-flow__edge').count(), 1)
  const firstBox = await node(page, 'compute').boundingBox()
  const secondBox = await node(page, 'compute 2').boundingBox()
  assert.ok(secondBox.y - firstBox.y > 40, `the moved node is lower than the other (${firstBox.y} → ${secondBox.y})`)
  assert.ok(before !== null)
  assert.deepEqual(errors, [])
})

test('an edit made on a stale graph shows what changed instead of overwriting it', async () => {
  const alice = await openPage(browser, errors)
  await logIn(alice)
  await newProject(alice, `shared ${Date.now()}`)
  const address = alice.url()
  const bob = await openPage(browser, errors)
  await logIn(bob)
  await bob.goto(address)
  await bob.getByRole('button', { name: 'Compute node' }).waitFor()

  // bob's view goes stale: his live stream is cut (as by a flaky network), so he does not see alice's edit
  await bob.route('**/live*', (route) => route.abort())
  await bob.reload()
  await bob.getByRole('button', { name: 'Compute node' }).waitFor()

  // alice adds a node; bob, who has not seen it, adds one too
  assert.equal((await addNode(alice, 'compute')).status(), 201)
  await node(alice, 'compute').waitFor()
  assert.equal((await addNode(bob, 'data')).status(), 409)

  const banner = bob.getByRole('alert').filter({ hasText: 'Someone else changed this project' })
  await banner.waitFor()
  await screenshot(bob, 'editor-conflict')
  // bob now sees alice's node, and his own was not made
  await node(bob, 'compute').waitFor()
  assert.equal(await bob.locator('.vue-flow__node').count(), 1)
  assert.deepEqual(errors, [])
})

test('the node panel saves a node\'s container, and shows a refusal next to the field it names', async () => {
  const page = await openPage(browser, errors)
  await logIn(page)
  await newProject(page, `panel ${Date.now()}`)
  await addNode(page, 'compute')
  await node(page, 'compute').waitFor()
  await dialogGone(page)

  await node(page, 'compute').dblclick()
  const panel = page.getByRole('complementary', { name: 'Node compute' })
  await panel.getByRole('tab', { name: 'Container' }).click()
  await panel.getByLabel('Memory').fill('lots')
  await panel.getByRole('button', { name: 'Save' }).click()
  // the platform's refusal names container.memory: it shows under that input
  const memoryField = panel.locator('.q-field--error', { has: page.getByLabel('Memory') })
  await memoryField.getByText('is not a positive Kubernetes quantity').waitFor()
  await memoryField.getByText('e.g. 512Mi').waitFor({ state: 'hidden' })
  await screenshot(page, 'node-panel-refusal')

  await panel.getByLabel('Memory').fill('2Gi')
  await panel.getByLabel('Script').fill('echo saved from the panel')
  const saved = answered(page, 'PATCH', /\/nodes\/\d+$/)
  await panel.getByRole('button', { name: 'Save' }).click()
  assert.equal((await saved).status(), 200)
  await screenshot(page, 'node-panel')

  await page.reload()
  await node(page, 'compute').dblclick()
  await panel.getByRole('tab', { name: 'Container' }).click()
  assert.equal(await panel.getByLabel('Script').innerText(), 'echo saved from the panel')
  assert.equal(await panel.getByLabel('Memory').inputValue(), '2Gi')
  assert.deepEqual(errors, [])
})
