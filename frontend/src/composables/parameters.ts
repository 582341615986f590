// A node's parameters as the Parameters tab edits them: the schema as a form, and the platform's limits checked in
// the form before anything is sent (the platform checks them again: ParameterLimits). Pure functions, no I/O.
import type { CommandSchemas, QuerySchemas } from '../api'

export const PARAMETER_TYPES = ['string', 'number', 'slider', 'range', 'toggle', 'date'] as const
export type ParameterType = typeof PARAMETER_TYPES[number]
export type ParameterView = QuerySchemas['ParameterView']
export type ParameterBody = CommandSchemas['ParameterBody']

/** One parameter of the schema as the form holds it; a limit left empty is no limit. */
export interface ParameterDraft {
  name: string
  label: string
  type: ParameterType
  min: number | null
  max: number | null
  step: number | null
  regex: string
  regexMessage: string
  mandatory: boolean
  defaultValue: unknown
}

const NUMERIC = new Set<ParameterType>(['number', 'slider', 'range'])

export function isNumeric (type: ParameterType): boolean {
  return NUMERIC.has(type)
}

function numberIn (config: Record<string, unknown>, key: string): number | null {
  const value = config[key]
  return typeof value === 'number' ? value : null
}

/** A value that suits the type, to start from: the minimum where there is one. */
export function emptyValue (type: ParameterType, min: number | null = null, max: number | null = null): unknown {
  switch (type) {
    case 'number': case 'slider': return min ?? 0
    case 'range': return [min ?? 0, max ?? min ?? 0]
    case 'toggle': return false
    default: return ''
  }
}

export function draftOf (view: ParameterView): ParameterDraft {
  const config = (view.config !== null && typeof view.config === 'object' ? view.config : {}) as Record<string, unknown>
  const type = (PARAMETER_TYPES as readonly string[]).includes(view.type ?? '') ? view.type as ParameterType : 'string'
  return {
    name: view.name ?? '',
    label: view.label ?? '',
    type,
    min: numberIn(config, 'min'),
    max: numberIn(config, 'max'),
    step: numberIn(config, 'step'),
    regex: typeof config.regex === 'string' ? config.regex : '',
    regexMessage: typeof config.regex_message === 'string' ? config.regex_message : '',
    mandatory: config.mandatory === true,
    defaultValue: view.default_value ?? emptyValue(type, numberIn(config, 'min'), numberIn(config, 'max')),
  }
}

export function newDraft (name: string): ParameterDraft {
  return { name, label: '', type: 'string', min: null, max: null, step: null, regex: '', regexMessage: '', mandatory: false, defaultValue: '' }
}

/** What the platform is sent: only the limits that apply to the type, and the ones that are set. */
export function bodyOf (draft: ParameterDraft): ParameterBody {
  const config: Record<string, unknown> = {}
  if (isNumeric(draft.type)) {
    for (const key of ['min', 'max', 'step'] as const) {
      if (draft[key] !== null) {
        config[key] = draft[key]
      }
    }
  }
  if (draft.type === 'string' && draft.regex !== '') {
    config.regex = draft.regex
    if (draft.regexMessage.trim() !== '') {
      config.regex_message = draft.regexMessage.trim()
    }
  }
  if (draft.mandatory) {
    config.mandatory = true
  }
  return {
    name: draft.name.trim(),
    ...(draft.label.trim() === '' ? {} : { label: draft.label.trim() }),
    type: draft.type,
    config,
    default_value: draft.defaultValue,
  }
}

function offStep (value: number, draft: ParameterDraft): boolean {
  if (draft.step === null) {
    return false
  }
  // in units of the step, rounded to absorb binary fractions (0.1 + 0.2)
  const steps = (value - (draft.min ?? 0)) / draft.step
  return Math.abs(steps - Math.round(steps)) > 1e-9
}

function numberViolation (value: number, draft: ParameterDraft): string | null {
  if (draft.min !== null && value < draft.min) {
    return `${value} is below the minimum ${draft.min}`
  }
  if (draft.max !== null && value > draft.max) {
    return `${value} is above the maximum ${draft.max}`
  }
  if (offStep(value, draft)) {
    return `${value} is not on a step of ${draft.step} from ${draft.min ?? 0}`
  }
  return null
}

/** Why the value breaks the parameter's limits (as the platform words it), or null when it keeps them. */
export function violation (draft: ParameterDraft, value: unknown): string | null {
  if (value === null || value === undefined || value === '') {
    return draft.mandatory ? 'a value is mandatory' : null
  }
  switch (draft.type) {
    case 'number': case 'slider':
      return typeof value === 'number' && Number.isFinite(value) ? numberViolation(value, draft) : 'must be a number'
    case 'range': {
      if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === 'number')) {
        return 'must be two numbers'
      }
      const [start, end] = value as [number, number]
      return start > end ? "the range's start is above its end"
        : numberViolation(start, draft) ?? numberViolation(end, draft)
    }
    case 'toggle':
      return typeof value === 'boolean' ? null : 'must be on or off'
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? null : 'must be a date (YYYY-MM-DD)'
    default: {
      if (typeof value !== 'string') {
        return 'must be text'
      }
      if (draft.regex === '') {
        return null
      }
      let pattern: RegExp
      try {
        pattern = new RegExp(`^(?:${draft.regex})$`, 'u')
      } catch {
        return null // a pattern this browser cannot read: the platform judges
      }
      return pattern.test(value) ? null : draft.regexMessage.trim() !== '' ? draft.regexMessage.trim() : `must match ${draft.regex}`
    }
  }
}

/** What is wrong with the schema before it is sent: names, limits that contradict, defaults outside them. */
export function schemaProblems (drafts: ParameterDraft[]): Record<string, string> {
  const problems: Record<string, string> = {}
  const seen = new Set<string>()
  drafts.forEach((d, i) => {
    const name = d.name.trim()
    const at = `parameters.${name === '' ? i : name}`
    if (name === '') {
      problems[`${at}.name`] = 'a parameter needs a name'
    } else if (seen.has(name)) {
      problems[`${at}.name`] = `${name} is there twice`
    }
    seen.add(name)
    if (isNumeric(d.type) && d.min !== null && d.max !== null && d.min > d.max) {
      problems[`${at}.config.min`] = `min ${d.min} is above max ${d.max}`
    }
    if (isNumeric(d.type) && d.step !== null && d.step <= 0) {
      problems[`${at}.config.step`] = 'step must be above 0'
    }
    const bad = violation(d, d.defaultValue)
    if (bad !== null) {
      problems[`${at}.default`] = bad
    }
  })
  return problems
}
