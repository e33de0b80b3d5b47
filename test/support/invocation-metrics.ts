/** What the tests expect every invocation's EMF line to declare, in order. */
export const EXPECTED_INVOCATION_METRICS = Object.freeze([
  { Name: 'Latency', Unit: 'Milliseconds' },
  { Name: 'DbTime', Unit: 'Milliseconds' },
  { Name: 'DbCommands', Unit: 'Count' },
  { Name: 'ColdStart', Unit: 'Count' },
  { Name: 'ConnectionsOpened', Unit: 'Count' },
  { Name: 'Errors', Unit: 'Count' },
]);
