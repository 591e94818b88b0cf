// A CSV paste the server refused whole: its message, then each line it named (nothing was stored).
import type { ApiFailure } from './api.js';
import { Notice } from './ui.js';

export function CsvRefusal({ error }: { error: ApiFailure }) {
  return (
    <Notice tone="error">
      {error.message}
      {error.problems.length > 0 && (
        <ul data-list="csv-problems">
          {error.problems.map((p) => (
            <li key={p.line}>{p.message}</li>
          ))}
        </ul>
      )}
    </Notice>
  );
}
