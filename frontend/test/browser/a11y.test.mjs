// The main pages checked by axe-core (WCAG 2.1 A and AA rules) in Chromium: no serious or critical violation.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { AxeBuilder } from '@axe-core/playwright'
import { BASE, addNode, dialogGone, launch, logIn, newProject, node, openPage } from './browser.mjs'

let browser
const errors = []

before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

/** The serious and critical violations on the page as it is now, each with where it was found. */
async function violations (page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
}

/** Until no finite CSS transition or animation runs: colours caught mid-transition (a theme switch, an item fading
 * in) are not the page's colours. */
async function settled (page) {
  await page.waitForFunction(() => document.getAnimations().every((a) =>
    a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity), null, { timeout: 5000 })
}

async function check (page, name, found) {
  await settled(page)
  const seen = await violations(page)
  found.push(...seen.map((v) => `${name}: ${v}`))
}

for (const theme of ['light', 'dark']) {
  test(`the main pages have no serious accessibility violation (${theme} theme)`, async () => {
    const page = await openPage(browser, errors)
    const found = []
    await page.goto(`${BASE}/login`)
    await page.getByLabel('Login').waitFor()
    await check(page, 'login', found)
    await logIn(page)
    if (theme === 'dark') {
      await page.getByRole('button', { name: 'Dark theme' }).click()
      await page.locator('body.body--dark').waitFor({ state: 'attached' })
    }
    await check(page, 'projects', found)

    await newProject(page, `a11y ${theme} ${Date.now()}`)
    await addNode(page, 'compute')
    await node(page, 'compute').waitFor()
    await dialogGone(page)
    await check(page, 'graph editor', found)

    await node(page, 'compute').dblclick()
    const panel = page.getByRole('complementary', { name: 'Node compute' })
    for (const tab of ['General', 'Container', 'Parameters', 'Packages', 'Jobs']) {
      await panel.getByRole('tab', { name: tab }).click()
      await check(page, `node panel, ${tab}`, found)
    }
    await panel.getByRole('tab', { name: 'Packages' }).click()
    await panel.getByRole('button', { name: 'Upload' }).click()
    await page.getByRole('dialog', { name: 'Upload a package' }).getByLabel('Label', { exact: true }).waitFor()
    await check(page, 'upload dialog', found)
    await page.getByRole('button', { name: 'Cancel' }).click()
    await dialogGone(page)
    await panel.getByRole('button', { name: 'Close the node panel' }).click()

    await page.getByRole('link', { name: 'History' }).click()
    await page.getByLabel('What happened, newest first').waitFor()
    await check(page, 'history', found)
    await page.getByRole('link', { name: 'Executors' }).first().click()
    await page.locator('[data-executor]').first().waitFor()
    await check(page, 'executors', found)

    assert.deepEqual(found, [])
    assert.deepEqual(errors, [])
  })
}
