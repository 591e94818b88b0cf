// A checkbox beside its label (the shared stylesheet sizes every input as a full-width field).
export const CHECK_LABEL = { display: 'flex', alignItems: 'center', gap: '.5rem', minHeight: '44px' } as const;
export const CHECK_BOX = { width: '1.4rem', minHeight: '1.4rem', margin: 0 } as const;
