// The report's one way of writing a time: ISO 8601 UTC, whole seconds without a fraction.

export const iso = (d: Date | undefined): string | undefined => (d && !Number.isNaN(d.getTime()) ? d.toISOString().replace('.000Z', 'Z') : undefined);
