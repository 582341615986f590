// What every browser test needs: Debian's Chromium through playwright-core, the platform's address and admin.
import { chromium } from 'playwright-core'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

export const BASE = (process.env.TRIBUTARY_URL ?? 'http://127.0.0.1:8080/').replace(/\/$/, '')
export const ADMIN = { login: process.env.TRIBUTARY_LOGIN ?? 'admin', password: process.env.TRIBUTARY_PASSWORD ?? '' }
const SHOTS = process.env.TRIBUTARY_SCREENSHOTS ?? 'target/screenshots'

export async function launch () {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
      '--disable-component-update', '--disable-sync'],
  })
}

/** A new browser context (its own storage: its own session) with a page that fails the test on a page error or a
 * refusal of the Content-Security-Policy. */
export async function openPage (browser, errors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  // what the gateway's Content-Security-Policy refused is a failure too: the app must run within it
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      errors.push(message.text())
    }
  })
  return page
}

export async function logIn (page) {
  await page.goto(`${BASE}/`)
  await page.waitForURL(/\/login/)
  await page.getByLabel('Login').fill(ADMIN.login)
  await page.getByLabel('Password').fill(ADMIN.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.getByRole('heading', { name: 'Projects' }).waitFor()
}

export async function screenshot (page, name) {
  mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
}

/** The centre of an element on screen. */
export async function centre (locator) {
  const box = await locator.boundingBox()
  if (box === null) {
    throw new Error('the element is not on screen')
  }
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** Drags with the mouse, in small steps as a hand does (Vue Flow reacts to the moves, not to the end points). */
export async function drag (page, from, to) {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 8 })
  await page.mouse.move(to.x, to.y, { steps: 8 })
  await page.mouse.up()
}

/** The admin's access token, for calls a script would make (curl, the original client). */
export async function adminToken () {
  const login = await fetch(`${BASE}/api/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN),
  })
  return (await login.json()).access_token
}

/** A call as a script makes it, with a token; fails the test unless it is answered 2xx. */
export async function call (token, method, path, body) {
  const response = await fetch(`${BASE}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${text}`)
  }
  return text === '' ? null : JSON.parse(text)
}

export async function newProject (page, name) {
  await page.getByRole('button', { name: 'New project' }).click()
  await page.getByLabel('Name').fill(name)
  await page.getByRole('button', { name: 'Create' }).click()
  await page.waitForURL(/\/projects\/\d+$/)
  await page.getByRole('button', { name: 'Compute node' }).waitFor()
}

/** The node with exactly this label. */
export const node = (page, label) => page.locator('.vue-flow__node').filter({ has: page.locator(`[data-label="${label}"]`) })

/** The answer to the next call with this method whose path ends so (the live stream never lets a page go idle). */
export function answered (page, method, pathEnd) {
  return page.waitForResponse((r) => r.request().method() === method && new URL(r.url()).pathname.match(pathEnd))
}

/** Adds a node through the toolbar's dialog, with the label and container it suggests. */
export async function addNode (page, kind) {
  await page.getByRole('button', { name: kind === 'data' ? 'Data node' : 'Compute node' }).click()
  const made = answered(page, 'POST', /\/nodes$/)
  await page.getByRole('button', { name: 'Add', exact: true }).click()
  return made
}

/** Until a dialog has faded out, its backdrop takes the mouse. */
export async function dialogGone (page) {
  await page.locator('.q-dialog').waitFor({ state: 'detached' })
}
