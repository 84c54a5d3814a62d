/**
 * "Use as reference" from a result: the image joins the next request's references and the typed
 * prompt stays. It used to replace the prompt with nothing, without a way back; now a change
 * says what it did and offers Undo, and a no-op says why.
 */
import { useGenerateStore } from '../../features/generate/store';
import { useNotices } from '../../lib/notices';

export function addAsReference(assetId: string): void {
  const store = useGenerateStore.getState();
  if (store.references.some((r) => 'assetId' in r && r.assetId === assetId)) {
    useNotices.getState().push({ kind: 'info', message: 'This image is already a reference for the next request.' });
    return;
  }
  if (!store.takeAsReference(assetId)) {
    const why = useGenerateStore.getState().referenceErrors[0];
    useNotices.getState().push({ kind: 'warning', message: why ?? 'This image could not be added as a reference.' });
    return;
  }
  useNotices.getState().push({
    kind: 'info',
    message: 'Added as the first reference. Your prompt is unchanged.',
    action: { label: 'Undo', testId: 'reference-undo', run: () => useGenerateStore.getState().removeReference(assetId) },
  });
  useGenerateStore.getState().requestFocus();
}
