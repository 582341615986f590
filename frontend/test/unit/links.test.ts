import { describe, expect, it } from 'vitest'
import { draftOfLink, linkChanged, mappingOf, tryFilter } from '../../src/composables/links'

describe('links in their dialog', () => {
  it('reads a link into the dialog, its mapping as rows', () => {
    expect(draftOfLink({ id: 1, type: 'pull', package_filter: '^run', mapping: { x: 'input' } }))
      .toEqual({ type: 'pull', filter: '^run', mapping: [{ to: 'x', from: 'input' }] })
    expect(draftOfLink(undefined)).toEqual({ type: 'push', filter: '', mapping: [] })
  })

  it('makes the mapping from the rows, skipping empty ones', () => {
    expect(mappingOf([{ to: ' x ', from: 'input' }, { to: '', from: '' }])).toEqual({ mapping: { x: 'input' } })
  })

  it('refuses a half-filled renaming or a name given twice', () => {
    expect(mappingOf([{ to: 'x', from: '' }])).toEqual({ problem: 'each renaming needs both names' })
    expect(mappingOf([{ to: 'x', from: 'a' }, { to: 'x', from: 'b' }])).toEqual({ problem: 'x is given twice' })
  })

  it('tries the filter on labels as a search, not a whole match', () => {
    expect(tryFilter('run-\\d+', ['run-1', 'final run-22', 'test'])).toEqual({ passes: [true, true, false] })
    expect(tryFilter('^run', ['run-1', 'final run-22'])).toEqual({ passes: [true, false] })
    expect(tryFilter('', ['a', 'b'])).toEqual({ passes: [true, true] })
  })

  it('says why a filter is not a regular expression', () => {
    const tried = tryFilter('(run', ['run'])
    expect('problem' in tried && tried.problem.startsWith('not a regular expression')).toBe(true)
  })

  it('tells a changed link from the saved one', () => {
    const link = { id: 1, type: 'push', package_filter: 'a', mapping: { x: 'y' } }
    expect(linkChanged(link, { type: 'push', filter: 'a', mapping: [{ to: 'x', from: 'y' }] })).toBe(false)
    expect(linkChanged(link, { type: 'pull', filter: 'a', mapping: [{ to: 'x', from: 'y' }] })).toBe(true)
    expect(linkChanged(link, { type: 'push', filter: 'b', mapping: [{ to: 'x', from: 'y' }] })).toBe(true)
    expect(linkChanged(link, { type: 'push', filter: 'a', mapping: [] })).toBe(true)
  })
})
