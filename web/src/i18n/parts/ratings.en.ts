// English strings for the mini-app's rating cycle page and closing confirmation (merged into ../en.ts).
export const ratingsEn = {
  'x.rt.cycle.title': 'Rating cycle #{id}',
  'x.rt.cycle.back': '← All rating cycles',
  'x.rt.cycle.details': 'Details',
  'x.rt.cycle.coverage': 'Filled by dimension',
  'x.rt.cycle.filled': '{filled} of {of}',
  'x.rt.cycle.noRater': 'No rater',
  'x.rt.cycle.noRaterLine': '{name} · {dimension}: {reason}',
  'x.rt.import.title': 'Import {names}',
  'x.rt.import.help':
    'A CSV with the header email,dimension,value — one row per person. Upload the file or paste its lines below.',
  'x.rt.import.file': 'CSV file',
  'x.rt.import.paste': 'Or paste the CSV here',
  'x.rt.import.submit': 'Import',
  'x.rt.import.skipInvalid': 'Import the {n} valid row(s), skip the rest',
  'x.rt.import.done': 'Imported {n} value(s).',
  'x.rt.import.skipped': '{n} row(s) not imported:',
  'x.rt.import.line': 'Line {line}: {message}',
  'x.rt.close.title': 'Close and publish',
  'x.rt.close.missingIntro':
    'Not filled for everyone yet. Where a score is missing, that dimension is left out of the person’s composite and the other dimensions are reweighted to 100%:',
  'x.rt.close.line': '{name}: not filled for {missing} of {of}',
  'x.rt.close.confirm': 'Close and publish anyway',
  'x.rt.close.keepOpen': 'Keep it open',
  'x.rt.coverage.note':
    'Where a dimension is missing, it is left out of that person’s composite and the others are reweighted to 100%.',
  'x.rt.close.stale': 'The ratings changed since that summary. Here is the current one; confirm again to close.',
  'x.rt.close.leftOut': 'Left out where missing: {dims}; those composites were renormalised over the other dimensions.',
  'x.rt.results.noRater': 'Nobody rates {dims} for you (nobody is above you), so it is left out of your composite.',
} as const;
