export const DOC_KINDS = ['component-base', 'component-version', 'application', 'application-version'];
