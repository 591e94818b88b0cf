// Development paths (issue 25 §4), loaded on demand as their own chunk (main.tsx, team.tsx).
export { HrPaths } from './hr-paths.js';
export { MyPath } from './my-path.js';
export { TeamPaths } from './team-paths.js';
