// English strings for the mini-app's flows-schemes pages (merged into ../en.ts).
export const flowsSchemesEn = {
  'x.flows-schemes.placeholder': '—',
};
