// English strings of the report download control and the points export (merged into ../en.ts).
export const exportsEn = {
  'x.export.group': 'Download this report',
  'x.export.csv': 'Export CSV',
  'x.export.xlsx': 'Export XLSX',
  'x.export.failed': 'The export could not be made. Try again.',
  'x.export.points.title': 'Export points',
  'x.export.points.help': 'The ledger of a period (every entry), or its points by unit or by value tag.',
  'x.export.points.from': 'From',
  'x.export.points.to': 'To',
  'x.export.points.view': 'What',
  'x.export.points.ledger': 'Ledger (every entry)',
  'x.export.points.units': 'By unit',
  'x.export.points.tags': 'By value tag',
  'x.export.points.value': 'Where value comes from (unit × tag)',
  'x.value.chart': 'Points earned by unit',
  'x.value.empty': 'No claims were approved in this period.',
};
