// class.json: the class report data, validated against its schema on the way out.
import type { ClassRenderer } from './class-renderers';
import { ClassReport } from './class-report';

export const classJsonRenderer: ClassRenderer = {
  format: 'json',
  fileName: 'class.json',
  render(report) {
    return `${JSON.stringify(ClassReport.parse(report), null, 2)}\n`;
  },
};
