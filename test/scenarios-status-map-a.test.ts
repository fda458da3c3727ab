import { statusMapSuite } from './support/status-map';

statusMapSuite('scenario status maps (first half)', (all) => all.slice(0, Math.ceil(all.length / 2)), 300000000000);
