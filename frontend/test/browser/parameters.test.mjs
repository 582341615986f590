// The Parameters tab in Chromium: a schema with limits, a value refused in the form before it is sent, a value kept.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  addNode, answered, dialogGone, launch, logIn, newProject, node, openPage, screenshot,
} from './browser.mjs'

let browser
const errors = []

before(async () => { browser = await launch() })
after(async () => { await browser?.close() })

test('a parameter defined with limits takes a value in the layer, and one outside them is refused in the form', async () => {
  const page = await openPage(browser, errors)
  await logIn(page)
  await newProject(page, `parameters ${Date.now()}`)
  await addNode(page, 'compute')
  await node(page, 'compute').waitFor()
  await dialogGone(page)
  await node(page, 'compute').dblclick()
  const panel = page.getByRole('complementary', { name: 'Node compute' })
  await panel.getByRole('tab', { name: 'Parameters' }).click()

  // the schema: alpha, a number from 0 to 1
  await panel.getByRole('button', { name: 'Add a parameter' }).click()
  const schema = panel.getByRole('form', { name: 'Parameter schema' })
  await schema.getByLabel('Name').fill('alpha')
  await schema.getByLabel('Type').click()
  await page.getByRole('option', { name: 'number', exact: true }).click()
  await schema.getByLabel('Min').fill('0')
  await schema.getByLabel('Max').fill('1')
  await schema.getByLabel('Default').fill('2')
  await schema.getByText('2 is above the maximum 1').waitFor()
  await schema.getByLabel('Default').fill('0.5')
  const defined = answered(page, 'PUT', /\/parameters$/)
  await schema.getByRole('button', { name: 'Save schema' }).click()
  assert.equal((await defined).status(), 200)

  // its value in the main layer: 3 is refused where it is typed, 0.7 is kept
  const values = panel.getByRole('form', { name: 'Parameter values' })
  await values.getByLabel('alpha').fill('3')
  await values.getByText('3 is above the maximum 1').waitFor()
  assert.equal(await values.getByRole('button', { name: 'Save values' }).isDisabled(), true)
  await values.getByLabel('alpha').fill('0.7')
  const set = answered(page, 'PUT', /\/parameter_values$/)
  await values.getByRole('button', { name: 'Save values' }).click()
  assert.equal((await set).status(), 200)
  await screenshot(page, 'node-panel-parameters')

  await page.reload()
  await node(page, 'compute').dblclick()
  await panel.getByRole('tab', { name: 'Parameters' }).click()
  assert.equal(await panel.getByRole('form', { name: 'Parameter values' }).getByLabel('alpha').inputValue(), '0.7')
  assert.equal(await panel.getByRole('form', { name: 'Parameter schema' }).getByLabel('Max').inputValue(), '1')

  // the node switched off in this layer, from its card: drawn so, and still so after a reload
  await panel.getByRole('button', { name: 'Close the node panel' }).click()
  const switched = answered(page, 'PUT', /\/active$/)
  await page.getByRole('button', { name: 'Switch off compute in this layer' }).click()
  assert.equal((await switched).status(), 200)
  await page.locator('.tributary-node.inactive').waitFor()
  await page.reload()
  await page.getByRole('button', { name: 'Switch on compute in this layer' }).waitFor()
  assert.equal(await page.locator('.tributary-node.inactive').count(), 1)
  assert.deepEqual(errors, [])
})
