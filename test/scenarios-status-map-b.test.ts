import { statusMapSuite } from './support/status-map';

statusMapSuite('scenario status maps (second half)', (all) => all.slice(Math.ceil(all.length / 2)), 310000000000);
