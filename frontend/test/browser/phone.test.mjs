// Reading on a phone's width (390 × 844) in Chromium: no page is wider than the screen, the node panel takes the
// whole width, and the history reads.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, addNode, dialogGone, launch, logIn, newProject, node, screenshot } from './browser.mjs'

let browser
const errors = []

before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** How far the page reaches past the screen's right edge, in pixels (0: it fits). */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)

test('every main page fits a phone\'s width', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  await logIn(page)
  assert.equal(await overflow(page), 0, 'projects')

  await newProject(page, `phone ${Date.now()}`)
  await addNode(page, 'compute')
  await node(page, 'compute').waitFor()
  await dialogGone(page)
  assert.equal(await overflow(page), 0, 'graph editor')
  await screenshot(page, 'phone-editor')

  await node(page, 'compute').dblclick()
  const panel = page.getByRole('complementary', { name: 'Node compute' })
  const box = await panel.boundingBox()
  assert.ok(box !== null && box.width >= 370, `the node panel takes the width (${box?.width})`)
  assert.equal(await overflow(page), 0, 'node panel')
  await screenshot(page, 'phone-node-panel')
  await panel.getByRole('button', { name: 'Close the node panel' }).click()

  await page.goto(`${page.url()}/history`)
  await page.getByLabel('What happened, newest first').waitFor()
  assert.equal(await overflow(page), 0, 'history')
  await screenshot(page, 'phone-history')
  await page.goto(`${BASE}/executors`)
  await page.locator('[data-executor]').first().waitFor()
  assert.equal(await overflow(page), 0, 'executors')
  assert.deepEqual(errors, [])
})
