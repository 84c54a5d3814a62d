/** The compare feature's public face: the screens the app shell mounts, and the store events feed. */
import '../../lib/room.css';
import './compare.css';
export { CompareView } from './CompareView';
export { CompareForm } from './CompareForm';
export { ComparedIn } from './ComparedIn';
export { ComparisonsList } from './ComparisonsList';
export { StatsView } from './StatsView';
export { useCompareStore } from './store';
