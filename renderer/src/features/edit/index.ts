/** The edit feature's public face: the canvas room and its parts, and the store events feed. */
import '../../lib/room.css';
import './edit.css';
export { EditView } from './EditView';
export { EditCanvas } from './EditCanvas';
export { BeforeAfter } from './BeforeAfter';
export { useEditStore } from './store';
