/**
 * How a request is priced and scheduled: Standard, Economy (Flex: half price, may take minutes)
 * or Priority. Drawn from the model's capabilities, like ModelKnobs, so a form never offers a tier
 * main would refuse: Lite and models the table does not know have Standard only, and then nothing
 * is drawn; Priority appears only where the model has it and the user said their project
 * qualifies (Settings → Models). With Economy, the user may let a job that Google keeps shedding
 * move to Standard after 15 minutes; without that, it never costs more than asked.
 */
import { useId } from 'react';
import type { ModelCapabilities } from '../../../shared/models/catalogue';
import { SERVICE_TIER_LABELS, type ServiceTier } from '../../../shared/domain/serviceTiers';

/** The tiers a form may offer for this model, Standard first. */
export function offeredTiers(caps: Pick<ModelCapabilities, 'serviceTiers'>, priorityAllowed: boolean): ServiceTier[] {
  return (['standard', 'flex', 'priority'] as const).filter(
    (t) => t === 'standard' || (caps.serviceTiers.includes(t) && (t !== 'priority' || priorityAllowed)),
  );
}

/** The nearest tier the model takes: anything it lacks falls back to Standard, never to a dearer tier. */
export function fitServiceTier(tier: ServiceTier, caps: Pick<ModelCapabilities, 'serviceTiers'>, priorityAllowed: boolean): ServiceTier {
  return offeredTiers(caps, priorityAllowed).includes(tier) ? tier : 'standard';
}

const TITLE =
  'Economy runs on Google’s Flex tier: half the price, answered within minutes, and Google may set it aside when busy (Atelier tries again). Priority costs up to twice as much and answers fastest.';

export interface ServiceTierPickerProps {
  caps: Pick<ModelCapabilities, 'serviceTiers'>;
  value: ServiceTier;
  onChange(tier: ServiceTier): void;
  priorityAllowed: boolean;
  /** "After 15 minutes, pay full price"; the checkbox shows only with Economy, and only where the form passes it. */
  flexFallback?: boolean;
  onFlexFallback?(on: boolean): void;
  testIdPrefix?: string;
}

export function ServiceTierPicker({ caps, value, onChange, priorityAllowed, flexFallback, onFlexFallback, testIdPrefix = 'service-tier' }: ServiceTierPickerProps) {
  const id = useId();
  const tiers = offeredTiers(caps, priorityAllowed);
  if (tiers.length < 2) return null;
  const shown = fitServiceTier(value, caps, priorityAllowed);
  return (
    <>
      <div className="select-wrap">
        <label htmlFor={id} className="select-label">
          <span className="select-prefix">Price</span>
        </label>
        <select id={id} className="select" data-testid={`${testIdPrefix}-select`} value={shown} title={TITLE} onChange={(e) => onChange(e.target.value as ServiceTier)}>
          {tiers.map((t) => (
            <option key={t} value={t}>
              {SERVICE_TIER_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      {shown === 'flex' && onFlexFallback && (
        <label className="toggle" title="If Google keeps setting this request aside, send it at the Standard price once 15 minutes have passed. Off: it keeps trying at half price.">
          <input type="checkbox" data-testid={`${testIdPrefix}-fallback`} checked={!!flexFallback} onChange={(e) => onFlexFallback(e.target.checked)} />
          After 15 minutes, pay full price
        </label>
      )}
    </>
  );
}
