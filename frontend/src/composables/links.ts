// A link as its dialog edits it: the type, the label filter tried against labels the user can see, and the mapping
// as rows. Pure functions, no I/O.
import type { GraphLink, LinkType } from '../stores/graph'
import { messageOf } from '../api/client'

export interface MappingRow {
  /** the name the field or file takes at the destination */
  to: string
  /** its name at the source */
  from: string
}

export interface LinkDraft {
  type: LinkType
  filter: string
  mapping: MappingRow[]
}

export function draftOfLink (link: GraphLink | undefined): LinkDraft {
  return {
    type: link?.type === 'pull' ? 'pull' : 'push',
    filter: link?.package_filter ?? '',
    mapping: Object.entries(link?.mapping ?? {}).map(([to, from]) => ({ to, from })),
  }
}

/** The mapping as the platform takes it ({"newName": "oldName"}), or why it cannot be one. */
export function mappingOf (rows: MappingRow[]): { mapping: Record<string, string> } | { problem: string } {
  const mapping: Record<string, string> = {}
  for (const row of rows) {
    const to = row.to.trim()
    const from = row.from.trim()
    if (to === '' && from === '') {
      continue
    }
    if (to === '' || from === '') {
      return { problem: 'each renaming needs both names' }
    }
    if (to in mapping) {
      return { problem: `${to} is given twice` }
    }
    mapping[to] = from
  }
  return { mapping }
}

/**
 * The filter tried in the browser: a regular expression searched for in each label (as the platform does); the
 * browser's regular expressions read ordinary filters as Java's do. An empty filter lets everything pass.
 */
export function tryFilter (filter: string, labels: string[]): { problem: string } | { passes: boolean[] } {
  if (filter === '') {
    return { passes: labels.map(() => true) }
  }
  let pattern: RegExp
  try {
    pattern = new RegExp(filter, 'u')
  } catch (error) {
    return { problem: `not a regular expression: ${messageOf(error)}` }
  }
  return { passes: labels.map((label) => pattern.test(label)) }
}

/** Whether the dialog's link differs from the one saved. */
export function linkChanged (link: GraphLink | undefined, draft: LinkDraft): boolean {
  const saved = draftOfLink(link)
  const mapping = mappingOf(draft.mapping)
  const savedMapping = mappingOf(saved.mapping)
  return saved.type !== draft.type || saved.filter !== draft.filter ||
    JSON.stringify('mapping' in mapping ? mapping.mapping : null) !==
    JSON.stringify('mapping' in savedMapping ? savedMapping.mapping : null)
}
