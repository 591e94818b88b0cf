// English: reading a claim's value (quantities with units) and the value-tags card.
export const pointsEn = {
  'claim.unit.days': 'days saved',
  'claim.daysValue': '{n} days',
  'claim.value.placeholder': 'e.g. 15%, ¥100,000, 2.5 hours',
  'claim.value.understood': 'Understood: {list}.',
  'claim.value.unreadable': 'Could not read “{text}”.',
  'claim.value.ambiguous_number':
    '“{text}” is ambiguous: a comma inside a number must be followed by exactly three digits (100,000). Use a dot for decimals (1.5), and a comma and a space between two values (15%, 20%).',
  'claim.value.ambiguous_space':
    '“{text}” is ambiguous: write one number without a space (100000 or 100,000), or separate two values with a comma (15%, 20%).',
  'claim.value.conflicting_units': '“{text}” has two different units; give each value one unit.',
  'claim.value.too_many_digits': '“{text}” has more digits than can be kept exactly (at most 15).',
  'claim.value.too_many': 'At most {max} values, please.',
  'claim.value.too_long': 'Please keep the value under {max} characters.',
  'claim.value.hint': 'Write each value with its unit, e.g. 15%, ¥100,000 or 2.5 hours, separated by commas.',
  'tags.points': '{points} points (approvers may give {min}–{max})',
  'tags.none': 'No value tags yet.',
  'tags.category.efficiency': 'Efficiency',
  'tags.category.collaboration': 'Collaboration',
  'tags.category.impact': 'Business impact',
  'tags.category.innovation': 'Innovation',
  'tags.category.people': 'People',
} as const;
