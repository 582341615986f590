// How times read in the app: the user's own locale and time zone.

/** An instant from the API (ISO 8601) as the user's locale writes it; nothing for a time not yet reached. */
export function when (at: string | undefined | null): string {
  return at === undefined || at === null ? '' : new Date(at).toLocaleString()
}
