// report.json: the report itself, validated against the contract's zod schema on the way out.
import { Report } from '../../contract/report';
import type { Renderer } from './renderer';

export const jsonRenderer: Renderer = {
  format: 'json',
  fileName: 'report.json',
  render(report) {
    // parse, not cast: a report that breaks the contract must not be written.
    return `${JSON.stringify(Report.parse(report), null, 2)}\n`;
  },
};
