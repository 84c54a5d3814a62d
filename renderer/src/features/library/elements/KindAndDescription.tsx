/** An Element's kind and short description: the same two fields when it is made and when it is edited. */
import { ELEMENT_KINDS, type ElementKind } from '../../../../../shared/domain/elements';
import { ELEMENT_KIND_WORDS } from '../../../lib/ElementPicker';

export function KindAndDescription({
  kind,
  onKind,
  description,
  onDescription,
  testIds,
}: {
  kind: ElementKind;
  onKind: (kind: ElementKind) => void;
  description: string;
  onDescription: (description: string) => void;
  testIds: { kind: string; description: string };
}) {
  return (
    <>
      <label className="element-field">
        <span>Kind</span>
        <select className="select" data-testid={testIds.kind} value={kind} onChange={(e) => onKind(e.target.value as ElementKind)}>
          {ELEMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {ELEMENT_KIND_WORDS[k]}
            </option>
          ))}
        </select>
      </label>
      <label className="element-field element-field-wide">
        <span>Description</span>
        <input className="input" data-testid={testIds.description} value={description} maxLength={500} placeholder="Short: who or what it is" onChange={(e) => onDescription(e.target.value)} />
      </label>
    </>
  );
}
