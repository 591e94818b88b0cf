// English strings for the mini-app's pulse-admin pages (merged into ../en.ts).
export const pulseAdminEn = {
  'x.pulse-admin.placeholder': '—',
};
