// Live suite: the high-availability checks of the catalog, one test each (see define.ts).
import { defineCategorySuite } from './define';

defineCategorySuite('high-availability');
