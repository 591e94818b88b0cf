// The HR pages of this feature as one lazily loaded chunk: few people ever open them, so they stay out
// of the JavaScript every first visit loads.
export { FlowEditor } from './flow-editor.js';
export { HrFlows } from './hr-flows.js';
export { HrSchemes } from './hr-schemes.js';
