// The one way this project writes a time as text: ISO 8601 UTC in whole seconds, without a fraction
// ("2024-03-04T07:59:00Z"), as tags, messages and keys record them.

/** A date as ISO text; undefined for no date or an invalid one. */
export const isoDate = (d: Date | undefined): string | undefined => (d && !Number.isNaN(d.getTime()) ? d.toISOString().replace('.000Z', 'Z') : undefined);

/** Seconds since 1970 as ISO text. */
export const isoSeconds = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
