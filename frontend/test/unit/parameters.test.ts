import { describe, expect, it } from 'vitest'
import { bodyOf, draftOf, emptyValue, newDraft, schemaProblems, violation, type ParameterDraft } from '../../src/composables/parameters'

const numeric = (over: Partial<ParameterDraft> = {}): ParameterDraft =>
  ({ ...newDraft('alpha'), type: 'number', min: 0, max: 1, step: 0.1, defaultValue: 0.5, ...over })

describe('parameters in the form', () => {
  it('reads a parameter of the platform into the form, limits from its config', () => {
    expect(draftOf({ name: 'alpha', label: 'Alpha', type: 'slider', config: { min: 1, max: 9, step: 2, mandatory: true }, default_value: 3 }))
      .toEqual({ name: 'alpha', label: 'Alpha', type: 'slider', min: 1, max: 9, step: 2, regex: '', regexMessage: '', mandatory: true, defaultValue: 3 })
  })

  it('takes an unknown type as text and starts a missing default from the type', () => {
    const draft = draftOf({ name: 'x', type: 'colour', config: null })
    expect(draft.type).toBe('string')
    expect(draft.defaultValue).toBe('')
    expect(draftOf({ name: 'r', type: 'range', config: { min: 2, max: 5 } }).defaultValue).toEqual([2, 5])
  })

  it('sends only the limits that apply to the type and are set', () => {
    expect(bodyOf({ ...numeric(), regex: 'a+', step: null })).toEqual({
      name: 'alpha', type: 'number', config: { min: 0, max: 1 }, default_value: 0.5,
    })
    expect(bodyOf({ ...newDraft(' name '), label: ' Name ', regex: '[a-z]+', regexMessage: ' lower case ', mandatory: true, min: 3 }))
      .toEqual({ name: 'name', label: 'Name', type: 'string', config: { regex: '[a-z]+', regex_message: 'lower case', mandatory: true }, default_value: '' })
  })

  it('refuses numbers outside the limits or off the step, as the platform words it', () => {
    expect(violation(numeric(), 0.3)).toBeNull()
    expect(violation(numeric(), -0.1)).toBe('-0.1 is below the minimum 0')
    expect(violation(numeric(), 1.5)).toBe('1.5 is above the maximum 1')
    expect(violation(numeric(), 0.25)).toBe('0.25 is not on a step of 0.1 from 0')
    expect(violation(numeric({ min: null, max: null, step: 5 }), 10)).toBeNull()
    expect(violation(numeric({ min: null, max: null, step: 5 }), 12)).toBe("12 is not on a step of 5 from 0")
    expect(violation(numeric(), 'x')).toBe('must be a number')
  })

  it('refuses a range whose start is above its end, or whose ends break the limits', () => {
    const range = numeric({ type: 'range', step: null })
    expect(violation(range, [0.2, 0.8])).toBeNull()
    expect(violation(range, [0.8, 0.2])).toBe("the range's start is above its end")
    expect(violation(range, [0.2, 3])).toBe('3 is above the maximum 1')
    expect(violation(range, [1])).toBe('must be two numbers')
  })

  it('checks text against the whole pattern and uses its message', () => {
    const text = { ...newDraft('code'), regex: '[A-Z]{3}', regexMessage: 'three capitals' }
    expect(violation(text, 'ABC')).toBeNull()
    expect(violation(text, 'ABCD')).toBe('three capitals')
    expect(violation({ ...text, regexMessage: '' }, 'ab')).toBe('must match [A-Z]{3}')
  })

  it('asks for a value only where it is mandatory', () => {
    expect(violation(newDraft('x'), '')).toBeNull()
    expect(violation({ ...newDraft('x'), mandatory: true }, '')).toBe('a value is mandatory')
    expect(violation({ ...numeric(), mandatory: true }, null)).toBe('a value is mandatory')
  })

  it('checks toggles and dates by their form', () => {
    expect(violation({ ...newDraft('t'), type: 'toggle' }, true)).toBeNull()
    expect(violation({ ...newDraft('t'), type: 'toggle' }, 'yes')).toBe('must be on or off')
    expect(violation({ ...newDraft('d'), type: 'date' }, '2026-12-06')).toBeNull()
    expect(violation({ ...newDraft('d'), type: 'date' }, '6/12/2026')).toBe('must be a date (YYYY-MM-DD)')
  })

  it('finds what is wrong with a schema before it is sent, by the field the platform would name', () => {
    expect(schemaProblems([numeric(), { ...numeric(), min: 2, max: 1, defaultValue: 1.5 }, { ...newDraft(' '), type: 'number', step: 0, defaultValue: 0 }]))
      .toEqual({
        'parameters.alpha.name': 'alpha is there twice',
        'parameters.alpha.config.min': 'min 2 is above max 1',
        'parameters.alpha.default': '1.5 is below the minimum 2',
        'parameters.2.name': 'a parameter needs a name',
        'parameters.2.config.step': 'step must be above 0',
      })
  })

  it('starts a value from the type', () => {
    expect(emptyValue('slider', 3)).toBe(3)
    expect(emptyValue('range', 1, 4)).toEqual([1, 4])
    expect(emptyValue('toggle')).toBe(false)
    expect(emptyValue('date')).toBe('')
  })
})
