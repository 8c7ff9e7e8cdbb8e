/** The national data set with every area's part: the core first, then each area's step (in step order). */
export { loadNationalData } from './national.ts';
import './national-money.ts';
import './national-governance.ts';
import './national-keyfigures.ts';
