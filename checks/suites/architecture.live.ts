// Live suite: the architecture checks of the catalog, one test each (see define.ts).
import { defineCategorySuite } from './define';

defineCategorySuite('architecture');
